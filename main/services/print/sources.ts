import { type PayerAddress } from '../../../shared/contract/billing.js';
import { PAYMENT_METHOD_LABELS } from '../../../shared/contract/payments.js';
import { AppError } from '../../../shared/contract/errors.js';
import { addDays } from '../../../shared/domain/calendar.js';
import { CDE11_ISSUER, type Issuer } from '../../../shared/print/issuer.js';
import { type InvoiceDocument, type InvoiceLine, mealsLabel, periodLabel } from '../../../shared/print/invoice.js';
import type { ReceiptDocument } from '../../../shared/print/receipt.js';
import type { ReminderDocument } from '../../../shared/print/reminder.js';
import type { StatementDocument, StatementEntry } from '../../../shared/print/statement.js';
import { postalAddressLines } from '../../../shared/print/text.js';
import type { AppContext } from '../../context.js';
import { requireRecord } from '../../store/records.js';
import { payments } from '../../store/schema.js';
import { prepared, all, one } from '../../store/sql.js';
import { familyAccount, DOCUMENTS, onlinePaymentOpening, type DocumentRow } from '../billing/index.js';
import { overdueInvoices, type PaymentRecord } from '../payments/index.js';

/**
 * The printed documents' data (shared/print) built from the store: invoices and credit notes
 * of a period (in bulk, for the PDF engine's generateMany), a payment receipt, a reminder letter,
 * an account statement. Nothing is computed here that the billing did not store: amounts are the
 * stored ones.
 */

interface LineRow {
  invoice_id: string;
  kind: InvoiceLine['kind'];
  label: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
  first_name: string | null;
  last_name: string | null;
  school_name: string | null;
}

const LINES = `SELECT l.invoice_id, l.kind, l.label, l.quantity, l.unit_price_cents, l.amount_cents,
    ch.first_name, ch.last_name, s.name AS school_name
  FROM invoice_lines l LEFT JOIN children ch ON ch.id = l.child_id LEFT JOIN schools s ON s.id = l.school_id`;

function payerOf(name: string, addressJson: string): { name: string; addressLines: string[] } {
  const address = JSON.parse(addressJson) as PayerAddress;
  return { name, addressLines: postalAddressLines(address) };
}

function toInvoiceDocument(row: DocumentRow, lines: LineRow[], issuer: Issuer): InvoiceDocument {
  const cancellation = row.cancels_invoice_id !== null;
  const docLines: InvoiceLine[] = lines.map((l) => {
    const childName = l.first_name === null ? undefined : `${l.first_name} ${l.last_name ?? ''}`.trim();
    // A cancellation mirrors every line with the opposite sign: printed as corrections.
    const kind: InvoiceLine['kind'] = cancellation ? 'adjustment' : l.kind;
    const line: InvoiceLine = {
      kind,
      label: l.kind === 'meals' && !cancellation ? mealsLabel(l.quantity, l.unit_price_cents) : l.label,
      quantity: kind === 'meals' ? l.quantity : Math.abs(l.quantity),
      unitPriceCents: l.unit_price_cents,
      amountCents: l.amount_cents,
    };
    if (childName) line.childName = childName;
    if (l.school_name) line.school = l.school_name;
    return line;
  });
  const paid = row.kind === 'invoice' && row.status === 'issued' && !cancellation ? row.paid : 0;
  // The run's rule (billing `onlinePaymentOpening`), as the invoice window shows it.
  const opens = onlinePaymentOpening(row) ?? `${row.issued_on}T14:00`;
  const doc: InvoiceDocument = {
    kind: 'invoice',
    variant: row.kind,
    issuer,
    issueDate: row.issued_on,
    dossierNumber: row.dossier_number,
    payer: payerOf(row.payer_name, row.payer_address),
    number: row.number,
    period: {
      label: row.period_label ?? (row.period_start && row.period_end ? periodLabel(row.period_start, row.period_end) : ''),
      start: row.period_start ?? row.issued_on,
      end: row.period_end ?? row.issued_on,
    },
    lines: docLines,
    totalCents: row.total_cents,
    alreadyPaidCents: paid,
    remainingCents: row.total_cents - paid,
    dueDate: row.due_date,
    onlinePayment: { date: opens.slice(0, 10), time: opens.slice(11, 16) || '14:00' },
    tranche: { number: row.tranche, quotientFamilial: row.qf_value },
  };
  if (cancellation && row.cancels_number) doc.corrects = { invoiceNumber: row.cancels_number, reason: row.reason ?? '' };
  return doc;
}

function group<T extends { invoice_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.invoice_id);
    if (list) list.push(r);
    else out.set(r.invoice_id, [r]);
  }
  return out;
}

/** Every document issued for a period (invoices, « avoirs », cancellations), in number order. */
export function periodInvoiceDocuments(ctx: AppContext, periodId: string, issuer: Issuer = CDE11_ISSUER): InvoiceDocument[] {
  const rows = all<DocumentRow>(ctx, `${DOCUMENTS} WHERE i.period_id = ? ORDER BY i.number`, periodId);
  const lines = group(all<LineRow>(ctx, `${LINES} JOIN invoices i ON i.id = l.invoice_id WHERE i.period_id = ? ORDER BY l.invoice_id, l.position`, periodId));
  return rows.map((r) => toInvoiceDocument(r, lines.get(r.id) ?? [], issuer));
}

/** One invoice or credit note as printed. */
export function invoiceDocument(ctx: AppContext, invoiceId: string, issuer: Issuer = CDE11_ISSUER): InvoiceDocument {
  const row = one<DocumentRow>(ctx, `${DOCUMENTS} WHERE i.id = ?`, invoiceId);
  if (!row) throw AppError.notFound('Cette facture n’existe pas.');
  const lines = all<LineRow>(ctx, `${LINES} WHERE l.invoice_id = ? ORDER BY l.position`, invoiceId);
  return toInvoiceDocument(row, lines, issuer);
}

export function familyPayer(ctx: AppContext, familyId: string): { dossier: number; name: string; addressLines: string[] } {
  const family = one<{ dossier_number: number; family_name: string; address_line1: string; address_line2: string | null; postal_code: string; city: string }>(
    ctx,
    'SELECT dossier_number, family_name, address_line1, address_line2, postal_code, city FROM families WHERE id = ?',
    familyId,
  );
  if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
  const payer = prepared(
    ctx.store.sqlite,
    `SELECT first_name, last_name, address_line1, address_line2, postal_code, city FROM guardians
     WHERE family_id = ? ORDER BY is_payer DESC, rank LIMIT 1`,
  ).get(familyId) as { first_name: string; last_name: string; address_line1: string | null; address_line2: string | null; postal_code: string | null; city: string | null } | undefined;
  const own = payer?.address_line1 && payer.postal_code && payer.city;
  const address = own
    ? { line1: payer.address_line1!, line2: payer.address_line2, postalCode: payer.postal_code!, city: payer.city! }
    : { line1: family.address_line1, line2: family.address_line2, postalCode: family.postal_code, city: family.city };
  return {
    dossier: family.dossier_number,
    name: payer ? `${payer.first_name} ${payer.last_name}` : `Famille ${family.family_name}`,
    addressLines: postalAddressLines(address),
  };
}

/** The receipt of a payment: what was received, how, and where it went. */
export function receiptDocument(ctx: AppContext, paymentId: string, issuer: Issuer = CDE11_ISSUER): ReceiptDocument {
  const payment = requireRecord(ctx, payments, paymentId, 'Ce paiement n’existe pas.');
  const payer = familyPayer(ctx, payment.familyId);
  const allocations = all<{ number: string; period_label: string | null; amount_cents: number; invoice_id: string }>(
    ctx,
    `SELECT i.number, p.label AS period_label, a.amount_cents, a.invoice_id FROM payment_allocations a
     JOIN invoices i ON i.id = a.invoice_id LEFT JOIN billing_periods p ON p.id = i.period_id
     WHERE a.payment_id = ? AND a.released_at IS NULL ORDER BY a.rowid`,
    paymentId,
  );
  const account = familyAccount(ctx, payment.familyId);
  const remaining = new Map(account.invoices.map((i) => [i.id, i.remainingCents]));
  const allocated = allocations.reduce((s, a) => s + a.amount_cents, 0);
  const reference =
    payment.method === 'cheque'
      ? `chèque n°\u00a0${payment.chequeNumber ?? ''}, ${payment.bank ?? ''}`
      : (payment.reference ?? undefined);
  const doc: ReceiptDocument = {
    kind: 'receipt',
    issuer,
    issueDate: payment.createdAt.slice(0, 10),
    dossierNumber: payer.dossier,
    payer: { name: payer.name, addressLines: payer.addressLines },
    number: payment.receiptNumber,
    payment: { receivedOn: payment.receivedOn, amountCents: payment.amountCents, method: payment.method },
    allocations: allocations.map((a) => ({
      invoiceNumber: a.number,
      periodLabel: a.period_label ?? '',
      amountCents: a.amount_cents,
      remainingAfterCents: Math.max(0, remaining.get(a.invoice_id) ?? 0),
    })),
    unallocatedCents: payment.status === 'valid' ? payment.amountCents - allocated : 0,
    accountBalanceAfterCents: account.balanceCents,
    cashier: payment.createdBy,
  };
  if (reference) doc.payment.reference = reference;
  return doc;
}

/** A reminder letter for a family's invoices unpaid after their due date (`asOf`, default today). */
export function reminderDocument(
  ctx: AppContext,
  input: { familyId: string; level: 1 | 2 | 3; asOf?: string; previousReminderDate?: string },
  issuer: Issuer = CDE11_ISSUER,
): ReminderDocument {
  const asOf = input.asOf ?? ctx.today();
  const overdue = overdueInvoices(ctx, { asOf, familyId: input.familyId });
  if (overdue.total === 0) throw new AppError({ code: 'CONFLICT', message: 'Cette famille n’a aucune facture impayée après son échéance.' });
  const payer = familyPayer(ctx, input.familyId);
  const doc: ReminderDocument = {
    kind: 'reminder',
    issuer,
    issueDate: asOf,
    dossierNumber: payer.dossier,
    payer: { name: payer.name, addressLines: payer.addressLines },
    level: input.level,
    reference: `RL-${payer.dossier}-${asOf.replace(/-/g, '')}`,
    invoices: overdue.rows.map((r) => ({
      number: r.number,
      periodLabel: r.periodLabel ?? '',
      issueDate: r.issuedOn,
      dueDate: r.dueDate,
      totalCents: r.totalCents,
      remainingCents: r.remainingCents,
    })),
    totalRemainingCents: overdue.totalRemainingCents,
    payBefore: addDays(asOf, 15),
  };
  if (input.previousReminderDate) doc.previousReminderDate = input.previousReminderDate;
  return doc;
}

/**
 * A family's statement between two dates: every document (an invoice is a debit, a credit note a
 * credit) and every valid payment, with the balance before `from` as the opening balance.
 */
export function statementDocument(
  ctx: AppContext,
  input: { familyId: string; from: string; to: string },
  issuer: Issuer = CDE11_ISSUER,
): StatementDocument {
  const payer = familyPayer(ctx, input.familyId);
  const entries: (StatementEntry & { order: string })[] = [];
  let opening = 0;
  for (const d of all<DocumentRow>(ctx, `${DOCUMENTS} WHERE i.family_id = ? ORDER BY i.issued_on, i.number`, input.familyId)) {
    const debit = d.total_cents > 0 ? d.total_cents : 0;
    const credit = d.total_cents < 0 ? -d.total_cents : 0;
    if (d.issued_on < input.from) opening += debit - credit;
    else if (d.issued_on <= input.to) {
      const what = d.kind === 'invoice' ? 'Facture' : 'Avoir';
      entries.push({ date: d.issued_on, label: `${what} ${d.period_label ?? ''}`.trim(), reference: d.number, debitCents: debit, creditCents: credit, order: `${d.issued_on}|${d.created_at}` });
    }
  }
  for (const p of all<{ receipt_number: string; method: PaymentRecord['method']; amount_cents: number; received_on: string; created_at: string }>(
    ctx,
    "SELECT receipt_number, method, amount_cents, received_on, created_at FROM payments WHERE family_id = ? AND status = 'valid' ORDER BY received_on, created_at",
    input.familyId,
  )) {
    if (p.received_on < input.from) opening -= p.amount_cents;
    else if (p.received_on <= input.to) {
      entries.push({
        date: p.received_on,
        label: `Paiement — ${PAYMENT_METHOD_LABELS[p.method]}`,
        reference: p.receipt_number,
        debitCents: 0,
        creditCents: p.amount_cents,
        order: `${p.received_on}|${p.created_at}`,
      });
    }
  }
  entries.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const closing = entries.reduce((b, e) => b + e.debitCents - e.creditCents, opening);
  return {
    kind: 'statement',
    issuer,
    issueDate: ctx.today(),
    dossierNumber: payer.dossier,
    payer: { name: payer.name, addressLines: payer.addressLines },
    from: input.from,
    to: input.to,
    openingBalanceCents: opening,
    entries: entries.map(({ order: _order, ...e }) => e),
    closingBalanceCents: closing,
  };
}
