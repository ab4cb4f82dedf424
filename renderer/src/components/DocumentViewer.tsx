import { useEffect, useRef, useState } from 'react';
import { base64ToBlob } from '../lib/files.js';
import { Dialog } from './Dialog.js';
import { Button } from './form.js';

/** A file to show in the application: as the documents operations return it. */
export interface ViewedFile {
  fileName: string;
  base64: string;
  /** `application/pdf`, `image/jpeg`, `image/png`… */
  mime: string;
}

/**
 * Shows a document inside Guichet, never as a download (issue 9: « no plaintext copy left in
 * Downloads »): a modal dialog over a blob: URL held in memory — a PDF in a frame without the
 * viewer's toolbar (no « Enregistrer »), an image as an image — revoked when the dialog closes.
 * `printable` adds « Imprimer » (the recovery sheet), which prints the frame's document.
 */
export function DocumentViewer({ file, title, printable, onClose }: { file: ViewedFile; title: string; printable?: boolean; onClose(): void }) {
  const [url, setUrl] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const isPdf = file.mime === 'application/pdf';

  useEffect(() => {
    const objectUrl = URL.createObjectURL(base64ToBlob(file.base64, file.mime));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);

  return (
    <Dialog title={title} onClose={onClose} wide testId="document-viewer">
      <div className="viewer">
        {url === null ? null : isPdf ? (
          // #toolbar=0: Chromium's viewer shows no save or download button.
          <iframe ref={frame} className="viewer__frame" src={`${url}#toolbar=0&navpanes=0`} title={`${title} — ${file.fileName}`} data-testid="document-viewer-frame" />
        ) : (
          <img className="viewer__image" src={url} alt={`${title} — ${file.fileName}`} data-testid="document-viewer-image" />
        )}
      </div>
      <footer className="dialog__footer">
        <span className="viewer__note muted small">Affiché dans Guichet seulement&nbsp;: aucune copie n’est enregistrée sur ce poste.</span>
        {printable && isPdf ? (
          <Button onClick={() => frame.current?.contentWindow?.print()} data-testid="document-viewer-print">
            Imprimer
          </Button>
        ) : null}
        <Button variant="primary" onClick={onClose} data-testid="document-viewer-close">
          Fermer
        </Button>
      </footer>
    </Dialog>
  );
}
