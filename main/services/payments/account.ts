import { stringify } from 'csv-stringify/sync';
import type {
  AccountInvoice,
  AccountPayment,
  FamilyAccount,
  InvoiceDetail,
  LineKind,
  OverdueRow,
  PayerAddress,
} from '../../../shared/contract/billing.js';
import { AppError } from '../../../shared/contract/errors.js';
import { daysBetween } from '../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import type { AppContext } from '../../context.js';
import { IN_FORCE } from '../billing/compute.js';
import { all, one } from '../billing/sql.js';
import { protectCell } from '../csv-format.js';
import { creditSources } from './credit.js';

/**
 * A family's account (the Compte tab, the statement), the overdue invoices and the export of
 * titres de recettes for the public treasury. Read-only.
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
  online_payment_opens_at: string | null;
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
    p.label AS period_label, p.start_date AS period_start, p.end_date AS period_end, p.online_payment_opens_at,
    i.payer_name, i.payer_address, i.tranche, i.qf_value, i.total_cents, i.issued_on, i.due_date, i.cancels_invoice_id,
    c.number AS cancels_number, i.reason, i.created_at,
    COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0) AS paid,
    COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.credit_note_id = i.id AND a.released_at IS NULL), 0) AS used
  FROM invoices i JOIN families f ON f.id = i.family_id LEFT JOIN billing_periods p ON p.id = i.period_id
  LEFT JOIN invoices c ON c.id = i.cancels_invoice_id`;

/** Paid and remaining of a document, as the account and the documents show them. */
export function settlement(d: Pick<DocumentRow, 'kind' | 'status' | 'cancels_invoice_id' | 'total_cents' | 'paid' | 'used'>): {
  paidCents: number;
  remainingCents: number;
} {
  if (d.status !== 'issued' || d.cancels_invoice_id !== null) return { paidCents: 0, remainingCents: 0 };
  if (d.kind === 'credit_note') return { paidCents: 0, remainingCents: d.total_cents + d.used };
  return { paidCents: d.paid, remainingCents: d.total_cents - d.paid };
}

function toAccountInvoice(d: DocumentRow, today: string): AccountInvoice {
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

function requireFamily(ctx: AppContext, familyId: string): { id: string; dossier_number: number; family_name: string } {
  const family = one<{ id: string; dossier_number: number; family_name: string }>(
    ctx,
    'SELECT id, dossier_number, family_name FROM families WHERE id = ?',
    familyId,
  );
  if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
  return family;
}

export function familyAccount(ctx: AppContext, familyId: string): FamilyAccount {
  const family = requireFamily(ctx, familyId);
  const today = ctx.today();
  const documents = all<DocumentRow>(ctx, `${DOCUMENTS} WHERE i.family_id = ? ORDER BY i.issued_on, i.number`, familyId);
  const invoices = documents.map((d) => toAccountInvoice(d, today));
  const payments = all<{
    id: string;
    receipt_number: string;
    method: AccountPayment['method'];
    amount_cents: number;
    received_on: string;
    bank: string | null;
    cheque_number: string | null;
    reference: string | null;
    status: 'valid' | 'cancelled';
    cancel_reason: string | null;
    created_at: string;
    created_by: string;
    allocated: number;
  }>(
    ctx,
    `SELECT p.*, COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.payment_id = p.id AND a.released_at IS NULL), 0) AS allocated
     FROM payments p WHERE p.family_id = ? ORDER BY p.received_on, p.created_at`,
    familyId,
  ).map(
    (p): AccountPayment => ({
      id: p.id,
      receiptNumber: p.receipt_number,
      method: p.method,
      amountCents: p.amount_cents,
      receivedOn: p.received_on,
      bank: p.bank,
      chequeNumber: p.cheque_number,
      reference: p.reference,
      status: p.status,
      cancelReason: p.cancel_reason,
      allocatedCents: p.status === 'valid' ? p.allocated : 0,
      unallocatedCents: p.status === 'valid' ? p.amount_cents - p.allocated : 0,
      createdAt: p.created_at,
      createdBy: p.created_by,
    }),
  );
  const credits = creditSources(ctx, familyId).map((c) => ({ source: c.source, id: c.id, number: c.number, availableCents: c.availableCents }));
  const pendingCredits = all<{ id: string; kind: LineKind; reason: string; amount_cents: number }>(
    ctx,
    'SELECT id, kind, reason, amount_cents FROM pending_credits WHERE family_id = ? AND applied_invoice_id IS NULL ORDER BY created_at',
    familyId,
  ).map((p) => ({ id: p.id, kind: p.kind, reason: p.reason, amountCents: p.amount_cents }));

  // `invoices` maps `documents` one to one: the same index is the same document.
  const owed = invoices.filter((i, k) => i.kind === 'invoice' && i.status === 'issued' && documents[k]!.cancels_invoice_id === null);
  const invoicedCents = owed.reduce((s, i) => s + i.totalCents, 0);
  const paidCents = owed.reduce((s, i) => s + i.paidCents, 0);
  const dueCents = owed.reduce((s, i) => s + Math.max(0, i.remainingCents), 0);
  const overdueCents = owed.filter((i) => i.overdue).reduce((s, i) => s + i.remainingCents, 0);
  const creditCents = credits.reduce((s, c) => s + c.availableCents, 0);
  return {
    familyId,
    dossierNumber: family.dossier_number,
    familyName: family.family_name,
    invoices,
    payments,
    credits,
    pendingCredits,
    invoicedCents,
    paidCents,
    dueCents,
    overdueCents,
    creditCents,
    balanceCents: dueCents - creditCents,
  };
}

/* ---------- one document ---------- */

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
    onlinePaymentOpensAt: d.online_payment_opens_at,
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

/* ---------- overdue invoices and the treasury ---------- */

interface OverdueRecord {
  id: string;
  number: string;
  family_id: string;
  dossier_number: number;
  family_name: string;
  payer_name: string;
  payer_address: string;
  period_label: string | null;
  issued_on: string;
  due_date: string;
  total_cents: number;
  paid: number;
}

const OVERDUE = `SELECT * FROM (
    SELECT i.id, i.number, i.family_id, f.dossier_number, f.family_name, i.payer_name, i.payer_address, p.label AS period_label,
      i.issued_on, i.due_date, i.total_cents,
      COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0) AS paid
    FROM invoices i JOIN families f ON f.id = i.family_id LEFT JOIN billing_periods p ON p.id = i.period_id
    WHERE i.kind = 'invoice' AND ${IN_FORCE} AND i.due_date < @asOf AND (@family IS NULL OR i.family_id = @family)
  ) WHERE total_cents > paid ORDER BY due_date, number`;

function overdueRecords(ctx: AppContext, asOf: string, familyId: string | null = null): OverdueRecord[] {
  return all<OverdueRecord>(ctx, OVERDUE, { asOf, family: familyId });
}

function toOverdueRow(r: OverdueRecord, asOf: string): OverdueRow {
  return {
    invoiceId: r.id,
    number: r.number,
    familyId: r.family_id,
    dossierNumber: r.dossier_number,
    familyName: r.family_name,
    payerName: r.payer_name,
    periodLabel: r.period_label,
    issuedOn: r.issued_on,
    dueDate: r.due_date,
    totalCents: r.total_cents,
    paidCents: r.paid,
    remainingCents: r.total_cents - r.paid,
    daysLate: daysBetween(r.due_date, asOf),
  };
}

/** Invoices with something left to pay after their due date (`due_date < asOf`), oldest first. */
export function overdueInvoices(
  ctx: AppContext,
  input: { asOf?: string | undefined; offset?: number; limit?: number; familyId?: string },
): { asOf: string; total: number; totalRemainingCents: number; rows: OverdueRow[] } {
  const asOf = input.asOf ?? ctx.today();
  const records = overdueRecords(ctx, asOf, input.familyId ?? null);
  const offset = input.offset ?? 0;
  const limit = input.limit ?? records.length;
  return {
    asOf,
    total: records.length,
    totalRemainingCents: records.reduce((s, r) => s + r.total_cents - r.paid, 0),
    rows: records.slice(offset, offset + limit).map((r) => toOverdueRow(r, asOf)),
  };
}

/** The columns of the treasury export, in order (README « Export pour le Trésor public »). */
export const TREASURY_COLUMNS = [
  'Numéro de facture',
  'Date d’émission',
  'Échéance',
  'Période',
  'N° de dossier',
  'Débiteur',
  'Adresse',
  'Complément d’adresse',
  'Code postal',
  'Ville',
  'Montant TTC',
  'Déjà payé',
  'Reste dû',
  'Jours de retard',
] as const;

/** Cents as Excel reads them in France: « 1234,56 » (no thousands separator, comma). */
function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The titres de recettes to hand to the public treasury: every invoice still unpaid after its due
 * date, one line each — UTF-8 with BOM, `;`, CRLF, dates JJ/MM/AAAA, amounts « 12,34 ».
 */
export function treasuryExport(
  ctx: AppContext,
  input: { asOf?: string | undefined },
): { fileName: string; content: string; rows: number; totalRemainingCents: number } {
  const asOf = input.asOf ?? ctx.today();
  const records = overdueRecords(ctx, asOf);
  const lines = records.map((r) => {
    const address = JSON.parse(r.payer_address) as PayerAddress;
    return [
      r.number,
      formatFrenchDate(r.issued_on),
      formatFrenchDate(r.due_date),
      protectCell(r.period_label ?? ''),
      String(r.dossier_number),
      protectCell(r.payer_name),
      protectCell(address.line1),
      protectCell(address.line2 ?? ''),
      address.postalCode,
      protectCell(address.city),
      decimal(r.total_cents),
      decimal(r.paid),
      decimal(r.total_cents - r.paid),
      String(daysBetween(r.due_date, asOf)),
    ];
  });
  const content = stringify([[...TREASURY_COLUMNS], ...lines], { delimiter: ';', record_delimiter: '\r\n', bom: true });
  return {
    fileName: `titres-de-recettes-${asOf}.csv`,
    content,
    rows: lines.length,
    totalRemainingCents: records.reduce((s, r) => s + r.total_cents - r.paid, 0),
  };
}
