import type { AccountInvoice, InvoiceDetail } from '../../../../shared/contract/billing.js';

type Status = 'cancelled' | 'credit_note' | 'paid' | 'partial' | 'overdue' | 'due';

const LABELS: Record<Status, string> = {
  cancelled: 'Annulée',
  credit_note: 'Avoir',
  paid: 'Payée',
  partial: 'Payée en partie',
  overdue: 'En retard',
  due: 'À payer',
};

function invoiceStatus(
  invoice: Pick<AccountInvoice, 'status' | 'kind' | 'remainingCents' | 'paidCents'> & { overdue?: boolean },
): Status {
  if (invoice.status === 'cancelled') return 'cancelled';
  if (invoice.kind === 'credit_note') return 'credit_note';
  if (invoice.remainingCents <= 0) return 'paid';
  if (invoice.overdue) return 'overdue';
  if (invoice.paidCents > 0) return 'partial';
  return 'due';
}

export function InvoiceStatusBadge({
  invoice,
}: {
  invoice: Pick<AccountInvoice, 'status' | 'kind' | 'remainingCents' | 'paidCents'> & { overdue?: boolean };
}) {
  const status = invoiceStatus(invoice);
  return (
    <span className={`badge badge--inv-${status}`} data-status={status} data-testid="invoice-status">
      {LABELS[status]}
    </span>
  );
}

/** A detail is overdue when something remains after its due date (the detail has no flag). */
export function detailOverdue(detail: InvoiceDetail, today: string): boolean {
  return detail.status === 'issued' && detail.kind === 'invoice' && detail.remainingCents > 0 && detail.dueDate < today;
}
