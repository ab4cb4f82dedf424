import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/contract/requests.js';
import { formatTimestamp } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { DocumentViewer, type ViewedFile } from '../../components/DocumentViewer.js';
import { toast } from '../../state/toasts.js';
import { useCan } from '../../state/session.js';

/** What an agent reads for each kind of non-medical piece attached to a request. */
const DOCUMENT_KINDS: Record<string, string> = {
  radiation_certificate: 'Certificat de radiation',
};

/**
 * The documents of a request (their index, never their content); a medical certificate opens for
 * the `sante` role only (the service checks and audits), a piece for every agent, both in the in-app viewer, never downloaded. `onAttach` offers to join a certificate.
 */
export function RequestDocuments({ request, onAttach }: { request: RequestDetail; onAttach: (() => void) | null }) {
  const [opening, setOpening] = useState<string | null>(null);
  // Without the « Documents de santé » permission the certificate is listed, not opened.
  const canOpen = useCan('documents.openHealth');
  const canOpenPiece = useCan('documents.openPiece');
  const [viewing, setViewing] = useState<(ViewedFile & { title: string }) | null>(null);

  /** A document from another desk is fetched from the server when it is opened (or says it will be). */
  async function openDocument(documentId: string, isHealth: boolean) {
    setOpening(documentId);
    try {
      const file = await invoke(isHealth ? 'documents.openHealth' : 'documents.openPiece', { documentId });
      // Shown in the application, never downloaded: no plaintext copy is left on the desk.
      setViewing({ fileName: file.fileName, base64: file.base64, mime: file.mime, title: isHealth ? 'Certificat médical' : 'Pièce jointe' });
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setOpening(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="rq-docs" data-testid="request-documents">
      <div className="section__header">
        <h2 id="rq-docs" className="panel__label">
          Documents
        </h2>
        {onAttach ? (
          <Button variant="ghost" onClick={onAttach} data-testid="add-certificate">
            {request.type === 'radiation' ? 'Joindre le certificat de radiation' : 'Joindre un certificat'}
          </Button>
        ) : null}
      </div>
      {request.documents.length === 0 ? (
        <p className="muted">Aucun document joint.</p>
      ) : (
        <ul className="doc-list">
          {request.documents.map((doc) => (
            <li key={doc.id} data-testid="request-document" data-document-id={doc.id}>
              <span>
                {doc.isHealth ? 'Certificat médical' : (DOCUMENT_KINDS[doc.kind] ?? 'Pièce jointe')}
                {doc.fileName ? <span className="muted"> · {doc.fileName}</span> : null}
                <span className="muted small">
                  {' '}
                  · ajouté le {formatTimestamp(doc.createdAt)} par {doc.createdBy}
                </span>
              </span>
              {doc.isHealth && canOpen ? (
                <Button variant="ghost" busy={opening === doc.id} onClick={() => void openDocument(doc.id, true)} data-testid="open-certificate">
                  Ouvrir le certificat
                </Button>
              ) : null}
              {!doc.isHealth && canOpenPiece ? (
                <Button variant="ghost" busy={opening === doc.id} onClick={() => void openDocument(doc.id, false)} data-testid="open-piece">
                  Ouvrir
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {viewing ? <DocumentViewer file={viewing} title={viewing.title} onClose={() => setViewing(null)} /> : null}
    </section>
  );
}
