import type Database from 'better-sqlite3';
import type { IssueResult } from '../../../shared/contract/billing.js';
import { runDates, type RunDates } from '../../../shared/domain/periods.js';
import type { AppContext } from '../../context.js';
import { record, transaction, audit } from '../../store/journal.js';
import { prepared, conflict, nowIso, one, requireRow } from '../../store/sql.js';
import { applyCredits, creditSources, releaseAllocations, type CreditSource } from './credits.js';
import { computeBilling, IN_FORCE, totalsOf, type ComputedDraft } from './compute.js';
import { previewBilling } from './preview.js';
import { OutboxWriter } from '../../store/outbox.js';
import { requirePeriod, type PeriodRecord } from './periods.js';
import { invoiceNumbering, type NumberCounts, type Numbering, type ReservedNumbers } from './numbering.js';
import { updateRecord } from '../../store/records.js';
import { requireWritableFamily } from '../family-status/index.js';
import { billingPeriods } from '../../store/schema.js';

/**
 * Issuing a billing run: one transaction writes every invoice of the period with its lines, their
 * sync messages, the numbers, the consumed pending credits, the credit applied, the period's
 * `issued_at` and ONE audit entry for the run. Issuing an issued period again returns the first
 * result and writes nothing.
 */

/* ---------- writing invoices ---------- */

const INVOICE_FIELDS = [
  'id',
  'number',
  'year',
  'family_id',
  'period_id',
  'kind',
  'payer_name',
  'payer_address',
  'tranche',
  'qf_value',
  'total_cents',
  'issued_on',
  'due_date',
  'status',
  'cancels_invoice_id',
  'reason',
  'created_at',
] as const;

const LINE_FIELDS = [
  'id',
  'invoice_id',
  'position',
  'child_id',
  'school_id',
  'period_id',
  'kind',
  'label',
  'days',
  'quantity',
  'unit_price_cents',
  'amount_cents',
] as const;

const INSERT_INVOICE = `INSERT INTO invoices (${INVOICE_FIELDS.join(', ')}) VALUES (${INVOICE_FIELDS.map(() => '?').join(', ')})`;
const INSERT_LINE = `INSERT INTO invoice_lines (${LINE_FIELDS.join(', ')}) VALUES (${LINE_FIELDS.map(() => '?').join(', ')})`;

/** Writes rows given as value arrays in `fields` order, with their sync messages. */
class RowWriter {
  private readonly statement: Database.Statement;

  constructor(
    sqlite: Database.Database,
    sql: string,
    private readonly entity: string,
    private readonly fields: readonly string[],
    private readonly outbox: OutboxWriter,
  ) {
    this.statement = prepared(sqlite, sql);
  }

  write(values: unknown[]): void {
    this.statement.run(values);
    this.outbox.row(this.entity, this.fields, values);
  }
}

export interface IssueHooks {
  /** Called after each invoice is written (tests: a crash half-way through a run). */
  afterInvoice?(count: number): void;
}

interface WriteContext {
  ctx: AppContext;
  period: PeriodRecord;
  /** The run's dates (shared/domain/periods.ts `runDates`): written on every invoice. */
  dates: RunDates;
  issuedOn: string;
  dueDate: string;
  createdAt: string;
  series: Numbering;
  outbox: OutboxWriter;
  invoices: RowWriter;
  lines: RowWriter;
  credits: Map<string, CreditSource[]>;
}

/** How many numbers of each kind the drafts to write need. */
function countsOf(drafts: readonly ComputedDraft[]): NumberCounts {
  const counts: NumberCounts = {};
  for (const d of drafts) if (d.invoiced) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  return counts;
}

/** The calendar year a period's run is issued in (today's run dates): the year of its numbers' series. */
export function runYear(ctx: AppContext, period: PeriodRecord): number {
  return Number(runDates(period, ctx.today()).issueDate.slice(0, 4));
}

/**
 * Where a run's documents are written, numbered from the server's blocks (`reserved`, a desk
 * linked to the server) or the local series (a standalone desk).
 */
function writeContext(
  ctx: AppContext,
  period: PeriodRecord,
  familyId: string | null,
  numbers: { reserved: ReservedNumbers | undefined; needed: NumberCounts },
): WriteContext {
  const dates = runDates(period, ctx.today());
  const issuedOn = dates.issueDate;
  const series = invoiceNumbering(ctx, Number(issuedOn.slice(0, 4)), numbers.reserved, numbers.needed);
  const outbox = new OutboxWriter(ctx);
  const credits = new Map<string, CreditSource[]>();
  for (const c of creditSources(ctx, familyId)) {
    const list = credits.get(c.familyId);
    if (list) list.push(c);
    else credits.set(c.familyId, [c]);
  }
  return {
    ctx,
    period,
    dates,
    issuedOn,
    dueDate: dates.dueDate,
    createdAt: nowIso(),
    series,
    outbox,
    invoices: new RowWriter(ctx.store.sqlite, INSERT_INVOICE, 'invoices', INVOICE_FIELDS, outbox),
    lines: new RowWriter(ctx.store.sqlite, INSERT_LINE, 'invoice_lines', LINE_FIELDS, outbox),
    credits,
  };
}

interface Written {
  id: string;
  number: string;
  creditApplied: number;
}

function writeDraft(w: WriteContext, draft: ComputedDraft): Written {
  const { ctx, period } = w;
  // Time-ordered UUIDs: 21,000 rows appended to the id indexes rather than spread over them.
  const id = w.outbox.newId();
  const number = w.series.next(draft.kind);
  w.invoices.write([
    id,
    number,
    w.series.year,
    draft.familyId,
    period.id,
    draft.kind,
    draft.payerName,
    JSON.stringify(draft.payerAddress),
    draft.tranche,
    draft.qfValue,
    draft.totalCents,
    w.issuedOn,
    draft.kind === 'credit_note' ? w.issuedOn : w.dueDate,
    'issued',
    null,
    null,
    w.createdAt,
  ]);
  let position = 0;
  for (const line of draft.lines) {
    position += 1;
    w.lines.write([
      w.outbox.newId(),
      id,
      position,
      line.childId,
      line.schoolId,
      period.id,
      line.kind,
      line.label,
      line.daysJson,
      line.quantity,
      line.unitPriceCents,
      line.amountCents,
    ]);
    if (line.pendingCreditId !== null) {
      prepared(ctx.store.sqlite, 'UPDATE pending_credits SET applied_invoice_id = ? WHERE id = ?').run(id, line.pendingCreditId);
      w.outbox.field('pending_credits', line.pendingCreditId, 'applied_invoice_id', id);
    }
  }
  // The family's credit (overpayments, earlier « avoirs ») pays the new invoice first.
  let creditApplied = 0;
  const credits = w.credits.get(draft.familyId);
  if (draft.kind === 'invoice' && draft.totalCents > 0 && credits) {
    for (const a of applyCredits(ctx, w.outbox, credits, [{ id, number, remainingCents: draft.totalCents }])) creditApplied += a.amountCents;
  }
  return { id, number, creditApplied };
}

/* ---------- the run ---------- */

/** SQLite page cache while a run writes (~100 MB of pages): no spill of dirty pages mid-run. */
const RUN_CACHE_KIB = 131_072;

function withRunCache<T>(ctx: AppContext, work: () => T): T {
  const { sqlite } = ctx.store;
  const previous = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${RUN_CACHE_KIB}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`cache_size = ${previous}`);
  }
}

/** A run's stored result; one stored before the run kept its dates takes them from the period. */
function storedResult(period: PeriodRecord, summary: string): IssueResult {
  const stored = JSON.parse(summary) as Partial<IssueResult>;
  return { onlinePaymentOpensAt: period.onlinePaymentOpensAt, dueDate: period.dueDate, ...stored } as IssueResult;
}

/**
 * Issues a period in one transaction. `reserved`: the numbers the server gave this run (a desk
 * linked to the server, sync/numbers.ts); a standalone desk numbers it locally.
 */
export function issueBilling(ctx: AppContext, periodId: string, hooks: IssueHooks = {}, reserved?: ReservedNumbers): IssueResult {
  return withRunCache(ctx, () => issueRun(ctx, periodId, hooks, reserved));
}

/** A run's id on the server, the same for every attempt (a retry after a crash gets the same numbers). */
export const issueRunId = (periodId: string) => `billing:${periodId}`;

/** How many numbers a run of the period needs now (what the preview shows). */
export function issueCounts(ctx: AppContext, periodId: string): NumberCounts {
  return countsOf(previewBilling(ctx, periodId).drafts);
}

function issueRun(ctx: AppContext, periodId: string, hooks: IssueHooks, reserved: ReservedNumbers | undefined): IssueResult {
  return transaction(ctx, () => {
    const period = requirePeriod(ctx, periodId);
    if (period.issuedAt !== null && period.issueSummary !== null) return storedResult(period, period.issueSummary);
    // The preview's computation when the store has not changed since (the usual preview → issue).
    const { drafts } = previewBilling(ctx, periodId);
    const w = writeContext(ctx, period, null, { reserved, needed: countsOf(drafts) });
    let firstNumber: string | null = null;
    let lastNumber: string | null = null;
    let creditApplied = 0;
    let count = 0;
    for (const draft of drafts) {
      if (!draft.invoiced) continue;
      const written = writeDraft(w, draft);
      if (draft.kind === 'invoice') {
        firstNumber ??= written.number;
        lastNumber = written.number;
      }
      creditApplied += written.creditApplied;
      count += 1;
      hooks.afterInvoice?.(count);
    }
    w.series.flush();
    w.outbox.finish();
    const totals = totalsOf(drafts);
    const issuedAt = nowIso();
    const result: IssueResult = {
      periodId: period.id,
      periodLabel: period.label,
      issuedAt,
      issuedOn: w.issuedOn,
      onlinePaymentOpensAt: w.dates.onlinePaymentOpensAt,
      dueDate: w.dates.dueDate,
      ...totals,
      firstNumber,
      lastNumber,
      creditAppliedCents: creditApplied,
    };
    const summary = JSON.stringify(result);
    // The period keeps the dates its run used (the planned ones stay in the audit's « before »).
    updateRecord(
      ctx,
      billingPeriods,
      period,
      {
        issueDate: w.dates.issueDate,
        onlinePaymentOpensAt: w.dates.onlinePaymentOpensAt,
        dueDate: w.dates.dueDate,
        issuedAt,
        issueSummary: summary,
        updatedAt: issuedAt,
      },
      { action: 'billing.issue', familyId: null },
    );
    return result;
  });
}

/**
 * Bills one family again for an issued period after its invoice was cancelled (its days became
 * billable again): the same computation, a new number. Nothing when a document of the period is
 * still in force for the family, or nothing is to be billed.
 */
export function reissueFamily(
  ctx: AppContext,
  input: { periodId: string; familyId: string },
  reserved?: ReservedNumbers,
): { invoiceId: string | null; number: string | null; totalCents: number } {
  return transaction(ctx, () => {
    const { period, draft } = reissueDraft(ctx, input);
    if (!draft) return { invoiceId: null, number: null, totalCents: 0 };
    const w = writeContext(ctx, period, input.familyId, { reserved, needed: { [draft.kind]: 1 } });
    const written = writeDraft(w, draft);
    w.series.flush();
    w.outbox.finish();
    audit(ctx, {
      action: 'billing.reissue',
      entity: 'invoices',
      entityId: written.id,
      familyId: input.familyId,
      before: null,
      after: { number: written.number, period_id: period.id, total_cents: draft.totalCents, kind: draft.kind },
    });
    return { invoiceId: written.id, number: written.number, totalCents: draft.totalCents };
  });
}

/** What a reissue would write (checked first: refused when the period is not issued or a document is in force). */
export function reissueDraft(ctx: AppContext, input: { periodId: string; familyId: string }): { period: PeriodRecord; draft: ComputedDraft | null } {
  const period = requirePeriod(ctx, input.periodId);
  if (period.issuedAt === null) {
    throw conflict(`La période ${period.label} n’est pas encore facturée\u00a0: lancez la facturation de la période.`);
  }
  requireWritableFamily(ctx, input.familyId);
  const inForce = one<{ number: string }>(
    ctx,
    `SELECT i.number FROM invoices i WHERE i.period_id = ? AND i.family_id = ? AND ${IN_FORCE}`,
    period.id,
    input.familyId,
  );
  if (inForce) throw conflict(`La facture ${inForce.number} de cette période est en vigueur\u00a0: annulez-la d’abord.`);
  const draft = computeBilling(ctx, period.id, { familyId: input.familyId }).drafts[0];
  return { period, draft: draft?.invoiced ? draft : null };
}

/**
 * A reissue's id on the server: the family's documents of the period so far are counted in it, so
 * that each reissue (after each cancellation) has its own, the same for every attempt.
 */
export function reissueRunId(ctx: AppContext, input: { periodId: string; familyId: string }): string {
  const documents = one<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM invoices WHERE period_id = ? AND family_id = ?', input.periodId, input.familyId)?.n ?? 0;
  return `reissue:${input.periodId}:${input.familyId}:${documents}`;
}

/* ---------- cancellation ---------- */

interface InvoiceRecord {
  id: string;
  number: string;
  year: number;
  family_id: string;
  period_id: string | null;
  kind: 'invoice' | 'credit_note';
  payer_name: string;
  payer_address: string;
  tranche: number;
  qf_value: number | null;
  total_cents: number;
  issued_on: string;
  due_date: string;
  status: 'issued' | 'cancelled';
  cancels_invoice_id: string | null;
  reason: string | null;
  created_at: string;
}

interface LineRecord {
  id: string;
  invoice_id: string;
  position: number;
  child_id: string | null;
  school_id: string | null;
  period_id: string | null;
  kind: string;
  label: string;
  days: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
}

/** The kind of the document that cancels one of `kind`. */
export const mirrorKind = (kind: 'invoice' | 'credit_note') => (kind === 'invoice' ? 'credit_note' : 'invoice');

/** A cancellation's id on the server: a document is cancelled once. */
export const cancelRunId = (invoiceId: string) => `cancel:${invoiceId}`;

/** The document to cancel, or the French reason it cannot be (checked before numbers are reserved too). */
export function cancellable(ctx: AppContext, invoiceId: string): InvoiceRecord {
  const invoice = requireRow<InvoiceRecord>(ctx, 'invoices', invoiceId, 'Cette facture n’existe pas.');
  requireWritableFamily(ctx, invoice.family_id);
  if (invoice.status === 'cancelled') throw conflict(`La facture ${invoice.number} est déjà annulée.`);
  if (invoice.cancels_invoice_id !== null) {
    throw conflict(`${invoice.number} annule déjà un autre document\u00a0: elle ne peut pas être annulée à son tour.`);
  }
  return invoice;
}

/**
 * Cancels an issued document: never deleted nor edited, it is marked cancelled and a mirror
 * document of the opposite kind (a credit note « A… » for an invoice) carries the same lines with
 * opposite amounts. Money applied to it is released (back to the family's credit), pending credits
 * it consumed wait for the next invoice again, and its days become billable again
 * (`billing.reissueFamily`).
 */
export function cancelInvoice(
  ctx: AppContext,
  input: { invoiceId: string; reason: string },
  reserved?: ReservedNumbers,
): { creditNoteId: string; number: string; releasedCents: number } {
  return transaction(ctx, () => {
    const { sqlite } = ctx.store;
    const invoice = cancellable(ctx, input.invoiceId);
    const outbox = new OutboxWriter(ctx);
    const issuedOn = ctx.today();
    const kind = mirrorKind(invoice.kind);
    const series = invoiceNumbering(ctx, Number(issuedOn.slice(0, 4)), reserved, { [kind]: 1 });
    const number = series.next(kind);
    series.flush();
    const id = ctx.newId();
    const mirror: InvoiceRecord = {
      ...invoice,
      id,
      number,
      year: Number(issuedOn.slice(0, 4)),
      kind,
      total_cents: -invoice.total_cents,
      issued_on: issuedOn,
      due_date: issuedOn,
      status: 'issued',
      cancels_invoice_id: invoice.id,
      reason: input.reason,
      created_at: nowIso(),
    };
    const invoices = new RowWriter(sqlite, INSERT_INVOICE, 'invoices', INVOICE_FIELDS, outbox);
    invoices.write(INVOICE_FIELDS.map((f) => mirror[f]));
    const lines = new RowWriter(sqlite, INSERT_LINE, 'invoice_lines', LINE_FIELDS, outbox);
    const original = prepared(sqlite, 'SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position').all(invoice.id) as LineRecord[];
    for (const line of original) {
      const copy: LineRecord = {
        ...line,
        id: ctx.newId(),
        invoice_id: id,
        label: `Annulation\u00a0: ${line.label}`,
        quantity: -line.quantity,
        amount_cents: -line.amount_cents,
      };
      lines.write(LINE_FIELDS.map((f) => copy[f]));
    }
    outbox.finish();

    prepared(sqlite, "UPDATE invoices SET status = 'cancelled' WHERE id = ?").run(invoice.id);
    record(ctx, {
      action: 'invoice.cancel',
      entity: 'invoices',
      entityId: invoice.id,
      familyId: invoice.family_id,
      before: { status: 'issued' },
      after: { status: 'cancelled' },
    });
    // The cancellation document's own audit line (its row travels through `outbox` above).
    audit(ctx, {
      action: kind === 'credit_note' ? 'invoice.creditNote' : 'invoice.reversal',
      entity: 'invoices',
      entityId: id,
      familyId: invoice.family_id,
      before: null,
      after: { number, cancels: invoice.number, total_cents: mirror.total_cents, reason: input.reason },
    });

    const released =
      releaseAllocations(ctx, outbox, 'invoice_id', invoice.id) +
      (invoice.kind === 'credit_note' ? releaseAllocations(ctx, outbox, 'credit_note_id', invoice.id) : 0);
    const pending = prepared(sqlite, 'SELECT id FROM pending_credits WHERE applied_invoice_id = ?').all(invoice.id) as { id: string }[];
    for (const p of pending) {
      prepared(sqlite, 'UPDATE pending_credits SET applied_invoice_id = NULL WHERE id = ?').run(p.id);
      outbox.field('pending_credits', p.id, 'applied_invoice_id', null);
    }
    outbox.finish();
    return { creditNoteId: id, number, releasedCents: released };
  });
}
