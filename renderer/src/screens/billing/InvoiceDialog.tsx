import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { LINE_KIND_LABELS } from '../../../../shared/contract/billing.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { Dialog } from '../../components/Dialog.js';
import { Button, ErrorSummary, submitOnEnter, TextField } from '../../components/form.js';
import { PdfButton } from '../../components/PdfButton.js';
import { fieldErrors } from '../../lib/issues.js';
import { upper } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { formatOpening, lineText } from './format.js';
import { detailOverdue, InvoiceStatusBadge } from './InvoiceStatus.js';
import { deskToday } from '../../lib/today.js';
import { useCan } from '../../state/session.js';

/**
 * One invoice (or credit note) as issued: its lines, what was paid and what remains. An issued
 * invoice is never changed: « Annuler par un avoir » issues a credit note that cancels it.
 */
export function InvoiceDialog({
  invoiceId,
  onClose,
  onChanged,
}: {
  invoiceId: string;
  onClose(): void;
  /** After a cancellation (the caller reloads its list). */
  onChanged?(): void;
}) {
  const invoice = useOperation('billing.invoice', { invoiceId });
  const detail = invoice.data;
  const error = invoice.error?.message ?? null;
  const [mode, setMode] = useState<'view' | 'cancel'>('view');
  const canCancelInvoice = useCan('billing.cancelInvoice');
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLDivElement>(null);

  const cancel = useMutation(() => invoke('billing.cancelInvoice', { invoiceId, reason }));
  const cancelErrors = fieldErrors(cancel.error);

  useEffect(() => {
    if (mode === 'cancel') reasonRef.current?.querySelector('input')?.focus();
  }, [mode]);

  async function submitCancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancel.busy) return;
    const result = await cancel.run();
    if (!result) return;
    toast.success(
      `Facture ${detail?.number ?? ''} annulée par l’avoir ${result.number}` +
        (result.releasedCents > 0 ? `\u00a0; ${formatCents(result.releasedCents)} déjà payés deviennent un avoir de la famille.` : '.'),
    );
    setMode('view');
    setReason('');
    onChanged?.();
    void invoice.reload();
  }

  const title = detail
    ? `${detail.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${detail.number}`
    : error
      ? 'Facture introuvable'
      : 'Facture';
  const canCancel = detail !== null && detail.status === 'issued' && detail.kind === 'invoice';
  const today = deskToday();

  return (
    <Dialog
      title={title}
      onClose={mode === 'cancel' ? () => setMode('view') : onClose}
      busy={cancel.busy}
      wide
      testId="invoice-dialog"
    >
      <div className="dialog__body">
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
        {!detail && !error ? <p className="muted">Chargement…</p> : null}
        {detail ? (
          <>
            <div className="invoice-head">
              <div>
                <p className="invoice-head__family">
                  <Link to={`/familles/${detail.familyId}`} onClick={onClose}>
                    Dossier n°&nbsp;{detail.dossierNumber} — {upper(detail.familyName)}
                  </Link>
                </p>
                <address className="muted">
                  {detail.payerName}
                  <br />
                  {detail.payerAddress.line1}
                  {detail.payerAddress.line2 ? (
                    <>
                      <br />
                      {detail.payerAddress.line2}
                    </>
                  ) : null}
                  <br />
                  {detail.payerAddress.postalCode} {detail.payerAddress.city}
                </address>
              </div>
              <div className="invoice-head__status">
                <InvoiceStatusBadge invoice={{ ...detail, overdue: detailOverdue(detail, today) }} />
              </div>
            </div>
            <dl className="kv kv--wide invoice-meta">
              <dt>Période</dt>
              <dd>
                {detail.periodLabel ?? '—'}
                {detail.periodStart && detail.periodEnd
                  ? ` (du ${formatFrenchDate(detail.periodStart)} au ${formatFrenchDate(detail.periodEnd)})`
                  : ''}
              </dd>
              <dt>Émise le</dt>
              <dd>{formatFrenchDate(detail.issuedOn)}</dd>
              {detail.kind === 'invoice' ? (
                <>
                  <dt>Échéance</dt>
                  <dd className={detailOverdue(detail, today) ? 'text-danger strong' : undefined}>{formatFrenchDate(detail.dueDate)}</dd>
                  {detail.onlinePaymentOpensAt ? (
                    <>
                      <dt>Paiement en ligne</dt>
                      <dd>à partir du {formatOpening(detail.onlinePaymentOpensAt)}</dd>
                    </>
                  ) : null}
                </>
              ) : null}
              <dt>Tranche</dt>
              <dd>{detail.tranche}</dd>
              {detail.cancelsNumber ? (
                <>
                  <dt>Annule</dt>
                  <dd>la facture {detail.cancelsNumber}</dd>
                </>
              ) : null}
              {detail.cancelledByNumber ? (
                <>
                  <dt>Annulée par</dt>
                  <dd>l’avoir {detail.cancelledByNumber}</dd>
                </>
              ) : null}
              {detail.reason ? (
                <>
                  <dt>Motif</dt>
                  <dd>{detail.reason}</dd>
                </>
              ) : null}
            </dl>

            <table className="table table--inner invoice-lines" data-testid="invoice-lines">
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col" className="num-col">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.lines.map((line) => (
                  <tr key={line.id} data-kind={line.kind}>
                    <td>
                      {lineText(line, line.childName)}
                      {line.kind !== 'meals' ? <span className="tag tag--info">{LINE_KIND_LABELS[line.kind]}</span> : null}
                    </td>
                    <td className={`num num-col${line.amountCents < 0 ? ' text-ok' : ''}`}>{formatCents(line.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="num num-col strong" data-testid="invoice-total">
                    {formatCents(detail.totalCents)}
                  </td>
                </tr>
                {detail.kind === 'invoice' ? (
                  <>
                    <tr>
                      <th scope="row">Déjà payé</th>
                      <td className="num num-col" data-testid="invoice-paid">
                        {formatCents(detail.paidCents)}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row">Reste dû</th>
                      <td className={`num num-col strong${detail.remainingCents > 0 ? ' text-danger' : ''}`} data-testid="invoice-remaining">
                        {formatCents(detail.remainingCents)}
                      </td>
                    </tr>
                  </>
                ) : null}
              </tfoot>
            </table>

            {mode === 'cancel' ? (
              <form className="cancel-box" onSubmit={(e) => void submitCancel(e)} onKeyDown={submitOnEnter} noValidate data-testid="cancel-invoice-form">
                <h3>Annuler la facture {detail.number} par un avoir</h3>
                <p>
                  Un avoir de {formatCents(detail.totalCents)} est émis avec un nouveau numéro et annule la facture, qui
                  reste consultable. {detail.paidCents > 0 ? `Les ${formatCents(detail.paidCents)} déjà payés deviennent un avoir de la famille.` : ''}
                </p>
                <ErrorSummary error={cancel.error} />
                <div ref={reasonRef}>
                  <TextField label="Motif" path="reason" errors={cancelErrors} required value={reason} onChange={setReason} placeholder="Erreur de rythme, famille radiée…" maxLength={500} />
                </div>
                <div className="form-actions">
                  <Button onClick={() => setMode('view')} disabled={cancel.busy}>
                    Retour
                  </Button>
                  <Button type="submit" variant="danger" busy={cancel.busy} data-testid="confirm-cancel-invoice">
                    Émettre l’avoir
                  </Button>
                </div>
              </form>
            ) : null}
          </>
        ) : null}
      </div>
      <footer className="dialog__footer dialog__footer--spread">
        <div className="dialog__footer-left">
          <PdfButton testId="invoice-pdf" load={() => invoke('documents.invoicePdf', { invoiceId })}>
            {detail?.kind === 'credit_note' ? 'PDF de l’avoir' : 'PDF de la facture'}
          </PdfButton>
        </div>
        {canCancel && canCancelInvoice && mode === 'view' ? (
          <Button variant="danger" onClick={() => { cancel.setError(null); setMode('cancel'); }} data-testid="cancel-invoice">
            Annuler par un avoir
          </Button>
        ) : null}
        <Button onClick={onClose} disabled={cancel.busy} data-testid="close-invoice">
          Fermer
        </Button>
      </footer>
    </Dialog>
  );
}
