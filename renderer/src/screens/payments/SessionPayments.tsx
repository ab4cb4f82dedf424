import { useState } from 'react';
import { Link } from 'react-router';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/contract/payments.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { Button } from '../../components/form.js';
import { PdfButton } from '../../components/PdfButton.js';
import { plural, upper } from '../../lib/text.js';
import { CancelPaymentDialog } from './CancelPaymentDialog.js';
import { type SessionPayment, useCounterSession } from './session.js';

/** The payments recorded at this counter since Guichet was opened: their receipts, and their cancellation. */
export function SessionPayments({ onCancelled }: { onCancelled(payment: SessionPayment): void }) {
  const payments = useCounterSession((s) => s.payments);
  const [cancelling, setCancelling] = useState<SessionPayment | null>(null);
  const valid = payments.filter((p) => p.status === 'valid');

  return (
    <section className="section" aria-labelledby="session-title">
      <div className="section__header">
        <h2 id="session-title">Encaissements de cette session</h2>
        <span className="muted">
          {payments.length === 0
            ? 'Aucun pour l’instant'
            : `${plural(valid.length, 'paiement', 'paiements')} · ${formatCents(valid.reduce((n, p) => n + p.amountCents, 0))}`}
        </span>
      </div>
      {payments.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="session-payments">
            <thead>
              <tr>
                <th scope="col">Heure</th>
                <th scope="col">Reçu</th>
                <th scope="col">Famille</th>
                <th scope="col">Mode</th>
                <th scope="col" className="num-col">
                  Montant
                </th>
                <th scope="col">Imputation</th>
                <th scope="col">Statut</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.paymentId} data-testid="session-payment" data-receipt={p.receiptNumber} className={p.status === 'cancelled' ? 'row--cancelled' : undefined}>
                  <td className="num">{timeOf(p.at)}</td>
                  <td className="mono">{p.receiptNumber}</td>
                  <td>
                    <Link to={`/familles/${p.familyId}/compte`}>
                      n°&nbsp;{p.dossierNumber} — {upper(p.familyName)}
                    </Link>
                  </td>
                  <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                  <td className="num num-col strong">{formatCents(p.amountCents)}</td>
                  <td className="small">
                    {p.allocations.map((a) => a.number).join(', ') || '—'}
                    {p.unallocatedCents > 0 ? <span className="text-ok"> + avoir {formatCents(p.unallocatedCents)}</span> : null}
                  </td>
                  <td>
                    {p.status === 'cancelled' ? (
                      <span className="badge badge--inv-cancelled" title={p.cancelReason ?? undefined}>
                        Annulé
                      </span>
                    ) : (
                      <span className="badge badge--inv-paid">Enregistré</span>
                    )}
                  </td>
                  <td className="row-actions">
                    <PdfButton variant="ghost" testId="receipt-pdf" title={`Reçu ${p.receiptNumber} (PDF)`} load={() => invoke('documents.receiptPdf', { paymentId: p.paymentId })}>
                      Reçu
                    </PdfButton>
                    {p.status === 'valid' ? (
                      <Button variant="ghost" className="text-danger" onClick={() => setCancelling(p)} aria-label={`Annuler le paiement ${p.receiptNumber}`} data-testid="cancel-payment">
                        Annuler
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {cancelling ? (
        <CancelPaymentDialog
          payment={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={(reason) => {
            useCounterSession.getState().markCancelled(cancelling.paymentId, reason);
            setCancelling(null);
            onCancelled(cancelling);
          }}
        />
      ) : null}
    </section>
  );
}

const timeFormatter = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

function timeOf(iso: string): string {
  return timeFormatter.format(new Date(iso)).replace(':', 'h');
}
