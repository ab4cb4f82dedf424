/**
 * Day arithmetic on `YYYY-MM-DD` calendar dates (Paris local days: the rules count days, not
 * instants) and the French public holidays, computed for any year.
 *
 * Dates become a "day number" (days since 1970-01-01, a Thursday; the same as
 * `Date.UTC(y, m - 1, d) / 86 400 000`) with integer arithmetic only —
 * no Date object, no time zone, no daylight-saving surprise — so that loops over thousands of
 * days stay cheap. Years 0001–9999 (what four digits can write).
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const DIGIT_0 = 48;

/** Two or four ASCII digits at `at` as a number, or -1. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - DIGIT_0;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** `YYYY-MM-DD` → day number, or null when the text is not a real date. */
export function tryDayNumber(iso: string): number | null {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** `YYYY-MM-DD` → days since 1970-01-01. Throws a RangeError on anything else. */
export function dayNumber(iso: string): number {
  const n = tryDayNumber(iso);
  if (n === null) throw new RangeError(`Date invalide\u00a0: «\u00a0${iso}\u00a0» (attendu\u00a0: AAAA-MM-JJ).`);
  return n;
}

/** Days since 1970-01-01 → `YYYY-MM-DD` (H. Hinnant's civil_from_days). */
export function fromDayNumber(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`Date hors des années 0001 à 9999 (jour n° ${n}).`);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: 1 = lundi … 7 = dimanche. */
export function isoWeekday(iso: string): number {
  return weekdayOfDayNumber(dayNumber(iso));
}

/** The date `days` days after (or before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Every day from `from` to `to`, both included, in order ([] when `to` is before `from`). */
export function eachDay(from: string, to: string): string[] {
  const start = dayNumber(from);
  const end = dayNumber(to);
  const out: string[] = [];
  for (let n = start; n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

/** Days from `from` to `to` (`to − from`): 1 for consecutive days, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Sort comparator for `YYYY-MM-DD` dates (their text order is their calendar order). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ─── French public holidays ─────────────────────────────────────────────────────────────────

export interface PublicHoliday {
  date: string;
  name: string;
}

/**
 * Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher: the
 * Gregorian computus, valid for every year from 1583).
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * The eleven public holidays of metropolitan France (Code du travail, art. L3133-1; Alsace-Moselle's
 * two extra days do not apply in Paris), in date order. Whit Monday stays a day off at school.
 */
export function publicHolidays(year: number): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Année hors du calendrier grégorien\u00a0: ${year}.`);
  }
  const y = String(year).padStart(4, '0');
  const easter = dayNumber(easterSunday(year));
  const fixed = (md: string, name: string): PublicHoliday => ({ date: `${y}-${md}`, name });
  const fromEaster = (offset: number, name: string): PublicHoliday => ({ date: fromDayNumber(easter + offset), name });
  return [
    fixed('01-01', 'Jour de l’an'),
    fromEaster(1, 'Lundi de Pâques'),
    fixed('05-01', 'Fête du Travail'),
    fixed('05-08', 'Victoire 1945'),
    fromEaster(39, 'Ascension'),
    fromEaster(50, 'Lundi de Pentecôte'),
    fixed('07-14', 'Fête nationale'),
    fixed('08-15', 'Assomption'),
    fixed('11-01', 'Toussaint'),
    fixed('11-11', 'Armistice 1918'),
    fixed('12-25', 'Noël'),
  ].sort((p, q) => compareDates(p.date, q.date));
}

/** Per year, date → name (a handful of years at most in a run). */
const holidayCache = new Map<number, Map<string, string>>();

function holidaysOfYear(year: number): Map<string, string> {
  let map = holidayCache.get(year);
  if (!map) {
    map = new Map(publicHolidays(year).map((h) => [h.date, h.name]));
    holidayCache.set(year, map);
  }
  return map;
}

/** The public holiday's name on that day, or null. */
export function publicHolidayName(iso: string): string | null {
  dayNumber(iso); // validates
  return holidaysOfYear(Number(iso.slice(0, 4))).get(iso) ?? null;
}

export function isPublicHoliday(iso: string): boolean {
  return publicHolidayName(iso) !== null;
}

/** Public holidays from `from` to `to`, both included, in date order. */
export function publicHolidaysBetween(from: string, to: string): PublicHoliday[] {
  if (to < from) return [];
  const out: PublicHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of publicHolidays(year)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}
