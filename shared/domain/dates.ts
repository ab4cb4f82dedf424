/**
 * Calendar dates are `YYYY-MM-DD` strings in Paris local time: the rules count days, not
 * instants. Timestamps are UTC ISO-8601 strings.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `JJ/MM/AAAA` (as Excel writes it in France) → `YYYY-MM-DD`, or null when it is no real date. */
export function parseFrenchDate(value: string): string | null {
  const m = FR_DATE.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** `YYYY-MM-DD` → `JJ/MM/AAAA`. */
export function formatFrenchDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

const longFormatter = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const weekdayFormatter = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' });

/**
 * `2026-03-01` → « 1er mars 2026 » (the first of the month is written « 1er »);
 * with `weekday`, « dimanche 1er mars 2026 ».
 */
export function formatLongFrenchDate(iso: string, options: { weekday?: boolean } = {}): string {
  if (!isValidIsoDate(iso)) return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  const text = longFormatter.format(date).replace(/^1 /, '1er ');
  return options.weekday ? `${weekdayFormatter.format(date)} ${text}` : text;
}

const parisParts = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/Paris',
});

/**
 * UTC ISO instant → « mardi 1er décembre 2026 à 23 h 40 », in Paris time (the hour and minutes
 * joined by « h » between non-breaking spaces, as the French typography writes a time of day).
 */
export function formatLongFrenchDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (type: Intl.DateTimeFormatPartTypes) => parisParts.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const day = part('day') === '1' ? '1er' : part('day');
  return `${part('weekday')} ${day} ${part('month')} ${part('year')} à ${part('hour')}\u00a0h\u00a0${part('minute')}`;
}

/** UTC ISO instant → « 10 h 42 », in Paris time. */
export function formatFrenchTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (type: Intl.DateTimeFormatPartTypes) => parisParts.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}\u00a0h\u00a0${part('minute')}`;
}

const timestampFormatter = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** UTC ISO timestamp → « 27/11/2026 07:14 » in Paris time. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return timestampFormatter.format(date).replace(',', '');
}

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Paris, `YYYY-MM-DD`. */
export function parisToday(now: Date = new Date()): string {
  return parisDay.format(now);
}

/** Whole years between a birth date and a day (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
