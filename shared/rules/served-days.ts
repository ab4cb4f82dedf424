import { z } from 'zod';
import { dayNumber, fromDayNumber, publicHolidaysBetween, tryDayNumber, weekdayOfDayNumber } from '../domain/calendar.js';
import { type InputParse, isoDate as date, list, parseInput, reversedDates, strictObject } from './json-input.js';

/**
 * Served days (DESIGN.md, « The trade: rules »): the days a child is billed a meal.
 *
 *   served days = school days of the child's school (school year, minus the zone's holidays,
 *                 French public holidays and the school's catering closures, on the weekdays the
 *                 school's catering runs)
 *               ∩ the weekdays of the child's rhythm in force that day
 *               ∩ the child's enrolment dates.
 *
 * Every date is a `YYYY-MM-DD` string; every range includes both ends. A billing run computes
 * `schoolDays` once per school and `servedDaysAmong` once per child: the second one does no date
 * parsing per day (the school days' weekdays are kept beside the array `schoolDays` returns).
 */

export interface DateRange {
  from: string;
  to: string;
}

/** A rhythm entry holds from its date until the next entry's date (entries sorted by `from`). */
export interface RhythmPeriod {
  from: string;
  weekdays: number[];
}

export interface ServedDaysInput {
  range: DateRange;
  /** First and last school day of the year (rentrée des élèves; the day before summer holidays). */
  schoolYear: { start: string; end: string };
  /** Days without school (the zone's holidays, bridges), inclusive. */
  holidays: DateRange[];
  /** Days the catering of this school did not run (strike, trip, closure). */
  closures: string[];
  /** ISO weekdays (1 = lundi … 7 = dimanche) with catering at this school. */
  serviceWeekdays: number[];
  rhythm: RhythmPeriod[];
  /** `to` null: still enrolled. */
  enrolment: { from: string; to: string | null };
}

/** What the hot loop needs about a list of days, computed once per list. */
interface DayIndex {
  length: number;
  first: string | undefined;
  last: string | undefined;
  /** ISO weekday of each day. */
  weekdays: Uint8Array;
  /** Strictly increasing (what `schoolDays` returns): the loop can walk rhythm and enrolment once. */
  sorted: boolean;
}

/**
 * Keyed by the very array `schoolDays` returned (or any array given to `servedDaysAmong`).
 * Checked against its length and ends before use, so an array changed in place is re-indexed.
 */
const dayIndexes = new WeakMap<readonly string[], DayIndex>();

function buildIndex(days: readonly string[]): DayIndex {
  const weekdays = new Uint8Array(days.length);
  let sorted = true;
  let previous = '';
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as string;
    weekdays[i] = weekdayOfDayNumber(dayNumber(day));
    if (i > 0 && day <= previous) sorted = false;
    previous = day;
  }
  const index = { length: days.length, first: days[0], last: days[days.length - 1], weekdays, sorted };
  dayIndexes.set(days, index);
  return index;
}

function indexFor(days: readonly string[]): DayIndex {
  const cached = dayIndexes.get(days);
  if (cached && cached.length === days.length && cached.first === days[0] && cached.last === days[days.length - 1]) {
    return cached;
  }
  return buildIndex(days);
}

/** Bit `d` set for each valid ISO weekday d. */
function weekdayMask(weekdays: readonly number[]): number {
  let mask = 0;
  for (const d of weekdays) if (Number.isInteger(d) && d >= 1 && d <= 7) mask |= 1 << d;
  return mask;
}

/**
 * School days of a school in a range: in the school year, catering weekday, not a holiday, not a
 * public holiday, not a closure. Sorted, each day once.
 */
export function schoolDays(input: Omit<ServedDaysInput, 'rhythm' | 'enrolment'>): string[] {
  const { range, schoolYear } = input;
  const from = range.from > schoolYear.start ? range.from : schoolYear.start;
  const to = range.to < schoolYear.end ? range.to : schoolYear.end;
  // Validate every date, even when the range turns out empty: bad data must not pass silently.
  for (const d of [range.from, range.to, schoolYear.start, schoolYear.end]) dayNumber(d);
  const holidays = input.holidays.map((h) => [dayNumber(h.from), dayNumber(h.to)] as const);
  const closures = input.closures.map((c) => dayNumber(c));
  if (from > to) return remember([], []);

  const start = dayNumber(from);
  const end = dayNumber(to);
  const excluded = new Uint8Array(end - start + 1);
  const exclude = (a: number, b: number): void => {
    for (let n = Math.max(a, start); n <= Math.min(b, end); n++) excluded[n - start] = 1;
  };
  for (const [a, b] of holidays) exclude(a, b);
  for (const c of closures) exclude(c, c);
  for (const p of publicHolidaysBetween(from, to)) {
    const n = dayNumber(p.date);
    exclude(n, n);
  }
  const service = weekdayMask(input.serviceWeekdays);

  const days: string[] = [];
  const weekdays: number[] = [];
  for (let n = start; n <= end; n++) {
    if (excluded[n - start] === 1) continue;
    const weekday = weekdayOfDayNumber(n);
    if ((service & (1 << weekday)) === 0) continue;
    days.push(fromDayNumber(n));
    weekdays.push(weekday);
  }
  return remember(days, weekdays);
}

function remember(days: string[], weekdays: number[]): string[] {
  dayIndexes.set(days, { length: days.length, first: days[0], last: days[days.length - 1], weekdays: Uint8Array.from(weekdays), sorted: true });
  return days;
}

/**
 * A child's served days among its school's school days (`schoolDays`' result, computed once per
 * school). Rhythm entries are taken in `from` order (for two entries of the same date, the later
 * one in the list wins); a day before the first entry has no rhythm and is not served. Enrolment
 * dates are both included; `to: null` means still enrolled. Days keep their given order.
 */
export function servedDaysAmong(
  schoolDays: readonly string[],
  rhythm: readonly RhythmPeriod[],
  enrolment: { from: string; to: string | null },
): string[] {
  dayNumber(enrolment.from);
  if (enrolment.to !== null) dayNumber(enrolment.to);
  for (const r of rhythm) dayNumber(r.from);
  if (schoolDays.length === 0 || rhythm.length === 0) return [];

  const periods = rhythm.length === 1 ? rhythm : [...rhythm].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const count = periods.length;
  const froms = periods.map((p) => p.from);
  const masks = periods.map((p) => weekdayMask(p.weekdays));
  const first = froms[0] as string;
  const { weekdays, sorted } = indexFor(schoolDays);
  const enrolFrom = enrolment.from;
  const enrolTo = enrolment.to;
  const out: string[] = [];

  if (sorted) {
    // Skip, by bisection, the days before both the enrolment and the first rhythm entry.
    const floor = enrolFrom > first ? enrolFrom : first;
    let lo = 0;
    let hi = schoolDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((schoolDays[mid] as string) < floor) lo = mid + 1;
      else hi = mid;
    }
    let p = 0;
    for (let i = lo; i < schoolDays.length; i++) {
      const day = schoolDays[i] as string;
      if (enrolTo !== null && day > enrolTo) break;
      while (p + 1 < count && (froms[p + 1] as string) <= day) p++;
      if (((masks[p] as number) & (1 << (weekdays[i] as number))) !== 0) out.push(day);
    }
    return out;
  }

  for (let i = 0; i < schoolDays.length; i++) {
    const day = schoolDays[i] as string;
    if (day < enrolFrom || (enrolTo !== null && day > enrolTo) || day < first) continue;
    let p = count - 1;
    while ((froms[p] as string) > day) p--;
    if (((masks[p] as number) & (1 << (weekdays[i] as number))) !== 0) out.push(day);
  }
  return out;
}

/** The served days of one child: `servedDaysAmong(schoolDays(input), input.rhythm, input.enrolment)`. */
export function servedDays(input: ServedDaysInput): string[] {
  return servedDaysAmong(schoolDays(input), input.rhythm, input.enrolment);
}

// ─── Input schema (the `meals` command's JSON, and any other boundary) ─────────────────────────

const BAD_WEEKDAY = 'jour de la semaine invalide\u00a0; attendu un entier de 1 (lundi) à 7 (dimanche).';
const weekday = z
  .number({ error: BAD_WEEKDAY })
  .int({ error: BAD_WEEKDAY })
  .min(1, { error: BAD_WEEKDAY })
  .max(7, { error: BAD_WEEKDAY });

const weekdays = z.array(weekday, {
  error: (issue) => (issue.input === undefined ? 'liste obligatoire, par exemple [1, 2, 4, 5].' : `liste de jours attendue, par exemple [1, 2, 4, 5].`),
});

const range = strictObject({ from: date, to: date });

/** Longest range accepted (ten years): beyond, the input is surely a mistake. */
const MAX_RANGE_DAYS = 3660;

/** Unknown keys are refused (`strictObject`): a misspelt « closure » must not drop the closures. */
const servedDaysInputSchema = strictObject({
  range,
  schoolYear: strictObject({ start: date, end: date }),
  holidays: list(range, '[{ "from": "2026-02-21", "to": "2026-03-08" }]').default([]),
  closures: list(date, '["2026-03-17"]').default([]),
  serviceWeekdays: weekdays,
  rhythm: list(strictObject({ from: date, weekdays }), '[{ "from": "2025-09-01", "weekdays": [1, 2, 4, 5] }]'),
  enrolment: strictObject({
    from: date,
    to: date.nullable().optional().transform((v) => v ?? null),
  }),
}).superRefine((input, ctx) => {
  // Refinements that failed (an impossible date) do not stop this one: compare real dates only.
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { range, schoolYear, enrolment } = input;
  const from = tryDayNumber(range.from);
  const to = tryDayNumber(range.to);
  if (from !== null && to !== null && to < from) issue(['range', 'to'], 'la fin de la période précède son début.');
  else if (from !== null && to !== null && to - from >= MAX_RANGE_DAYS) issue(['range', 'to'], 'la période dure dix ans au plus.');
  if (reversedDates(schoolYear.start, schoolYear.end)) issue(['schoolYear', 'end'], 'le dernier jour précède le premier.');
  input.holidays.forEach((h, i) => {
    if (reversedDates(h.from, h.to)) issue(['holidays', i, 'to'], 'le dernier jour précède le premier.');
  });
  if (enrolment.to !== null && reversedDates(enrolment.from, enrolment.to)) {
    issue(['enrolment', 'to'], 'la date de sortie précède la date d’entrée.');
  }
});

export type ServedDaysInputData = z.output<typeof servedDaysInputSchema>;

/** French name of an input field, from its path: `rhythm.1.from` → « date d’effet du rythme n° 2 ». */
function servedDaysFieldLabel(path: readonly PropertyKey[]): string {
  const [head, second, third] = path;
  const nth = (i: unknown) => `n°\u00a0${Number(i) + 1}`;
  const indexed = typeof second === 'number';
  switch (head) {
    case undefined:
      return 'données';
    case 'range':
      return second === 'from' ? 'début de la période' : second === 'to' ? 'fin de la période' : 'période';
    case 'schoolYear':
      return second === 'start'
        ? 'premier jour de classe de l’année'
        : second === 'end'
          ? 'dernier jour de classe de l’année'
          : 'année scolaire';
    case 'holidays':
      if (!indexed) return 'vacances';
      return third === 'from'
        ? `premier jour des vacances ${nth(second)}`
        : third === 'to'
          ? `dernier jour des vacances ${nth(second)}`
          : `vacances ${nth(second)}`;
    case 'closures':
      return indexed ? `fermeture ${nth(second)}` : 'fermetures';
    case 'serviceWeekdays':
      return 'jours de restauration de l’école';
    case 'rhythm':
      if (!indexed) return 'rythme';
      return third === 'from' ? `date d’effet du rythme ${nth(second)}` : third === 'weekdays' ? `jours du rythme ${nth(second)}` : `rythme ${nth(second)}`;
    case 'enrolment':
      return second === 'from' ? 'date d’entrée' : second === 'to' ? 'date de sortie' : 'inscription';
    default:
      return String(head);
  }
}

/** Validates untrusted input (the CLI's JSON); every issue names its field, in French. */
export function parseServedDaysInput(value: unknown): InputParse<ServedDaysInputData> {
  return parseInput(servedDaysInputSchema, value, servedDaysFieldLabel);
}
