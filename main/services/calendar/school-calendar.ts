import { AppError } from '../../../shared/contract/errors.js';
import { CLOSURE_KIND_LABELS, DAY_STATUS_LABELS, type CalendarDay, type Closure, type ClosureKind, type SchoolYear } from '../../../shared/contract/calendar.js';
import { addDays, eachDay, isoWeekday, publicHolidayName } from '../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { IcsError, readSchoolCalendar, schoolYearsOf } from '../../../shared/domain/ics.js';
import type { DateRange } from '../../../shared/rules/served-days.js';
import { weekdaysFromText } from '../../../shared/domain/weekdays.js';
import type { AppContext } from '../../context.js';
import { all, conflict, insertRow, nowIso, one, requireRow, updateRow } from '../../store/sql.js';
import { record, transaction } from '../../store/journal.js';

/**
 * The calendar in the store (DESIGN.md « Served days »): school years, zone C holidays, closures
 * of a school's catering, the weekdays each school serves meals. The public holidays are computed
 * (shared/domain/calendar.ts), never stored.
 */

export interface SchoolYearRecord {
  id: string;
  label: string;
  first_day: string;
  last_day: string;
  updated_at: string;
}

interface HolidayRecord {
  id: string;
  school_year_id: string;
  label: string;
  from_date: string;
  to_date: string;
  updated_at: string;
}

interface ClosureRecord {
  id: string;
  school_id: string;
  date: string;
  kind: ClosureKind;
  label: string | null;
  created_at: string;
  created_by: string;
}

/* ---------- school years and holidays ---------- */

export function listSchoolYears(ctx: AppContext): SchoolYear[] {
  const years = all<SchoolYearRecord>(ctx, 'SELECT * FROM school_years ORDER BY first_day');
  const holidays = all<HolidayRecord>(ctx, 'SELECT * FROM holidays ORDER BY from_date');
  return years.map((y) => ({
    id: y.id,
    label: y.label,
    firstDay: y.first_day,
    lastDay: y.last_day,
    holidays: holidays
      .filter((h) => h.school_year_id === y.id)
      .map((h) => ({ id: h.id, label: h.label, from: h.from_date, to: h.to_date })),
  }));
}

export function requireSchoolYear(ctx: AppContext, id: string): SchoolYearRecord {
  return requireRow<SchoolYearRecord>(ctx, 'school_years', id, 'Cette année scolaire n’existe pas (ou plus).');
}

/** The school year a day belongs to (first to last school day), if any. */
export function schoolYearOf(ctx: AppContext, day: string): SchoolYearRecord | undefined {
  return one<SchoolYearRecord>(ctx, 'SELECT * FROM school_years WHERE first_day <= ? AND last_day >= ? ORDER BY first_day LIMIT 1', day, day);
}

/** The holidays of a school year, as the served-days rule takes them. */
export function holidaysOf(ctx: AppContext, schoolYearId: string): (DateRange & { label: string })[] {
  return all<HolidayRecord>(ctx, 'SELECT * FROM holidays WHERE school_year_id = ? ORDER BY from_date', schoolYearId).map((h) => ({
    from: h.from_date,
    to: h.to_date,
    label: h.label,
  }));
}

function checkOverlap(ctx: AppContext, label: string, firstDay: string, lastDay: string, exceptId: string | null): void {
  const other = one<SchoolYearRecord>(
    ctx,
    'SELECT * FROM school_years WHERE first_day <= ? AND last_day >= ? AND id IS NOT ? LIMIT 1',
    lastDay,
    firstDay,
    exceptId,
  );
  if (other) throw AppError.invalid('firstDay', `Ces dates chevauchent l’année scolaire ${other.label}.`);
  const sameLabel = one<SchoolYearRecord>(ctx, 'SELECT * FROM school_years WHERE label = ? AND id IS NOT ?', label, exceptId);
  if (sameLabel) throw AppError.invalid('label', `L’année scolaire ${label} existe déjà.`);
}

/**
 * Creates or edits a school year. (Billing gives a new year its tariff grid and periods:
 * billing/school-years.ts wraps this.)
 */
export function saveSchoolYear(ctx: AppContext, input: { id?: string | undefined; label: string; firstDay: string; lastDay: string }): { id: string } {
  return transaction(ctx, () => {
    if (input.id === undefined) {
      checkOverlap(ctx, input.label, input.firstDay, input.lastDay, null);
      const row: SchoolYearRecord = { id: ctx.newId(), label: input.label, first_day: input.firstDay, last_day: input.lastDay, updated_at: nowIso() };
      insertRow(ctx, 'school_years', { ...row });
      record(ctx, { action: 'calendar.year.create', entity: 'school_years', entityId: row.id, familyId: null, before: null, after: { ...row } });
      return { id: row.id };
    }
    const before = requireSchoolYear(ctx, input.id);
    checkOverlap(ctx, input.label, input.firstDay, input.lastDay, before.id);
    const issued = one<{ n: number }>(
      ctx,
      'SELECT COUNT(*) AS n FROM billing_periods WHERE school_year_id = ? AND issued_at IS NOT NULL',
      before.id,
    )?.n;
    if (issued && (before.first_day !== input.firstDay || before.last_day !== input.lastDay)) {
      throw conflict(`Des périodes de ${before.label} sont déjà facturées\u00a0: ses premier et dernier jours ne peuvent plus changer.`);
    }
    const after: SchoolYearRecord = { ...before, label: input.label, first_day: input.firstDay, last_day: input.lastDay, updated_at: nowIso() };
    updateRow(ctx, 'school_years', before.id, { label: after.label, first_day: after.first_day, last_day: after.last_day, updated_at: after.updated_at });
    record(ctx, { action: 'calendar.year.update', entity: 'school_years', entityId: before.id, familyId: null, before: { ...before }, after: { ...after } });
    return { id: before.id };
  });
}

export function saveHoliday(
  ctx: AppContext,
  input: { id?: string | undefined; schoolYearId: string; label: string; from: string; to: string },
): { id: string } {
  return transaction(ctx, () => {
    const year = requireSchoolYear(ctx, input.schoolYearId);
    if (input.from > addDays(year.last_day, 1) || input.to < year.first_day) {
      throw AppError.invalid('from', `Ces vacances sont hors de l’année scolaire ${year.label}.`);
    }
    if (input.id === undefined) {
      const row: HolidayRecord = {
        id: ctx.newId(),
        school_year_id: year.id,
        label: input.label,
        from_date: input.from,
        to_date: input.to,
        updated_at: nowIso(),
      };
      insertRow(ctx, 'holidays', { ...row });
      record(ctx, { action: 'calendar.holiday.create', entity: 'holidays', entityId: row.id, familyId: null, before: null, after: { ...row } });
      return { id: row.id };
    }
    const before = requireRow<HolidayRecord>(ctx, 'holidays', input.id, 'Ces vacances n’existent pas (ou plus).');
    const after: HolidayRecord = { ...before, school_year_id: year.id, label: input.label, from_date: input.from, to_date: input.to, updated_at: nowIso() };
    updateRow(ctx, 'holidays', before.id, { school_year_id: after.school_year_id, label: after.label, from_date: after.from_date, to_date: after.to_date, updated_at: after.updated_at });
    record(ctx, { action: 'calendar.holiday.update', entity: 'holidays', entityId: before.id, familyId: null, before: { ...before }, after: { ...after } });
    return { id: before.id };
  });
}

export function removeHoliday(ctx: AppContext, id: string): { ok: true } {
  return transaction(ctx, () => {
    const before = requireRow<HolidayRecord>(ctx, 'holidays', id, 'Ces vacances n’existent pas (ou plus).');
    ctx.store.sqlite.prepare('DELETE FROM holidays WHERE id = ?').run(id);
    record(ctx, { action: 'calendar.holiday.delete', entity: 'holidays', entityId: id, familyId: null, before: { ...before }, after: null });
    return { ok: true };
  });
}

/* ---------- the ministry's calendar file ---------- */

export interface ImportedYear {
  id: string;
  label: string;
  firstDay: string;
  lastDay: string;
  holidays: number;
  created: boolean;
}

function yearLabel(start: string): string {
  const y = Number(start.slice(0, 4));
  return `${y}-${y + 1}`;
}

/**
 * Imports the ministry's zone C calendar (`Zone-C.ics`): each complete school year of the file (or
 * only `schoolYearLabel`) is created or updated with its holidays (the summer included when the
 * file gives its end). Holidays already stored identically are kept; the others replaced. One
 * transaction for the whole file.
 */
export function importIcs(ctx: AppContext, input: { content: string; schoolYearLabel?: string | undefined }): { years: ImportedYear[]; warnings: string[] } {
  let calendar: ReturnType<typeof readSchoolCalendar>;
  try {
    calendar = readSchoolCalendar(input.content, { zone: 'C' });
  } catch (error) {
    if (error instanceof IcsError) throw AppError.invalid('content', error.message);
    throw error;
  }
  let years = schoolYearsOf(calendar).map((y) => ({ ...y, label: yearLabel(y.start) }));
  if (years.length === 0) {
    throw AppError.invalid('content', 'Ce calendrier ne contient aucune année scolaire complète (rentrée des élèves et début des vacances d’été).');
  }
  if (input.schoolYearLabel !== undefined) {
    const found = years.filter((y) => y.label === input.schoolYearLabel);
    if (found.length === 0) {
      throw AppError.invalid(
        'schoolYearLabel',
        `L’année ${input.schoolYearLabel} n’est pas dans ce fichier (années trouvées\u00a0: ${years.map((y) => y.label).join(', ')}).`,
      );
    }
    years = found;
  }
  return transaction(ctx, () => {
    const out: ImportedYear[] = [];
    for (const y of years) {
      const existing = one<SchoolYearRecord>(ctx, 'SELECT * FROM school_years WHERE label = ?', y.label);
      let id: string;
      if (existing) {
        id = existing.id;
        if (existing.first_day !== y.start || existing.last_day !== y.end) saveSchoolYear(ctx, { id, label: y.label, firstDay: y.start, lastDay: y.end });
      } else {
        id = saveSchoolYear(ctx, { label: y.label, firstDay: y.start, lastDay: y.end }).id;
      }
      const summerStart = addDays(y.end, 1);
      const wanted = calendar.holidays.filter((h) => h.from >= y.start && h.from <= summerStart);
      const stored = all<HolidayRecord>(ctx, 'SELECT * FROM holidays WHERE school_year_id = ?', id);
      const key = (label: string, from: string, to: string) => `${label}|${from}|${to}`;
      const wantedKeys = new Set(wanted.map((h) => key(h.label, h.from, h.to)));
      const storedKeys = new Set(stored.map((h) => key(h.label, h.from_date, h.to_date)));
      for (const h of stored) if (!wantedKeys.has(key(h.label, h.from_date, h.to_date))) removeHoliday(ctx, h.id);
      for (const h of wanted) if (!storedKeys.has(key(h.label, h.from, h.to))) saveHoliday(ctx, { schoolYearId: id, label: h.label, from: h.from, to: h.to });
      out.push({ id, label: y.label, firstDay: y.start, lastDay: y.end, holidays: wanted.length, created: !existing });
    }
    return { years: out, warnings: calendar.warnings };
  });
}

/* ---------- closures and service weekdays ---------- */

function schoolName(ctx: AppContext, schoolId: string): string {
  const school = one<{ name: string }>(ctx, 'SELECT name FROM schools WHERE id = ?', schoolId);
  if (!school) throw AppError.invalid('schoolId', 'École\u00a0: établissement inconnu.');
  return school.name;
}

export function listClosures(ctx: AppContext, input: { schoolId?: string | undefined; from?: string | undefined; to?: string | undefined }): Closure[] {
  const rows = all<ClosureRecord & { school_name: string }>(
    ctx,
    `SELECT c.*, s.name AS school_name FROM closures c JOIN schools s ON s.id = c.school_id
     WHERE (@school IS NULL OR c.school_id = @school) AND (@from IS NULL OR c.date >= @from) AND (@to IS NULL OR c.date <= @to)
     ORDER BY c.date, s.name`,
    { school: input.schoolId ?? null, from: input.from ?? null, to: input.to ?? null },
  );
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    date: r.date,
    kind: r.kind,
    label: r.label,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

/** Why a day has no catering at all (weekend, holiday, …), or null when it is a school day. */
function dayOff(ctx: AppContext, date: string): string | null {
  const weekday = isoWeekday(date);
  if (weekday >= 6) return 'un week-end';
  const holidayName = publicHolidayName(date);
  if (holidayName) return `un jour férié (${holidayName})`;
  const year = schoolYearOf(ctx, date);
  if (!year) return 'hors de l’année scolaire';
  const holiday = holidaysOf(ctx, year.id).find((h) => h.from <= date && h.to >= date);
  if (holiday) return `pendant les congés scolaires (${holiday.label})`;
  return null;
}

/**
 * Records a closure (strike, trip, closure) of one or more schools' catering on a day. The day is
 * then not billed; when it was billed already, the next invoice credits it.
 */
export function addClosure(
  ctx: AppContext,
  input: { schoolIds: string[]; date: string; kind: ClosureKind; label: string | null },
): { ids: string[] } {
  return transaction(ctx, () => {
    const off = dayOff(ctx, input.date);
    if (off) throw AppError.invalid('date', `Le ${formatFrenchDate(input.date)} est ${off}\u00a0: il n’y a pas de service à fermer.`);
    const ids: string[] = [];
    for (const schoolId of new Set(input.schoolIds)) {
      const name = schoolName(ctx, schoolId);
      const taken = one<ClosureRecord>(ctx, 'SELECT * FROM closures WHERE school_id = ? AND date = ?', schoolId, input.date);
      if (taken) throw AppError.invalid('date', `${name} a déjà une fermeture le ${formatFrenchDate(input.date)}.`);
      const row: ClosureRecord = {
        id: ctx.newId(),
        school_id: schoolId,
        date: input.date,
        kind: input.kind,
        label: input.label,
        created_at: nowIso(),
        created_by: ctx.actor,
      };
      insertRow(ctx, 'closures', { ...row });
      record(ctx, { action: 'calendar.closure.create', entity: 'closures', entityId: row.id, familyId: null, before: null, after: { ...row } });
      ids.push(row.id);
    }
    return { ids };
  });
}

/**
 * Removes a closure entered by mistake. A credit already issued for it stays (an issued invoice
 * never changes); a day of a period not billed yet becomes billable again.
 */
export function removeClosure(ctx: AppContext, id: string): { ok: true } {
  return transaction(ctx, () => {
    const before = requireRow<ClosureRecord>(ctx, 'closures', id, 'Cette fermeture n’existe pas (ou plus).');
    ctx.store.sqlite.prepare('DELETE FROM closures WHERE id = ?').run(id);
    record(ctx, { action: 'calendar.closure.delete', entity: 'closures', entityId: id, familyId: null, before: { ...before }, after: null });
    return { ok: true };
  });
}

/* ---------- month view ---------- */

/**
 * Each day of a month at a school, with why it is (or is not) a day of catering: the month view of
 * the calendar screen. The same rule as the billing (served-days.ts) decides « Servi ».
 */
export function calendarMonth(
  ctx: AppContext,
  schoolId: string,
  month: string,
): { schoolId: string; schoolName: string; month: string; serviceWeekdays: number[]; days: CalendarDay[]; servedDays: number } {
  const school = one<{ name: string; service_weekdays: string }>(ctx, 'SELECT name, service_weekdays FROM schools WHERE id = ?', schoolId);
  if (!school) throw AppError.invalid('schoolId', 'École\u00a0: établissement inconnu.');
  const service = weekdaysFromText(school.service_weekdays);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5));
  const first = `${month}-01`;
  const last = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
  const days = eachDay(first, last);
  const years = all<SchoolYearRecord>(ctx, 'SELECT * FROM school_years WHERE first_day <= ? AND last_day >= ?', last, first);
  const holidays = all<HolidayRecord>(ctx, 'SELECT * FROM holidays WHERE from_date <= ? AND to_date >= ? ORDER BY from_date', last, first);
  const closures = new Map(
    all<ClosureRecord>(ctx, 'SELECT * FROM closures WHERE school_id = ? AND date >= ? AND date <= ?', schoolId, first, last).map((c) => [c.date, c]),
  );
  const out: CalendarDay[] = days.map((date) => {
    const weekday = isoWeekday(date);
    const day = (status: CalendarDay['status'], label: string = DAY_STATUS_LABELS[status]): CalendarDay => ({ date, weekday, status, label });
    if (weekday >= 6) return day('weekend');
    const holidayName = publicHolidayName(date);
    if (holidayName) return day('public_holiday', holidayName);
    const holiday = holidays.find((h) => h.from_date <= date && h.to_date >= date);
    if (holiday) return day('holiday', holiday.label);
    if (!years.some((y) => y.first_day <= date && y.last_day >= date)) return day('out_of_year');
    const closure = closures.get(date);
    if (closure) return day('closure', closure.label ? `${CLOSURE_KIND_LABELS[closure.kind]} (${closure.label})` : CLOSURE_KIND_LABELS[closure.kind]);
    if (!service.includes(weekday)) return day('no_service');
    return day('served');
  });
  return {
    schoolId,
    schoolName: school.name,
    month,
    serviceWeekdays: service,
    days: out,
    servedDays: out.filter((d) => d.status === 'served').length,
  };
}
