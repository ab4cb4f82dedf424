import { AppError } from '../../../shared/contract/errors.js';
import type { BillingPeriod } from '../../../shared/contract/billing.js';
import { addDays } from '../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { runDates } from '../../../shared/domain/periods.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { asc, eq, sql } from 'drizzle-orm';
import { insertRecord, requireRecord, type RowOf, updateRecord } from '../../store/records.js';
import { billingPeriods, schoolYears } from '../../store/schema.js';
import { conflict, nowIso, one } from '../../store/sql.js';

/**
 * Billing periods (DESIGN.md): two months each — Sept/Oct, Nov/Dec, Jan/Feb, Mar/Apr and
 * May/June (to the last school day, July included when the year ends in July). Generated with
 * the school year, editable until issued.
 *
 * Default dates: the invoice is issued on the first day of the period's second month (the meals of
 * the period are billed from the rhythm, closures after that are credited on the next invoice),
 * online payment opens the next day at 14:00, and payment is due on the last day of that month.
 * These are planned dates: a run on another day uses the dates of `runDates`
 * (shared/domain/periods.ts) and records them on the period and its invoices.
 */

export type PeriodRecord = RowOf<typeof billingPeriods>;

const PERIOD_GONE = 'Cette période de facturation n’existe pas (ou plus).';
const YEAR_GONE = 'Cette année scolaire n’existe pas (ou plus).';

const MONTHS = ['Janvier', 'Février', 'Mars', 'Avril', 'Mai', 'Juin', 'Juillet', 'Août', 'Septembre', 'Octobre', 'Novembre', 'Décembre'];

const pad = (n: number) => String(n).padStart(2, '0');

function lastOfMonth(year: number, month: number): string {
  return addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
}

export interface PeriodDates {
  label: string;
  start: string;
  end: string;
  issueDate: string;
  onlinePaymentOpensAt: string;
  dueDate: string;
}

/** The five default periods of a school year (pure: only the year's first and last days). */
export function defaultPeriods(firstDay: string, lastDay: string): PeriodDates[] {
  const startYear = Number(firstDay.slice(0, 4)) + (Number(firstDay.slice(5, 7)) >= 8 ? 0 : -1);
  const pairs: [number, number][] = [
    [startYear, 9],
    [startYear, 11],
    [startYear + 1, 1],
    [startYear + 1, 3],
    [startYear + 1, 5],
  ];
  const out: PeriodDates[] = [];
  pairs.forEach(([year, month], i) => {
    const start = i === 0 ? firstDay : `${year}-${pad(month)}-01`;
    let end = i === pairs.length - 1 ? lastDay : lastOfMonth(year, month + 1);
    if (end > lastDay) end = lastDay;
    if (start > end) return;
    const months = [MONTHS[month - 1], MONTHS[month]];
    if (i === pairs.length - 1 && end > lastOfMonth(year, month + 1)) months.push(MONTHS[month + 1]);
    const issueDate = `${year}-${pad(month + 1)}-01`;
    out.push({
      label: `${months.join(' / ')} ${year}`,
      start,
      end,
      issueDate,
      onlinePaymentOpensAt: `${addDays(issueDate, 1)}T14:00`,
      dueDate: lastOfMonth(year, month + 1),
    });
  });
  return out;
}

export function listPeriods(ctx: AppContext, schoolYearId?: string): BillingPeriod[] {
  const today = ctx.today();
  const invoices = sql<number>`(SELECT COUNT(*) FROM invoices i WHERE i.period_id = billing_periods.id AND i.status = 'issued')`;
  return ctx.store.db
    .select({ period: billingPeriods, schoolYearLabel: schoolYears.label, invoices })
    .from(billingPeriods)
    .innerJoin(schoolYears, eq(schoolYears.id, billingPeriods.schoolYearId))
    .where(schoolYearId === undefined ? undefined : eq(billingPeriods.schoolYearId, schoolYearId))
    .orderBy(asc(billingPeriods.startDate))
    .all()
    .map(({ period: p, schoolYearLabel, invoices }) => ({
      id: p.id,
      schoolYearId: p.schoolYearId,
      schoolYearLabel,
      label: p.label,
      start: p.startDate,
      end: p.endDate,
      issueDate: p.issueDate,
      onlinePaymentOpensAt: p.onlinePaymentOpensAt,
      dueDate: p.dueDate,
      issuedAt: p.issuedAt,
      nextRun: p.issuedAt === null ? runDates(p, today) : null,
      invoices,
    }));
}

export function requirePeriod(ctx: AppContext, id: string): PeriodRecord {
  return requireRecord(ctx, billingPeriods, id, PERIOD_GONE);
}

/** Creates the default periods of a year that has none; returns how many were created. */
export function insertDefaultPeriods(ctx: AppContext, schoolYearId: string): number {
  const year = requireRecord(ctx, schoolYears, schoolYearId, YEAR_GONE);
  const existing = one<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM billing_periods WHERE school_year_id = ?', schoolYearId)?.n ?? 0;
  if (existing > 0) return 0;
  const periods = defaultPeriods(year.firstDay, year.lastDay);
  for (const p of periods) {
    const row: PeriodRecord = {
      id: ctx.newId(),
      schoolYearId: year.id,
      label: p.label,
      startDate: p.start,
      endDate: p.end,
      issueDate: p.issueDate,
      onlinePaymentOpensAt: p.onlinePaymentOpensAt,
      dueDate: p.dueDate,
      issuedAt: null,
      issueSummary: null,
      updatedAt: nowIso(),
    };
    insertRecord(ctx, billingPeriods, row, { action: 'period.create', familyId: null });
  }
  return periods.length;
}

export function generatePeriods(ctx: AppContext, schoolYearId: string): { created: number } {
  return transaction(ctx, () => {
    const year = requireRecord(ctx, schoolYears, schoolYearId, YEAR_GONE);
    const created = insertDefaultPeriods(ctx, schoolYearId);
    if (created === 0) throw conflict(`Les périodes de ${year.label} existent déjà\u00a0: modifiez-les une à une.`);
    return { created };
  });
}

/** Edits a period's dates and label; refused once the period is issued. */
export function updatePeriod(ctx: AppContext, input: PeriodDates & { id: string }): { id: string } {
  return transaction(ctx, () => {
    const before = requirePeriod(ctx, input.id);
    if (before.issuedAt) throw conflict(`La période ${before.label} est déjà facturée\u00a0: elle ne peut plus être modifiée.`);
    const year = requireRecord(ctx, schoolYears, before.schoolYearId, YEAR_GONE);
    if (input.start < year.firstDay || input.end > year.lastDay) {
      throw AppError.invalid('start', `La période doit rester dans l’année scolaire ${year.label} (du ${formatFrenchDate(year.firstDay)} au ${formatFrenchDate(year.lastDay)}).`);
    }
    const overlap = one<{ label: string }>(
      ctx,
      'SELECT label FROM billing_periods WHERE id <> ? AND start_date <= ? AND end_date >= ?',
      before.id,
      input.end,
      input.start,
    );
    if (overlap) throw AppError.invalid('start', `Ces dates chevauchent la période ${overlap.label}.`);
    const changes = {
      label: input.label,
      startDate: input.start,
      endDate: input.end,
      issueDate: input.issueDate,
      onlinePaymentOpensAt: input.onlinePaymentOpensAt,
      dueDate: input.dueDate,
    };
    updateRecord(ctx, billingPeriods, before, { ...changes, updatedAt: nowIso() }, { action: 'period.update', familyId: null });
    return { id: before.id };
  });
}

/** The billing period already issued that contains `day`, if any (its invoices are fixed). */
export function issuedPeriodOn(ctx: AppContext, day: string): { label: string; end: string } | undefined {
  return one<{ label: string; end: string }>(
    ctx,
    'SELECT label, end_date AS "end" FROM billing_periods WHERE issued_at IS NOT NULL AND start_date <= ? AND end_date >= ? LIMIT 1',
    day,
    day,
  );
}

/**
 * The first billing period that starts after `day` (a QF proof's date): its start is when a new
 * tranche takes effect. Null when no such period is stored yet.
 */
function periodStartAfter(ctx: AppContext, day: string): string | null {
  return one<{ start_date: string }>(ctx, 'SELECT start_date FROM billing_periods WHERE start_date > ? ORDER BY start_date LIMIT 1', day)?.start_date ?? null;
}

/**
 * When a QF proof received on `day` takes effect (DESIGN.md: never retroactive, from the next
 * billing period): the start of the first stored period after `day` when `day` falls inside a
 * stored period; otherwise (before the stored periods, in a summer or a year without periods) the
 * earlier of that start and the default period start (shared/domain/periods.ts).
 */
export function qfValidFrom(ctx: AppContext, day: string, fallback: string): string {
  const next = periodStartAfter(ctx, day);
  if (next === null) return fallback;
  const covered = one<{ id: string }>(ctx, 'SELECT id FROM billing_periods WHERE start_date <= ? AND end_date >= ? LIMIT 1', day, day);
  if (covered) return next;
  return next < fallback ? next : fallback;
}
