import { REQUEST_TYPE_LABELS, type RefundVerdictOutput, type RequestDetail } from '../../../../shared/contract/requests.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatFrenchDate, formatTimestamp } from '../../../../shared/domain/dates.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { formatWeekdays } from '../../../../shared/domain/weekdays.js';
import { invoke } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/errors.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { FormDialog } from '../../components/Dialog.js';
import { Field } from '../../components/fields.js';
import { Button, TextAreaField } from '../../components/form.js';
import { PdfButton } from '../../components/PdfButton.js';
import { downloadBase64 } from '../../lib/files.js';
import { fieldErrors } from '../../lib/issues.js';
import { plural, upper } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import { useStatus } from '../../state/status.js';
import { toast } from '../../state/toasts.js';
import { CERTIFICATE_ACCEPT, certificateProblem, uploadCertificate } from './certificate.js';
import { isWaiting, refreshRequestsWaiting, RequestStatusBadge, waitedText } from './labels.js';

type OpenDialog =
  | { kind: 'acceptRefund'; verdict: RefundVerdictOutput }
  | { kind: 'refuse' }
  | { kind: 'missing' }
  | { kind: 'rhythm' }
  | { kind: 'close' }
  | { kind: 'radiation' }
  | { kind: 'upload' };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const yesNo = (v: unknown) => (v === true ? 'oui' : 'non');

/** One request: its details, documents, instruction and decision. */
/** What an agent reads for each kind of non-medical piece attached to a request. */
const DOCUMENT_KINDS: Record<string, string> = {
  radiation_certificate: 'Certificat de radiation',
};

export function RequestPage() {
  const { id = '' } = useParams();
  const actor = useStatus((s) => s.actor);
  const [request, setRequest] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<{ message: string; notFound: boolean } | null>(null);
  const [verdict, setVerdict] = useState<RefundVerdictOutput | null>(null);
  const [verdictError, setVerdictError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(null);
  const [busyAction, setBusyAction] = useState<string | null>(null);
  const sequence = useRef(0);

  const load = useCallback(async () => {
    const mine = ++sequence.current;
    try {
      const value = await invoke('requests.get', { requestId: id });
      if (mine !== sequence.current) return;
      setRequest(value);
      setError(null);
      if (value.type === 'refund') {
        try {
          const v = await invoke('requests.refundVerdict', { requestId: id });
          if (mine !== sequence.current) return;
          setVerdict(v);
          setVerdictError(null);
        } catch (e) {
          if (mine === sequence.current) setVerdictError(errorMessage(e));
        }
      }
    } catch (e) {
      if (mine !== sequence.current) return;
      setError({ message: errorMessage(e), notFound: e instanceof ApiError && e.code === 'NOT_FOUND' });
    }
  }, [id]);

  useEffect(() => {
    setRequest(null);
    setVerdict(null);
    setEffectiveFrom(null);
    void load();
  }, [load]);

  const done = useCallback(
    (message?: string) => {
      setDialog(null);
      if (message) toast.success(message);
      refreshRequestsWaiting();
      void load();
    },
    [load],
  );

  async function quick(name: string, action: () => Promise<unknown>, message: string) {
    setBusyAction(name);
    try {
      await action();
      done(message);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusyAction(null);
    }
  }

  async function openDocument(documentId: string) {
    setBusyAction('open-' + documentId);
    try {
      const file = await invoke('documents.openHealth', { documentId });
      downloadBase64(file.fileName, file.base64, file.mime);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusyAction(null);
    }
  }

  if (error && !request) {
    return (
      <div className="page">
        <BackLink />
        <h1>{error.notFound ? 'Demande introuvable' : 'Impossible d’ouvrir la demande'}</h1>
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
        {error.notFound ? null : <Button onClick={() => void load()}>Réessayer</Button>}
      </div>
    );
  }
  if (!request) {
    return (
      <div className="page" aria-busy="true">
        <BackLink />
        <p className="muted">Chargement de la demande…</p>
      </div>
    );
  }

  const waiting = isWaiting(request.status);
  const d = request.details;
  const decisionVerdict = readVerdict(request.decision);
  const shownVerdict = !waiting && decisionVerdict ? decisionVerdict : verdict;
  const decidedFrom = effectiveFrom ?? str(request.decision?.['effectiveFrom']);
  // Every waiting request but a correction or a contact can be refused; every one can lack pieces.
  const refuseButton = (
    <Button variant="danger" onClick={() => setDialog({ kind: 'refuse' })} data-testid="refuse-request">
      Refuser
    </Button>
  );
  const missingButton = (
    <Button onClick={() => setDialog({ kind: 'missing' })} data-testid="missing-pieces">
      Pièces manquantes
    </Button>
  );

  return (
    <div className="page" data-testid="request-page" data-request-id={request.id} data-type={request.type}>
      <BackLink />
      <header className="page__header">
        <div>
          <h1 data-testid="request-title">
            {REQUEST_TYPE_LABELS[request.type]}
            {request.familyId ? (
              <>
                {' — '}
                <Link to={`/familles/${request.familyId}`} data-testid="request-family-link">
                  dossier n°&nbsp;{request.dossierNumber} — {upper(request.familyName ?? '')}
                </Link>
              </>
            ) : null}
          </h1>
          <div className="family-header__meta">
            <RequestStatusBadge status={request.status} />
            <span className="muted">
              {request.childName ? <>Enfant&nbsp;: {request.childName} · </> : null}
              Reçue le {formatFrenchDate(request.receivedOn)}
              {waiting ? <> · en attente depuis {waitedText(request.waitedDays)}</> : null}
              {' · '}
              {request.handledBy ? <>suivie par {request.handledBy}</> : 'non attribuée'}
            </span>
          </div>
        </div>
        {waiting ? (
          <div className="page__actions">
            {actor && request.handledBy !== actor ? (
              <Button
                busy={busyAction === 'assign'}
                onClick={() => void quick('assign', () => invoke('requests.assign', { requestId: request.id, agent: actor }), 'Demande attribuée à vous.')}
                data-testid="assign-me"
              >
                M’attribuer la demande
              </Button>
            ) : null}
            {request.status !== 'in_review' ? (
              <Button
                busy={busyAction === 'review'}
                onClick={() =>
                  void quick('review', () => invoke('requests.setStatus', { requestId: request.id, status: 'in_review', missingPieces: [] }), 'Demande en instruction.')
                }
                data-testid="set-in-review"
              >
                Passer en instruction
              </Button>
            ) : null}
          </div>
        ) : null}
      </header>

      {request.status === 'missing_documents' && request.missingPieces.length > 0 ? (
        <div className="alert alert--warn" data-testid="missing-pieces-list">
          <p>Pièces manquantes&nbsp;:</p>
          <ul>
            {request.missingPieces.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="request-layout">
        <section className="panel" aria-labelledby="rq-details">
          <h2 id="rq-details" className="panel__label">
            Détails
          </h2>
          <dl className="kv" data-testid="request-details">
            {request.type === 'refund' ? (
              <>
                <dt>Absence</dt>
                <dd>
                  du {formatFrenchDate(str(d['absenceFrom']))} au {formatFrenchDate(str(d['absenceTo']))}
                </dd>
                <dt>Motif</dt>
                <dd>{str(d['reason'])}</dd>
                <dt>Certificat original</dt>
                <dd>{yesNo(d['certificateOriginal'])}</dd>
                <dt>Sans rature ni surcharge</dt>
                <dd>{yesNo(d['certificateNoErasures'])}</dd>
                <dt>Visa du directeur</dt>
                <dd>
                  {yesNo(d['schoolHeadVisa'])}
                  {str(d['schoolHeadVisaOn']) ? `, le ${formatFrenchDate(str(d['schoolHeadVisaOn']))}` : ''}
                </dd>
              </>
            ) : null}
            {request.type === 'rhythm' ? (
              <>
                <dt>Jours demandés</dt>
                <dd>{Array.isArray(d['weekdays']) ? formatWeekdays(d['weekdays'].filter((x): x is number => typeof x === 'number')) : '—'}</dd>
              </>
            ) : null}
            {request.type === 'radiation' ? (
              <>
                <dt>Déménagement le</dt>
                <dd>{formatFrenchDate(str(d['movingDate']))}</dd>
                <dt>Nouvelle adresse</dt>
                <dd className="notes">{str(d['newAddress'])}</dd>
              </>
            ) : null}
            {request.type === 'correction' ? (
              <>
                <dt>Objet</dt>
                <dd>{str(d['concerns'])}</dd>
                <dt>Demande</dt>
                <dd className="notes">{str(d['text'])}</dd>
              </>
            ) : null}
            {request.type === 'contact' ? (
              <>
                <dt>Message</dt>
                <dd className="notes">{str(d['text'])}</dd>
              </>
            ) : null}
            {request.decidedAt ? (
              <>
                <dt>Décision</dt>
                <dd data-testid="request-decision">
                  le {formatTimestamp(request.decidedAt)}
                  {request.decidedBy ? ` par ${request.decidedBy}` : ''}
                </dd>
              </>
            ) : null}
            {request.familyId && request.status !== 'received' && request.status !== 'in_review' ? (
              <>
                <dt>Courrier</dt>
                <dd>
                  <PdfButton
                    variant="ghost"
                    testId="decision-letter"
                    load={() => invoke('documents.decisionLetterPdf', { requestId: request.id })}
                  >
                    Lettre à la famille (PDF)
                  </PdfButton>
                </dd>
              </>
            ) : null}
            {request.letterNote ? (
              <>
                <dt>Note</dt>
                <dd className="notes">{request.letterNote}</dd>
              </>
            ) : null}
          </dl>
        </section>

        <section className="panel" aria-labelledby="rq-docs" data-testid="request-documents">
          <div className="section__header">
            <h2 id="rq-docs" className="panel__label">
              Documents
            </h2>
            {waiting && request.familyId && (request.type === 'refund' || request.type === 'radiation') ? (
              <Button variant="ghost" onClick={() => setDialog({ kind: 'upload' })} data-testid="add-certificate">
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
                  {doc.isHealth ? (
                    <Button
                      variant="ghost"
                      busy={busyAction === 'open-' + doc.id}
                      onClick={() => void openDocument(doc.id)}
                      data-testid="open-certificate"
                    >
                      Ouvrir le certificat
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {request.type === 'refund' ? (
        <section className="section" aria-labelledby="rq-verdict">
          <div className="section__header">
            <h2 id="rq-verdict">Vérification du remboursement</h2>
            {waiting ? <span className="muted small">recalculée à chaque ouverture de la demande</span> : null}
          </div>
          {verdictError && !shownVerdict ? (
            <p className="alert alert--error" role="alert">
              {verdictError}
            </p>
          ) : null}
          {shownVerdict ? <VerdictPanel verdict={shownVerdict} /> : !verdictError ? <p className="muted">Vérification…</p> : null}
          {waiting ? (
            <div className="request-actions">
              {shownVerdict?.eligible ? (
                <Button variant="primary" onClick={() => setDialog({ kind: 'acceptRefund', verdict: shownVerdict })} data-testid="accept-refund">
                  Accepter le remboursement
                </Button>
              ) : null}
              {refuseButton}
              {missingButton}
            </div>
          ) : null}
        </section>
      ) : null}

      {request.type === 'rhythm' ? (
        <section className="section">
          {decidedFrom ? (
            <p className="alert alert--success" data-testid="rhythm-effective">
              Le nouveau rythme s’appliquera à partir du {formatFrenchDate(decidedFrom)}.
            </p>
          ) : null}
          {waiting ? (
            <div className="request-actions">
              <Button variant="primary" onClick={() => setDialog({ kind: 'rhythm' })} data-testid="validate-rhythm">
                Valider le changement
              </Button>
              {refuseButton}
              {missingButton}
            </div>
          ) : null}
        </section>
      ) : null}

      {waiting && (request.type === 'correction' || request.type === 'contact') ? (
        <div className="request-actions">
          <Button variant="primary" onClick={() => setDialog({ kind: 'close' })} data-testid="close-request">
            Clore la demande
          </Button>
          {missingButton}
        </div>
      ) : null}

      {waiting && request.type === 'radiation' ? (
        <div className="request-actions">
          <Button variant="primary" onClick={() => setDialog({ kind: 'radiation' })} data-testid="accept-radiation">
            Accepter la radiation
          </Button>
          {refuseButton}
          {missingButton}
        </div>
      ) : null}

      {dialog?.kind === 'acceptRefund' ? (
        <AcceptRefundDialog request={request} verdict={dialog.verdict} onClose={() => setDialog(null)} onDone={done} />
      ) : null}
      {dialog?.kind === 'refuse' ? <RefuseDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'missing' ? <MissingDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'rhythm' ? (
        <RhythmDialog
          request={request}
          onClose={() => setDialog(null)}
          onDone={(from) => {
            setEffectiveFrom(from);
            done(from ? `Le nouveau rythme s’appliquera à partir du ${formatFrenchDate(from)}.` : 'Changement de rythme validé.');
          }}
        />
      ) : null}
      {dialog?.kind === 'close' ? <CloseDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'radiation' ? <RadiationDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'upload' ? <UploadDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/demandes" className="back-link">
      ← Retour aux demandes
    </Link>
  );
}

function readVerdict(decision: Record<string, unknown> | null): RefundVerdictOutput | null {
  const v = decision?.['verdict'];
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Partial<RefundVerdictOutput>;
  if (typeof o.eligible !== 'boolean' || !Array.isArray(o.checks) || !Array.isArray(o.refundedDays) || typeof o.amountCents !== 'number') return null;
  return o as RefundVerdictOutput;
}

export function VerdictPanel({ verdict }: { verdict: RefundVerdictOutput }) {
  return (
    <div className={`panel verdict verdict--${verdict.eligible ? 'ok' : 'ko'}`} data-testid="refund-verdict" data-eligible={verdict.eligible}>
      <p className="verdict__head" data-testid="verdict-eligible">
        {verdict.eligible ? (
          <>
            <strong>Remboursable</strong>&nbsp;: {plural(verdict.refundedDays.length, 'jour', 'jours')}, <strong data-testid="verdict-amount">{formatCents(verdict.amountCents)}</strong>
          </>
        ) : (
          <strong>Non remboursable</strong>
        )}
      </p>
      <ul className="verdict__checks">
        {verdict.checks.map((c) => (
          <li key={c.rule} className={`verdict__check verdict__check--${c.ok ? 'ok' : 'ko'}`} data-testid="verdict-check" data-rule={c.rule} data-ok={c.ok}>
            <span className="verdict__mark" aria-hidden="true">
              {c.ok ? '✓' : '✗'}
            </span>
            <span className="visually-hidden">{c.ok ? 'Vérifié' : 'Non conforme'}&nbsp;: </span>
            {c.message}
          </li>
        ))}
      </ul>
      {verdict.refundedDays.length > 0 ? (
        <p className="verdict__days" data-testid="verdict-days">
          Jours remboursés&nbsp;: {verdict.refundedDays.map((day) => formatFrenchDate(day)).join(', ')}
        </p>
      ) : null}
    </div>
  );
}

interface DialogProps {
  request: RequestDetail;
  onClose(): void;
  onDone(message?: string): void;
}

function AcceptRefundDialog({ request, verdict, onClose, onDone }: DialogProps & { verdict: RefundVerdictOutput }) {
  const m = useMutation(() => invoke('requests.decideRefund', { requestId: request.id, decision: 'accept', missingPieces: [] }));
  async function submit() {
    const answer = await m.run();
    if (answer) onDone(`Remboursement accepté\u00a0: ${formatCents(answer.verdict.amountCents)} en avoir sur la prochaine facture.`);
  }
  return (
    <ActionDialog
      title="Accepter le remboursement"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={m.busy}
      error={m.error}
      submitLabel="Accepter le remboursement"
      testId="accept-refund-dialog"
    >
      <p data-testid="accept-refund-summary">
        {plural(verdict.refundedDays.length, 'jour', 'jours')} de repas remboursé{verdict.refundedDays.length >= 2 ? 's' : ''} pour{' '}
        {request.childName ?? 'l’enfant'}, soit <strong>{formatCents(verdict.amountCents)}</strong>.
      </p>
      <p>Ce montant apparaîtra en avoir sur la prochaine facture de la famille.</p>
    </ActionDialog>
  );
}

function RefuseDialog({ request, onClose, onDone }: DialogProps) {
  const [note, setNote] = useState('');
  const m = useMutation((): Promise<unknown> =>
    request.type === 'rhythm'
      ? invoke('requests.decideRhythm', { requestId: request.id, decision: 'refuse', note })
      : request.type === 'radiation'
        ? invoke('requests.decideRadiation', { requestId: request.id, decision: 'refuse', note, missingPieces: [] })
        : invoke('requests.decideRefund', { requestId: request.id, decision: 'refuse', note, missingPieces: [] }),
  );
  async function submit() {
    if ((await m.run()) !== undefined) onDone('Demande refusée.');
  }
  return (
    <FormDialog title="Refuser la demande" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Refuser" submitVariant="danger" testId="refuse-dialog">
      <TextAreaField label="Note (motif du refus, reprise dans le courrier)" path="note" errors={fieldErrors(m.error)} value={note} onChange={setNote} rows={4} />
    </FormDialog>
  );
}

function MissingDialog({ request, onClose, onDone }: DialogProps) {
  const [text, setText] = useState(request.missingPieces.join('\n'));
  const pieces = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const m = useMutation((): Promise<unknown> =>
    request.type === 'refund'
      ? invoke('requests.decideRefund', { requestId: request.id, decision: 'missing_documents', missingPieces: pieces })
      : request.type === 'radiation'
        ? invoke('requests.decideRadiation', { requestId: request.id, decision: 'missing_documents', missingPieces: pieces })
        : invoke('requests.setStatus', { requestId: request.id, status: 'missing_documents', missingPieces: pieces }),
  );
  async function submit() {
    if ((await m.run()) !== undefined) onDone('Demande en attente de pièces.');
  }
  return (
    <FormDialog title="Pièces manquantes" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Enregistrer" testId="missing-pieces-dialog">
      <TextAreaField
        label="Pièces à fournir (une par ligne)"
        path="missingPieces"
        errors={fieldErrors(m.error)}
        value={text}
        onChange={setText}
        rows={5}
        hint="Par exemple «\u00a0certificat médical original\u00a0»."
      />
    </FormDialog>
  );
}

function RhythmDialog({ request, onClose, onDone }: Omit<DialogProps, 'onDone'> & { onDone(effectiveFrom: string | null): void }) {
  const m = useMutation(() => invoke('requests.decideRhythm', { requestId: request.id, decision: 'accept' }));
  async function submit() {
    const answer = await m.run();
    if (answer) onDone(answer.effectiveFrom);
  }
  const days = request.details['weekdays'];
  return (
    <ActionDialog title="Valider le changement de rythme" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Valider le changement" testId="rhythm-dialog">
      <p>
        Nouveau rythme de {request.childName ?? 'l’enfant'}&nbsp;:{' '}
        <strong>{Array.isArray(days) ? formatWeekdays(days.filter((x): x is number => typeof x === 'number')) : '—'}</strong>.
      </p>
      <p>Il s’appliquera au début de la prochaine période de facturation.</p>
    </ActionDialog>
  );
}

function CloseDialog({ request, onClose, onDone }: DialogProps) {
  const [note, setNote] = useState('');
  const m = useMutation(() => invoke('requests.closeCorrection', { requestId: request.id, note }));
  async function submit() {
    if (await m.run()) onDone('Demande close.');
  }
  return (
    <FormDialog title="Clore la demande" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Clore la demande" testId="close-dialog">
      <TextAreaField label="Note (ce qui a été fait)" path="note" errors={fieldErrors(m.error)} required value={note} onChange={setNote} rows={4} />
    </FormDialog>
  );
}

function RadiationDialog({ request, onClose, onDone }: DialogProps) {
  const [note, setNote] = useState('');
  const m = useMutation(() => invoke('requests.decideRadiation', { requestId: request.id, decision: 'accept', note, missingPieces: [] }));
  async function submit() {
    const answer = await m.run();
    if (answer) {
      onDone(
        answer.lastBilledDay
          ? `Radiation acceptée : dernier jour facturé le ${formatFrenchDate(answer.lastBilledDay)}.`
          : 'Radiation acceptée.',
      );
    }
  }
  return (
    <FormDialog title="Accepter la radiation" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Accepter la radiation" testId="radiation-dialog">
      <p>
        La famille sera radiée à la date du déménagement ({formatFrenchDate(str(request.details['movingDate']))}).
      </p>
      <TextAreaField label="Note" path="note" errors={fieldErrors(m.error)} value={note} onChange={setNote} rows={3} />
    </FormDialog>
  );
}

function UploadDialog({ request, onClose, onDone }: DialogProps) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const m = useMutation(async () => {
    if (!file || !request.familyId) throw new ApiError({ code: 'VALIDATION', message: 'Choisissez un fichier.', field: 'base64' });
    return uploadCertificate(
      file,
      { familyId: request.familyId, childId: request.childId, requestId: request.id },
      request.type === 'radiation' ? 'radiation' : 'medical',
    );
  });
  async function submit() {
    if (problem) return;
    if (await m.run()) onDone('Certificat joint à la demande.');
  }
  return (
    <FormDialog title={request.type === 'radiation' ? 'Joindre le certificat de radiation' : 'Joindre un certificat'} onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Joindre" testId="upload-dialog">
      <Field label="Certificat scanné (PDF, JPEG ou PNG, 10 Mo au plus)" path="base64" errors={fieldErrors(m.error)} error={problem}>
        {(props) => (
          <input
            {...props}
            type="file"
            accept={CERTIFICATE_ACCEPT}
            data-testid="upload-certificate-file"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              setProblem(f ? certificateProblem(f) : null);
            }}
          />
        )}
      </Field>
    </FormDialog>
  );
}
