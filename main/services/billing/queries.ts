import type { AccountInvoice, InvoiceDetail, LineKind, PayerAddress } from '../../../shared/contract/billing.js';
import { AppError } from '../../../shared/contract/errors.js';
import { runDates } from '../../../shared/domain/periods.js';
import type { AppContext } from '../../context.js';
import { all, one } from '../../store/sql.js';

/**
 * Reading issued documents (invoices and credit notes) with what was paid on them: one query
 * (`DOCUMENTS`), one settlement rule, used by the invoice screens, the family account and the
 * printed documents.
 *
 * What a document owes: an invoice in force owes its total minus the money applied to it; a
 * billing credit note (« avoir ») in force is credit of the family until used; a cancelled document
 * and the document that cancels it owe nothing (they net to zero).
 */

/** An invoice or credit note with its family, its period and the money applied to it or from it. */
export interface DocumentRow {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  status: 'issued' | 'cancelled';
  family_id: string;
  dossier_number: number;
  family_name: string;
  period_id: string | null;
  period_label: string | null;
  period_start: string | null;
  period_end: string | null;
  period_issue_date: string | null;
  online_payment_opens_at: string | null;
  period_due_date: string | null;
  payer_name: string;
  payer_address: string;
  tranche: number;
  qf_value: number | null;
  total_cents: number;
  issued_on: string;
  due_date: string;
  cancels_invoice_id: string | null;
  cancels_number: string | null;
  reason: string | null;
  created_at: string;
  paid: number;
  used: number;
}

/** Query of `DocumentRow`s; callers add `WHERE` on `i.` columns and their order. */
export const DOCUMENTS = `SELECT i.id, i.number, i.kind, i.status, i.family_id, f.dossier_number, f.family_name, i.period_id,
    p.label AS period_label, p.start_date AS period_start, p.end_date AS period_end,
    p.issue_date AS period_issue_date, p.online_payment_opens_at, p.due_date AS period_due_date,
    i.payer_name, i.payer_address, i.tranche, i.qf_value, i.total_cents, i.issued_on, i.due_date, i.cancels_invoice_id,
    c.number AS cancels_number, i.reason, i.created_at,
    COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0) AS paid,
    COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.credit_note_id = i.id AND a.released_at IS NULL), 0) AS used
  FROM invoices i JOIN families f ON f.id = i.family_id LEFT JOIN billing_periods p ON p.id = i.period_id
  LEFT JOIN invoices c ON c.id = i.cancels_invoice_id`;

/**
 * When online payment opens for a document: the rule of the run (`runDates`) on the dates its
 * period's run recorded and the document's own issue day — the period's opening for the invoices
 * of the run, the same delay after a reissue. Null without a period.
 */
export function onlinePaymentOpening(
  d: Pick<DocumentRow, 'period_issue_date' | 'online_payment_opens_at' | 'period_due_date' | 'issued_on'>,
): string | null {
  if (d.period_issue_date === null || d.online_payment_opens_at === null || d.period_due_date === null) return null;
  return runDates({ issueDate: d.period_issue_date, onlinePaymentOpensAt: d.online_payment_opens_at, dueDate: d.period_due_date }, d.issued_on)
    .onlinePaymentOpensAt;
}

/** Paid and remaining of a document, as the account and the documents show them. */
function settlement(d: Pick<DocumentRow, 'kind' | 'status' | 'cancels_invoice_id' | 'total_cents' | 'paid' | 'used'>): {
  paidCents: number;
  remainingCents: number;
} {
  if (d.status !== 'issued' || d.cancels_invoice_id !== null) return { paidCents: 0, remainingCents: 0 };
  if (d.kind === 'credit_note') return { paidCents: 0, remainingCents: d.total_cents + d.used };
  return { paidCents: d.paid, remainingCents: d.total_cents - d.paid };
}

export function toAccountInvoice(d: DocumentRow, today: string): AccountInvoice {
  const { paidCents, remainingCents } = settlement(d);
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    status: d.status,
    periodLabel: d.period_label,
    issuedOn: d.issued_on,
    dueDate: d.due_date,
    totalCents: d.total_cents,
    paidCents,
    remainingCents,
    overdue: d.kind === 'invoice' && remainingCents > 0 && d.due_date < today,
  };
}

export function getInvoice(ctx: AppContext, invoiceId: string): InvoiceDetail {
  const d = one<DocumentRow>(ctx, `${DOCUMENTS} WHERE i.id = ?`, invoiceId);
  if (!d) throw AppError.notFound('Cette facture n’existe pas.');
  const lines = all<{
    id: string;
    child_id: string | null;
    first_name: string | null;
    last_name: string | null;
    kind: LineKind;
    label: string;
    days: string;
    quantity: number;
    unit_price_cents: number;
    amount_cents: number;
  }>(
    ctx,
    `SELECT l.*, c.first_name, c.last_name FROM invoice_lines l LEFT JOIN children c ON c.id = l.child_id
     WHERE l.invoice_id = ? ORDER BY l.position`,
    invoiceId,
  );
  const cancelledBy = one<{ number: string }>(ctx, 'SELECT number FROM invoices WHERE cancels_invoice_id = ?', d.id);
  const { paidCents, remainingCents } = settlement(d);
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    status: d.status,
    familyId: d.family_id,
    dossierNumber: d.dossier_number,
    familyName: d.family_name,
    periodId: d.period_id,
    periodLabel: d.period_label,
    periodStart: d.period_start,
    periodEnd: d.period_end,
    onlinePaymentOpensAt: onlinePaymentOpening(d),
    payerName: d.payer_name,
    payerAddress: JSON.parse(d.payer_address) as PayerAddress,
    tranche: d.tranche,
    totalCents: d.total_cents,
    paidCents,
    remainingCents,
    issuedOn: d.issued_on,
    dueDate: d.due_date,
    cancelsInvoiceId: d.cancels_invoice_id,
    cancelsNumber: d.cancels_number,
    cancelledByNumber: cancelledBy?.number ?? null,
    reason: d.reason,
    lines: lines.map((l) => ({
      id: l.id,
      childId: l.child_id,
      childName: l.first_name === null ? null : `${l.first_name} ${l.last_name ?? ''}`.trim(),
      kind: l.kind,
      label: l.label,
      days: JSON.parse(l.days) as string[],
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
      amountCents: l.amount_cents,
    })),
  };
}

/** Issued documents of a period or a family, page by page (dossier order within a period). */
export function listInvoices(
  ctx: AppContext,
  input: { periodId?: string | undefined; familyId?: string | undefined; offset: number; limit: number },
): { total: number; rows: (AccountInvoice & { familyId: string; dossierNumber: number; familyName: string })[] } {
  const where = 'WHERE (@period IS NULL OR i.period_id = @period) AND (@family IS NULL OR i.family_id = @family)';
  const params = { period: input.periodId ?? null, family: input.familyId ?? null };
  const total = one<{ n: number }>(ctx, `SELECT COUNT(*) AS n FROM invoices i ${where}`, params)?.n ?? 0;
  const today = ctx.today();
  const rows = all<DocumentRow>(
    ctx,
    `${DOCUMENTS} ${where} ORDER BY i.number LIMIT @limit OFFSET @offset`,
    { ...params, limit: input.limit, offset: input.offset },
  ).map((d) => ({ ...toAccountInvoice(d, today), familyId: d.family_id, dossierNumber: d.dossier_number, familyName: d.family_name }));
  return { total, rows };
}
