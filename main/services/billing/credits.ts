import type { AppContext } from '../../context.js';
import { OutboxWriter } from '../../store/outbox.js';
import { nowIso, prepared } from '../../store/sql.js';

/**
 * A family's money not applied yet (DESIGN.md: « overpayment becomes a credit »): the part of its
 * valid payments not allocated to an invoice, and the credit notes of billing runs (« avoirs »:
 * credits larger than the period's meals) not used yet. Applied, oldest first, to the oldest
 * unpaid invoices: by each billing run to the invoices it issues, by a payment's allocation, and
 * by `payments.allocateCredit`.
 */
export interface CreditSource {
  source: 'payment' | 'credit_note';
  id: string;
  familyId: string;
  /** Receipt number or credit note number. */
  number: string;
  availableCents: number;
}

export interface UnpaidInvoice {
  id: string;
  number: string;
  familyId: string;
  totalCents: number;
  paidCents: number;
  remainingCents: number;
  issuedOn: string;
  dueDate: string;
}

const ACTIVE_SUM = (column: string, id: string) =>
  `COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.${column} = ${id} AND a.released_at IS NULL), 0)`;

const CREDITS = `SELECT * FROM (
    SELECT 'payment' AS source, p.id, p.family_id AS familyId, p.receipt_number AS number,
      p.amount_cents - ${ACTIVE_SUM('payment_id', 'p.id')} AS availableCents, p.received_on AS day, p.created_at AS created, p.rowid AS r
    FROM payments p WHERE p.status = 'valid' AND (@family IS NULL OR p.family_id = @family)
    UNION ALL
    SELECT 'credit_note', i.id, i.family_id, i.number,
      -i.total_cents - ${ACTIVE_SUM('credit_note_id', 'i.id')}, i.issued_on, i.created_at, i.rowid
    FROM invoices i WHERE i.kind = 'credit_note' AND i.status = 'issued' AND i.cancels_invoice_id IS NULL
      AND (@family IS NULL OR i.family_id = @family)
  ) WHERE availableCents > 0 ORDER BY familyId, day, created, r`;

/** Available credit of one family (or of every family when `familyId` is null), oldest first. */
export function creditSources(ctx: AppContext, familyId: string | null): CreditSource[] {
  return prepared(ctx.store.sqlite, CREDITS).all({ family: familyId }) as CreditSource[];
}

const UNPAID = `SELECT * FROM (
    SELECT i.id, i.number, i.family_id AS familyId, i.total_cents AS totalCents,
      ${ACTIVE_SUM('invoice_id', 'i.id')} AS paidCents, i.issued_on AS issuedOn, i.due_date AS dueDate, i.rowid AS r
    FROM invoices i WHERE i.family_id = ? AND i.kind = 'invoice' AND i.status = 'issued' AND i.cancels_invoice_id IS NULL
  ) WHERE totalCents > paidCents ORDER BY issuedOn, number`;

/** Invoices of a family with something left to pay, oldest first. */
export function unpaidInvoices(ctx: AppContext, familyId: string): UnpaidInvoice[] {
  return (prepared(ctx.store.sqlite, UNPAID).all(familyId) as Omit<UnpaidInvoice, 'remainingCents'>[]).map((i) => ({
    id: i.id,
    number: i.number,
    familyId: i.familyId,
    totalCents: i.totalCents,
    paidCents: i.paidCents,
    remainingCents: i.totalCents - i.paidCents,
    issuedOn: i.issuedOn,
    dueDate: i.dueDate,
  }));
}

/** Writes one allocation (money of `source` applied to an invoice) with its sync messages. */
export function writeAllocation(
  ctx: AppContext,
  outbox: OutboxWriter,
  source: Pick<CreditSource, 'source' | 'id'>,
  invoiceId: string,
  amountCents: number,
): string {
  const id = ctx.newId();
  const row = {
    id,
    payment_id: source.source === 'payment' ? source.id : null,
    credit_note_id: source.source === 'credit_note' ? source.id : null,
    invoice_id: invoiceId,
    amount_cents: amountCents,
    created_at: nowIso(),
    released_at: null,
  };
  prepared(
    ctx.store.sqlite,
    `INSERT INTO payment_allocations (id, payment_id, credit_note_id, invoice_id, amount_cents, created_at, released_at)
     VALUES (@id, @payment_id, @credit_note_id, @invoice_id, @amount_cents, @created_at, @released_at)`,
  ).run(row);
  outbox.created('payment_allocations', row);
  return id;
}

/** Money of `source` applied to one invoice. */
export interface Allocation<C> {
  invoiceId: string;
  number: string;
  amountCents: number;
  source: C;
}

/**
 * The allocation rule, written once: each invoice in turn (the caller's order: oldest first, or
 * the ones chosen) takes from the credits in turn until it is paid or the money runs out.
 * Writes nothing; consumes `availableCents` and `remainingCents` in place, so what is left in
 * the credits afterwards is the family's credit.
 */
export function planAllocations<C extends { availableCents: number }>(
  credits: C[],
  invoices: { id: string; number: string; remainingCents: number }[],
): Allocation<C>[] {
  const out: Allocation<C>[] = [];
  for (const invoice of invoices) {
    for (const credit of credits) {
      if (invoice.remainingCents <= 0) break;
      if (credit.availableCents <= 0) continue;
      const amount = Math.min(credit.availableCents, invoice.remainingCents);
      credit.availableCents -= amount;
      invoice.remainingCents -= amount;
      out.push({ invoiceId: invoice.id, number: invoice.number, amountCents: amount, source: credit });
    }
  }
  return out;
}

/** Applies credits to invoices by the rule of `planAllocations` and writes each allocation. */
export function applyCredits(
  ctx: AppContext,
  outbox: OutboxWriter,
  credits: CreditSource[],
  invoices: { id: string; number: string; remainingCents: number }[],
): Allocation<CreditSource>[] {
  const made = planAllocations(credits, invoices);
  for (const a of made) writeAllocation(ctx, outbox, a.source, a.invoiceId, a.amountCents);
  return made;
}

/** Releases (never deletes) the active allocations matching `column = id`; returns the sum. */
export function releaseAllocations(
  ctx: AppContext,
  outbox: OutboxWriter,
  column: 'payment_id' | 'credit_note_id' | 'invoice_id',
  id: string,
): number {
  const rows = prepared(
    ctx.store.sqlite,
    `SELECT id, amount_cents FROM payment_allocations WHERE ${column} = ? AND released_at IS NULL`,
  ).all(id) as { id: string; amount_cents: number }[];
  const at = nowIso();
  let sum = 0;
  for (const r of rows) {
    prepared(ctx.store.sqlite, 'UPDATE payment_allocations SET released_at = ? WHERE id = ?').run(at, r.id);
    outbox.field('payment_allocations', r.id, 'released_at', at);
    sum += r.amount_cents;
  }
  return sum;
}
