import { AppError } from '../../../shared/contract/errors.js';
import { CLOSURE_KIND_LABELS, DAY_STATUS_LABELS, type CalendarDay, type Closure, type ClosureKind, type SchoolYear } from '../../../shared/contract/calendar.js';
import { addDays, eachDay, isoWeekday, publicHolidayName } from '../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { IcsError, readSchoolCalendar, schoolYearsOf } from '../../../shared/domain/ics.js';
import type { DateRange } from '../../../shared/rules/served-days.js';
import { weekdaysFromText } from '../../../shared/domain/weekdays.js';
import type { AppContext } from '../../context.js';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { deleteRecord, insertRecord, requireRecord, type RowOf, updateRecord } from '../../store/records.js';
import { closures, holidays, schools, schoolYears } from '../../store/schema.js';
import { conflict, nowIso, one } from '../../store/sql.js';
import { transaction } from '../../store/journal.js';

/**
 * The calendar in the store (DESIGN.md « Served days »): school years, zone C holidays, closures
 * of a school's catering, the weekdays each school serves meals. The public holidays are computed
 * (shared/domain/calendar.ts), never stored.
 */

export type SchoolYearRecord = RowOf<typeof schoolYears>;
type HolidayRecord = RowOf<typeof holidays>;
type ClosureRecord = RowOf<typeof closures>;

const YEAR_GONE = 'Cette année scolaire n’existe pas (ou plus).';
const HOLIDAY_GONE = 'Ces vacances n’existent pas (ou plus).';

/* ---------- school years and holidays ---------- */

export function listSchoolYears(ctx: AppContext): SchoolYear[] {
  const years = ctx.store.db.select().from(schoolYears).orderBy(asc(schoolYears.firstDay)).all();
  const all = ctx.store.db.select().from(holidays).orderBy(asc(holidays.fromDate)).all();
  return years.map((y) => ({
    id: y.id,
    label: y.label,
    firstDay: y.firstDay,
    lastDay: y.lastDay,
    holidays: all.filter((h) => h.schoolYearId === y.id).map((h) => ({ id: h.id, label: h.label, from: h.fromDate, to: h.toDate })),
  }));
}

export function requireSchoolYear(ctx: AppContext, id: string): SchoolYearRecord {
  return requireRecord(ctx, schoolYears, id, YEAR_GONE);
}

/** The school year a day belongs to (first to last school day), if any. */
export function schoolYearOf(ctx: AppContext, day: string): SchoolYearRecord | undefined {
  return ctx.store.db
    .select()
    .from(schoolYears)
    .where(and(lte(schoolYears.firstDay, day), gte(schoolYears.lastDay, day)))
    .orderBy(asc(schoolYears.firstDay))
    .get();
}

/** The holidays of a school year, as the served-days rule takes them. */
export function holidaysOf(ctx: AppContext, schoolYearId: string): (DateRange & { label: string })[] {
  return holidaysOfYear(ctx, schoolYearId).map((h) => ({ from: h.fromDate, to: h.toDate, label: h.label }));
}

function holidaysOfYear(ctx: AppContext, schoolYearId: string): HolidayRecord[] {
  return ctx.store.db.select().from(holidays).where(eq(holidays.schoolYearId, schoolYearId)).orderBy(asc(holidays.fromDate)).all();
}

function checkOverlap(ctx: AppContext, label: string, firstDay: string, lastDay: string, exceptId: string | null): void {
  const others = ctx.store.db.select().from(schoolYears).all().filter((y) => y.id !== exceptId);
  const other = others.find((y) => y.firstDay <= lastDay && y.lastDay >= firstDay);
  if (other) throw AppError.invalid('firstDay', `Ces dates chevauchent l’année scolaire ${other.label}.`);
  const sameLabel = others.find((y) => y.label === label);
  if (sameLabel) throw AppError.invalid('label', `L’année scolaire ${label} existe déjà.`);
}

/**
 * Creates or edits a school year. (Billing gives a new year its tariff grid and periods:
 * billing/school-years.ts wraps this.)
 */
export function saveYearDates(ctx: AppContext, input: { id?: string | undefined; label: string; firstDay: string; lastDay: string }): { id: string } {
  return transaction(ctx, () => {
    if (input.id === undefined) {
      checkOverlap(ctx, input.label, input.firstDay, input.lastDay, null);
      const row = { id: ctx.newId(), label: input.label, firstDay: input.firstDay, lastDay: input.lastDay, updatedAt: nowIso() };
      insertRecord(ctx, schoolYears, row, { action: 'calendar.year.create', familyId: null });
      return { id: row.id };
    }
    const before = requireSchoolYear(ctx, input.id);
    checkOverlap(ctx, input.label, input.firstDay, input.lastDay, before.id);
    const issued = one<{ n: number }>(
      ctx,
      'SELECT COUNT(*) AS n FROM billing_periods WHERE school_year_id = ? AND issued_at IS NOT NULL',
      before.id,
    )?.n;
    if (issued && (before.firstDay !== input.firstDay || before.lastDay !== input.lastDay)) {
      throw conflict(`Des périodes de ${before.label} sont déjà facturées\u00a0: ses premier et dernier jours ne peuvent plus changer.`);
    }
    const changes = { label: input.label, firstDay: input.firstDay, lastDay: input.lastDay };
    updateRecord(ctx, schoolYears, before, { ...changes, updatedAt: nowIso() }, { action: 'calendar.year.update', familyId: null });
    return { id: before.id };
  });
}

export function saveHoliday(
  ctx: AppContext,
  input: { id?: string | undefined; schoolYearId: string; label: string; from: string; to: string },
): { id: string } {
  return transaction(ctx, () => {
    const year = requireSchoolYear(ctx, input.schoolYearId);
    if (input.from > addDays(year.lastDay, 1) || input.to < year.firstDay) {
      throw AppError.invalid('from', `Ces vacances sont hors de l’année scolaire ${year.label}.`);
    }
    if (input.id === undefined) {
      const row = { id: ctx.newId(), schoolYearId: year.id, label: input.label, fromDate: input.from, toDate: input.to, updatedAt: nowIso() };
      insertRecord(ctx, holidays, row, { action: 'calendar.holiday.create', familyId: null });
      return { id: row.id };
    }
    const before = requireRecord(ctx, holidays, input.id, HOLIDAY_GONE);
    const changes = { schoolYearId: year.id, label: input.label, fromDate: input.from, toDate: input.to, updatedAt: nowIso() };
    updateRecord(ctx, holidays, before, changes, { action: 'calendar.holiday.update', familyId: null });
    return { id: before.id };
  });
}

export function removeHoliday(ctx: AppContext, id: string): { ok: true } {
  return transaction(ctx, () => {
    deleteRecord(ctx, holidays, requireRecord(ctx, holidays, id, HOLIDAY_GONE), { action: 'calendar.holiday.delete', familyId: null });
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
export function importCalendarFile(ctx: AppContext, input: { content: string; schoolYearLabel?: string | undefined }): { years: ImportedYear[]; warnings: string[] } {
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
      const existing = ctx.store.db.select().from(schoolYears).where(eq(schoolYears.label, y.label)).get();
      let id: string;
      if (existing) {
        id = existing.id;
        if (existing.firstDay !== y.start || existing.lastDay !== y.end) saveYearDates(ctx, { id, label: y.label, firstDay: y.start, lastDay: y.end });
      } else {
        id = saveYearDates(ctx, { label: y.label, firstDay: y.start, lastDay: y.end }).id;
      }
      const summerStart = addDays(y.end, 1);
      const wanted = calendar.holidays.filter((h) => h.from >= y.start && h.from <= summerStart);
      const stored = holidaysOfYear(ctx, id);
      const key = (label: string, from: string, to: string) => `${label}|${from}|${to}`;
      const wantedKeys = new Set(wanted.map((h) => key(h.label, h.from, h.to)));
      const storedKeys = new Set(stored.map((h) => key(h.label, h.fromDate, h.toDate)));
      for (const h of stored) if (!wantedKeys.has(key(h.label, h.fromDate, h.toDate))) removeHoliday(ctx, h.id);
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
  const rows = ctx.store.db
    .select({ closure: closures, schoolName: schools.name })
    .from(closures)
    .innerJoin(schools, eq(schools.id, closures.schoolId))
    .where(
      and(
        input.schoolId === undefined ? undefined : eq(closures.schoolId, input.schoolId),
        input.from === undefined ? undefined : gte(closures.date, input.from),
        input.to === undefined ? undefined : lte(closures.date, input.to),
      ),
    )
    .orderBy(asc(closures.date), asc(schools.name))
    .all();
  return rows.map(({ closure: c, schoolName }) => ({
    id: c.id,
    schoolId: c.schoolId,
    schoolName,
    date: c.date,
    kind: c.kind,
    label: c.label,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
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
      const taken = ctx.store.db.select().from(closures).where(and(eq(closures.schoolId, schoolId), eq(closures.date, input.date))).get();
      if (taken) throw AppError.invalid('date', `${name} a déjà une fermeture le ${formatFrenchDate(input.date)}.`);
      const row: ClosureRecord = { id: ctx.newId(), schoolId, date: input.date, kind: input.kind, label: input.label, createdAt: nowIso(), createdBy: ctx.actor };
      insertRecord(ctx, closures, row, { action: 'calendar.closure.create', familyId: null });
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
    const before = requireRecord(ctx, closures, id, 'Cette fermeture n’existe pas (ou plus).');
    deleteRecord(ctx, closures, before, { action: 'calendar.closure.delete', familyId: null });
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
  const { db } = ctx.store;
  const years = db.select().from(schoolYears).where(and(lte(schoolYears.firstDay, last), gte(schoolYears.lastDay, first))).all();
  const offs = db.select().from(holidays).where(and(lte(holidays.fromDate, last), gte(holidays.toDate, first))).orderBy(asc(holidays.fromDate)).all();
  const closed = new Map(
    db
      .select()
      .from(closures)
      .where(and(eq(closures.schoolId, schoolId), gte(closures.date, first), lte(closures.date, last)))
      .all()
      .map((c) => [c.date, c]),
  );
  const out: CalendarDay[] = days.map((date) => {
    const weekday = isoWeekday(date);
    const day = (status: CalendarDay['status'], label: string = DAY_STATUS_LABELS[status]): CalendarDay => ({ date, weekday, status, label });
    if (weekday >= 6) return day('weekend');
    const holidayName = publicHolidayName(date);
    if (holidayName) return day('public_holiday', holidayName);
    const holiday = offs.find((h) => h.fromDate <= date && h.toDate >= date);
    if (holiday) return day('holiday', holiday.label);
    if (!years.some((y) => y.firstDay <= date && y.lastDay >= date)) return day('out_of_year');
    const closure = closed.get(date);
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
