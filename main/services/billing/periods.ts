import { AppError } from '../../../shared/contract/errors.js';
import type { BillingPeriod } from '../../../shared/contract/billing.js';
import { addDays } from '../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import type { AppContext } from '../../context.js';
import { record, transaction } from '../../store/journal.js';
import { all, conflict, insertRow, nowIso, one, requireRow, updateRow } from '../../store/sql.js';

/**
 * Billing periods (DESIGN.md): two months each — Sept/Oct, Nov/Dec, Jan/Feb, Mar/Apr and
 * May/June (to the last school day, July included when the year ends in July). Generated with
 * the school year, editable until issued.
 *
 * Default dates: the invoice is issued on the first day of the period's second month (the meals of
 * the period are billed from the rhythm, closures after that are credited on the next invoice),
 * online payment opens the next day at 14:00, and payment is due on the last day of that month.
 */

export interface PeriodRecord {
  id: string;
  school_year_id: string;
  label: string;
  start_date: string;
  end_date: string;
  issue_date: string;
  online_payment_opens_at: string;
  due_date: string;
  issued_at: string | null;
  issue_summary: string | null;
  updated_at: string;
}

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

function toPeriod(p: PeriodRecord & { school_year_label: string; invoices: number }): BillingPeriod {
  return {
    id: p.id,
    schoolYearId: p.school_year_id,
    schoolYearLabel: p.school_year_label,
    label: p.label,
    start: p.start_date,
    end: p.end_date,
    issueDate: p.issue_date,
    onlinePaymentOpensAt: p.online_payment_opens_at,
    dueDate: p.due_date,
    issuedAt: p.issued_at,
    invoices: p.invoices,
  };
}

const LIST = `SELECT p.*, y.label AS school_year_label,
    (SELECT COUNT(*) FROM invoices i WHERE i.period_id = p.id AND i.status = 'issued') AS invoices
  FROM billing_periods p JOIN school_years y ON y.id = p.school_year_id`;

export function listPeriods(ctx: AppContext, schoolYearId?: string): BillingPeriod[] {
  return all<PeriodRecord & { school_year_label: string; invoices: number }>(
    ctx,
    `${LIST} WHERE (@year IS NULL OR p.school_year_id = @year) ORDER BY p.start_date`,
    { year: schoolYearId ?? null },
  ).map(toPeriod);
}

export function requirePeriod(ctx: AppContext, id: string): PeriodRecord {
  return requireRow<PeriodRecord>(ctx, 'billing_periods', id, 'Cette période de facturation n’existe pas (ou plus).');
}

/** Creates the default periods of a year that has none; returns how many were created. */
export function insertDefaultPeriods(ctx: AppContext, schoolYearId: string): number {
  const year = requireRow<{ id: string; label: string; first_day: string; last_day: string }>(
    ctx,
    'school_years',
    schoolYearId,
    'Cette année scolaire n’existe pas (ou plus).',
  );
  const existing = one<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM billing_periods WHERE school_year_id = ?', schoolYearId)?.n ?? 0;
  if (existing > 0) return 0;
  const periods = defaultPeriods(year.first_day, year.last_day);
  for (const p of periods) {
    const row: PeriodRecord = {
      id: ctx.newId(),
      school_year_id: year.id,
      label: p.label,
      start_date: p.start,
      end_date: p.end,
      issue_date: p.issueDate,
      online_payment_opens_at: p.onlinePaymentOpensAt,
      due_date: p.dueDate,
      issued_at: null,
      issue_summary: null,
      updated_at: nowIso(),
    };
    insertRow(ctx, 'billing_periods', { ...row });
    record(ctx, { action: 'period.create', entity: 'billing_periods', entityId: row.id, familyId: null, before: null, after: { ...row } });
  }
  return periods.length;
}

export function generatePeriods(ctx: AppContext, schoolYearId: string): { created: number } {
  return transaction(ctx, () => {
    const year = requireRow<{ label: string }>(ctx, 'school_years', schoolYearId, 'Cette année scolaire n’existe pas (ou plus).');
    const created = insertDefaultPeriods(ctx, schoolYearId);
    if (created === 0) throw conflict(`Les périodes de ${year.label} existent déjà\u00a0: modifiez-les une à une.`);
    return { created };
  });
}

/** Edits a period's dates and label; refused once the period is issued. */
export function updatePeriod(ctx: AppContext, input: PeriodDates & { id: string }): { id: string } {
  return transaction(ctx, () => {
    const before = requirePeriod(ctx, input.id);
    if (before.issued_at) throw conflict(`La période ${before.label} est déjà facturée\u00a0: elle ne peut plus être modifiée.`);
    const year = requireRow<{ label: string; first_day: string; last_day: string }>(ctx, 'school_years', before.school_year_id, 'Année scolaire introuvable.');
    if (input.start < year.first_day || input.end > year.last_day) {
      throw AppError.invalid('start', `La période doit rester dans l’année scolaire ${year.label} (du ${formatFrenchDate(year.first_day)} au ${formatFrenchDate(year.last_day)}).`);
    }
    const overlap = one<{ label: string }>(
      ctx,
      'SELECT label FROM billing_periods WHERE id <> ? AND start_date <= ? AND end_date >= ?',
      before.id,
      input.end,
      input.start,
    );
    if (overlap) throw AppError.invalid('start', `Ces dates chevauchent la période ${overlap.label}.`);
    const after: PeriodRecord = {
      ...before,
      label: input.label,
      start_date: input.start,
      end_date: input.end,
      issue_date: input.issueDate,
      online_payment_opens_at: input.onlinePaymentOpensAt,
      due_date: input.dueDate,
      updated_at: nowIso(),
    };
    updateRow(ctx, 'billing_periods', before.id, {
      label: after.label,
      start_date: after.start_date,
      end_date: after.end_date,
      issue_date: after.issue_date,
      online_payment_opens_at: after.online_payment_opens_at,
      due_date: after.due_date,
      updated_at: after.updated_at,
    });
    record(ctx, { action: 'period.update', entity: 'billing_periods', entityId: before.id, familyId: null, before: { ...before }, after: { ...after } });
    return { id: before.id };
  });
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
