import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { REQUEST_TYPE_LABELS, type RefundVerdict, type RequestDetail } from '../../../../shared/contract/requests.js';
import type { OperationName } from '../../../../shared/contract/operations.js';
import { formatFrenchDate, formatTimestamp } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { PdfButton } from '../../components/PdfButton.js';
import { upper } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { useStatus } from '../../state/status.js';
import { toast } from '../../state/toasts.js';
import { AcceptRefundDialog } from './AcceptRefundDialog.js';
import { AccountLinkDialog } from './AccountLinkDialog.js';
import { AccountLinkSection } from './AccountLinkSection.js';
import { CloseDialog } from './CloseDialog.js';
import { isWaiting, RequestStatusBadge, waitedText } from './RequestStatusBadge.js';
import { refreshRequestsWaiting } from './waiting.js';
import { MissingPiecesDialog } from './MissingPiecesDialog.js';
import { RadiationDialog } from './RadiationDialog.js';
import { RefuseDialog } from './RefuseDialog.js';
import { RequestDocuments } from './RequestDocuments.js';
import { RequestFacts } from './RequestFacts.js';
import { RhythmDialog } from './RhythmDialog.js';
import { SourceTag } from './SourceTag.js';
import { UploadDialog } from './UploadDialog.js';
import { VerdictPanel } from './VerdictPanel.js';
import { useCan } from '../../state/session.js';

type OpenDialog =
  | { kind: 'acceptRefund'; verdict: RefundVerdict }
  | { kind: 'refuse' }
  | { kind: 'missing' }
  | { kind: 'rhythm' }
  | { kind: 'close' }
  | { kind: 'radiation' }
  | { kind: 'accountLink' }
  | { kind: 'upload' };

/** The verdict kept with a decided refund, if any. */
function decidedVerdict(request: RequestDetail): RefundVerdict | null {
  return request.type === 'refund' && request.decision ? request.decision.verdict : null;
}

/** The effective date kept with an accepted rhythm change, if any. */
function decidedEffectiveFrom(request: RequestDetail): string | null {
  return request.type === 'rhythm' && request.decision?.decision === 'accept' ? request.decision.effectiveFrom : null;
}

/** The operation that decides (or closes) a request of each type. */
const DECIDE_OPERATION: Readonly<Record<RequestDetail['type'], OperationName>> = {
  refund: 'requests.decideRefund',
  rhythm: 'requests.decideRhythm',
  radiation: 'requests.decideRadiation',
  correction: 'requests.closeCorrection',
  contact: 'requests.closeCorrection',
  account_link: 'requests.decideAccountLink',
};

/** One request: its details, documents, instruction and decision. */
export function RequestPage() {
  const { id = '' } = useParams();
  const actor = useStatus((s) => s.actor);
  const detail = useOperation('requests.get', { requestId: id });
  const request = detail.data;
  // Each button asks for the operation it calls: the decision of its type (instruction), the status
  // and the assignment (accueil), the piece joined (accueil).
  const type = request?.type ?? 'refund';
  const canDecide = useCan(DECIDE_OPERATION[type]);
  const canSetStatus = useCan('requests.setStatus');
  const canAssign = useCan('requests.assign');
  const canUpload = useCan(type === 'radiation' ? 'documents.uploadPiece' : 'documents.uploadHealth');
  const error = detail.error ? { message: detail.error.message, notFound: detail.error.code === 'NOT_FOUND' } : null;
  // The live article 8 verdict of a refund, from the child's billed days (the server's rule).
  const live = useOperation('requests.refundVerdict', { requestId: id }, { enabled: request?.type === 'refund' && request.id === id });
  const verdict = live.data;
  const verdictError = live.error?.message ?? null;
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(null);
  const [busyAction, setBusyAction] = useState<string | null>(null);
  const reloadRequest = detail.reload;
  const reloadVerdict = live.reload;
  const load = useCallback(async () => {
    await reloadRequest();
    await reloadVerdict();
  }, [reloadRequest, reloadVerdict]);

  useEffect(() => setEffectiveFrom(null), [id]);

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
  const decisionVerdict = decidedVerdict(request);
  const shownVerdict = !waiting && decisionVerdict ? decisionVerdict : verdict;
  const decidedFrom = effectiveFrom ?? decidedEffectiveFrom(request);
  // Every waiting request but a correction or a contact can be refused; every one can lack pieces.
  const refuseButton = canDecide ? (
    <Button variant="danger" onClick={() => setDialog({ kind: 'refuse' })} data-testid="refuse-request">
      Refuser
    </Button>
  ) : null;
  // Pieces of a refund or a radiation are asked with its decision; of a correction or a message, by its status.
  const canAskPieces = request.type === 'refund' || request.type === 'radiation' ? canDecide : canSetStatus;
  const missingButton = canAskPieces ? (
    <Button onClick={() => setDialog({ kind: 'missing' })} data-testid="missing-pieces">
      Pièces manquantes
    </Button>
  ) : null;

  return (
    <div className="page" data-testid="request-page" data-request-id={request.id} data-type={request.type}>
      <BackLink />
      <header className="page__header">
        <div>
          <h1 data-testid="request-title">
            {REQUEST_TYPE_LABELS[request.type]}
            <SourceTag source={request.source} />
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
              <span data-testid="request-number">Demande n°&nbsp;{request.number}</span>
              {' · '}
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
            {actor && request.handledBy !== actor && canAssign ? (
              <Button
                busy={busyAction === 'assign'}
                onClick={() => void quick('assign', () => invoke('requests.assign', { requestId: request.id, agent: actor }), 'Demande attribuée à vous.')}
                data-testid="assign-me"
              >
                M’attribuer la demande
              </Button>
            ) : null}
            {request.status !== 'in_review' && canSetStatus ? (
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
            <RequestFacts request={request} />
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

        <RequestDocuments
          request={request}
          onAttach={
            waiting && canUpload && request.familyId && (request.type === 'refund' || request.type === 'radiation') ? () => setDialog({ kind: 'upload' }) : null
          }
        />
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
              {shownVerdict?.eligible && canDecide ? (
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
              {canDecide ? (
                <Button variant="primary" onClick={() => setDialog({ kind: 'rhythm' })} data-testid="validate-rhythm">
                  Valider le changement
                </Button>
              ) : null}
              {refuseButton}
              {missingButton}
            </div>
          ) : null}
        </section>
      ) : null}

      {waiting && (request.type === 'correction' || request.type === 'contact') ? (
        <div className="request-actions">
          {canDecide ? (
            <Button variant="primary" onClick={() => setDialog({ kind: 'close' })} data-testid="close-request">
              Clore la demande
            </Button>
          ) : null}
          {missingButton}
        </div>
      ) : null}

      {waiting && request.type === 'radiation' ? (
        <div className="request-actions">
          {canDecide ? (
            <Button variant="primary" onClick={() => setDialog({ kind: 'radiation' })} data-testid="accept-radiation">
              Accepter la radiation
            </Button>
          ) : null}
          {refuseButton}
          {missingButton}
        </div>
      ) : null}

      {request.type === 'account_link' ? (
        <AccountLinkSection
          request={request}
          actions={
            waiting && canDecide ? (
              <div className="request-actions">
                {request.familyId ? (
                  <Button variant="primary" onClick={() => setDialog({ kind: 'accountLink' })} data-testid="accept-account-link">
                    Rattacher l’espace au dossier
                  </Button>
                ) : null}
                {refuseButton}
              </div>
            ) : null
          }
        />
      ) : null}

      {dialog?.kind === 'acceptRefund' ? (
        <AcceptRefundDialog request={request} verdict={dialog.verdict} onClose={() => setDialog(null)} onDone={done} />
      ) : null}
      {dialog?.kind === 'refuse' ? <RefuseDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'missing' ? <MissingPiecesDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'rhythm' && request.type === 'rhythm' ? (
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
      {dialog?.kind === 'radiation' && request.type === 'radiation' ? <RadiationDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'accountLink' && request.type === 'account_link' ? <AccountLinkDialog request={request} onClose={() => setDialog(null)} onDone={done} /> : null}
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
