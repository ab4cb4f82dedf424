import type { AccountInvoice } from '../../../../shared/contract/billing.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCents } from '../../../../shared/domain/money.js';

/** The family's invoices with something left to pay: checked ones are paid first; each shows what this payment takes. */
export function UnpaidInvoices({
  unpaid,
  chosen,
  plannedCents,
  disabled,
  onToggle,
}: {
  unpaid: readonly AccountInvoice[];
  chosen: readonly string[];
  /** What the payment would pay on an invoice (0: nothing). */
  plannedCents(invoiceId: string): number;
  disabled: boolean;
  onToggle(invoiceId: string, on: boolean): void;
}) {
  if (unpaid.length === 0) {
    return (
      <p className="muted counter__nothing" data-testid="counter-no-unpaid">
        Aucune facture à régler. Un paiement serait gardé comme avoir pour les prochaines factures.
      </p>
    );
  }
  return (
    <table className="table table--inner counter__invoices" data-testid="counter-invoices">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Choisir</span>
          </th>
          <th scope="col">Facture</th>
          <th scope="col">Période</th>
          <th scope="col">Échéance</th>
          <th scope="col" className="num-col">
            Reste dû
          </th>
        </tr>
      </thead>
      <tbody>
        {unpaid.map((i) => {
          const planned = plannedCents(i.id);
          return (
            <tr key={i.id} className={i.overdue ? 'row--overdue' : undefined} data-testid="counter-invoice" data-number={i.number}>
              <td>
                <input
                  type="checkbox"
                  checked={chosen.includes(i.id)}
                  onChange={(e) => onToggle(i.id, e.target.checked)}
                  aria-label={`Imputer sur la facture ${i.number}`}
                  disabled={disabled}
                  data-testid="counter-invoice-check"
                />
              </td>
              <td className="mono">{i.number}</td>
              <td>{i.periodLabel ?? '—'}</td>
              <td className={i.overdue ? 'text-danger nowrap' : 'nowrap'}>
                {formatFrenchDate(i.dueDate)}
                {i.overdue ? ' (en retard)' : ''}
              </td>
              <td className="num num-col strong">
                {formatCents(i.remainingCents)}
                {planned > 0 ? <div className="small text-ok">− {formatCents(planned)}</div> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
