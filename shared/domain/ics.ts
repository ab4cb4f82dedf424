import { dayNumber, fromDayNumber, tryDayNumber } from './calendar.js';

/**
 * Reads the school calendar the Ministère de l'Éducation nationale publishes in iCalendar form
 * (data set « Calendrier scolaire » on data.education.gouv.fr: `Zone-C.ics` for Paris, or the
 * all-zones file). Only what the billing needs: the days without class and the school years.
 *
 * How the ministry's file is read (its own notice: « Le départ en vacances a lieu après la classe
 * des jours indiqués. La reprise des cours s'effectue le matin des jours indiqués. »):
 *
 * - A holiday event's DTSTART is the first day off (the Saturday, or the Thursday of the
 *   Ascension bridge) and its DTEND the day classes resume: DTEND is exclusive, as RFC 5545 says
 *   of all-day events, so the last day off is the day before DTEND.
 * - Date-time forms (older exports: `DTSTART:20161020T000001`, `DTEND:20161102T235959`) name whole
 *   days too: the date is taken as written (Paris wall clock; a `Z` or TZID is not converted,
 *   the times being mere day boundaries), and an end at 00:00:00 ends the day before, any later
 *   end time ends that very day.
 * - « Rentrée scolaire des élèves » (DTSTART only) is the first school day of a year.
 * - Summer (« Vacances d'Été », « Début des Vacances d'Été ») often has a start only (no DTEND,
 *   or DTEND equal to DTSTART): its DTSTART is the first day of summer holidays, so the last
 *   school day of the year is the day before. When it has a real DTEND, that is also the
 *   rentrée of the next year, and the summer is listed among the holidays.
 * - Teachers' « prérentrée » events are not about pupils: ignored.
 * - Any other event without a usable end is one day off (an all-day DTSTART alone lasts one day).
 * - Labels lose their zone suffix (« Vacances d'Hiver - Zone C » → « Vacances d’Hiver »); pieces
 *   of one holiday that touch or overlap (the all-zones file splits holidays by zone groups) are
 *   merged.
 */

export interface IcsEvent {
  uid: string | null;
  summary: string;
  description: string;
  location: string;
  /** DTSTART as a date, null when missing or unreadable. */
  start: string | null;
  /** Last day covered (inclusive); null when the event has no end or ends where it starts. */
  lastDay: string | null;
  /** Line (1-based, in the folded file) of the event's BEGIN:VEVENT. */
  line: number;
}

export interface SchoolHoliday {
  label: string;
  /** First day off. */
  from: string;
  /** Last day off (classes resume the next day). */
  to: string;
}

export interface SchoolCalendar {
  /** Days without class, sorted, merged per label. Summer only when the file gives its end. */
  holidays: SchoolHoliday[];
  /** First school days of the years (rentrée des élèves), sorted. */
  schoolYearStarts: string[];
  /** First days of summer holidays, sorted: the last school day of a year is the day before. */
  summerStarts: string[];
  /** What was skipped, in French, with its line. */
  warnings: string[];
}

export class IcsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsError';
  }
}

export interface IcsLine {
  /** 1-based number of the physical line where the logical line starts. */
  line: number;
  text: string;
}

/** Undoes RFC 5545 folding: a line break followed by a space or a tab continues the line. */
export function unfoldIcs(text: string): IcsLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const out: IcsLine[] = [];
  physical.forEach((raw, i) => {
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else if (raw !== '') out.push({ line: i + 1, text: raw });
  });
  return out;
}

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** `DTSTART;VALUE=DATE:20251018` → name, parameters (quoted values may hold « : » and « ; »), value. */
function parseProperty(text: string): Property | null {
  let i = 0;
  let quoted = false;
  const parts: string[] = [];
  let current = '';
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === ';' || c === ':')) {
      parts.push(current);
      current = '';
      if (c === ':') break;
    } else {
      current += c;
    }
  }
  if (i >= text.length) return null; // no « : »
  const [name = '', ...paramTexts] = parts;
  const params: Record<string, string> = {};
  for (const p of paramTexts) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: text.slice(i + 1) };
}

/** TEXT values: `\,` `\;` `\\` `\n`. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

interface IcsDate {
  day: number;
  /** Date-time form at exactly 00:00:00. */
  midnight: boolean;
  dateOnly: boolean;
}

/** `20251018` or `20251018T000000[Z]` → day number (wall-clock date as written), or null. */
function parseIcsDate(value: string): IcsDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value.trim());
  if (!m) return null;
  const day = tryDayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === null) return null;
  if (m[4] === undefined) return { day, midnight: false, dateOnly: true };
  return { day, midnight: m[4] === '00' && m[5] === '00' && m[6] === '00', dateOnly: false };
}

/** Every VEVENT of an iCalendar text. Throws IcsError when the text is no iCalendar at all. */
export function parseIcsEvents(text: string): { events: IcsEvent[]; warnings: string[] } {
  const lines = unfoldIcs(text);
  if (!lines.some((l) => l.text.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    throw new IcsError('Ce fichier n’est pas un calendrier iCalendar (.ics)\u00a0: la ligne BEGIN:VCALENDAR manque.');
  }
  const events: IcsEvent[] = [];
  const warnings: string[] = [];
  let current: { line: number; props: Property[] } | null = null;
  for (const { line, text: raw } of lines) {
    const upper = raw.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      current = { line, props: [] };
      continue;
    }
    if (upper === 'END:VEVENT') {
      if (current) {
        const event = toEvent(current.line, current.props, warnings);
        if (event) events.push(event);
      }
      current = null;
      continue;
    }
    if (!current) continue;
    const prop = parseProperty(raw);
    if (prop) current.props.push(prop);
  }
  if (current) warnings.push(`Ligne ${current.line}\u00a0: événement sans END:VEVENT, ignoré.`);
  return { events, warnings };
}

function toEvent(line: number, props: Property[], warnings: string[]): IcsEvent | null {
  const get = (name: string) => props.find((p) => p.name === name);
  const text = (name: string) => unescapeText(get(name)?.value ?? '').trim();
  const summary = text('SUMMARY');
  const what = summary || text('DESCRIPTION') || 'sans titre';
  const dtstart = get('DTSTART');
  const start = dtstart ? parseIcsDate(dtstart.value) : null;
  if (!start) {
    warnings.push(`Ligne ${line}\u00a0: «\u00a0${what}\u00a0» sans date de début lisible (DTSTART), ignoré.`);
    return null;
  }
  const dtend = get('DTEND');
  let lastDay: number | null = null;
  if (dtend) {
    const end = parseIcsDate(dtend.value);
    if (!end) warnings.push(`Ligne ${line}\u00a0: «\u00a0${what}\u00a0»\u00a0: date de fin (DTEND) illisible, ignorée.`);
    else {
      const last = end.dateOnly || end.midnight ? end.day - 1 : end.day;
      if (last >= start.day) lastDay = last;
    }
  }
  return {
    uid: get('UID')?.value.trim() || null,
    summary,
    description: text('DESCRIPTION'),
    location: text('LOCATION'),
    start: fromDayNumber(start.day),
    lastDay: lastDay === null ? null : fromDayNumber(lastDay),
    line,
  };
}

/** Lower case, no accents, typographic apostrophes made straight: for matching only. */
function matchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[\u2019\u02bc]/g, "'")
    .toLowerCase();
}

/** Zones an event names (« Zone C », « Zones A/B/C », « Zones A B C »), or null when it names none. */
function zonesOf(event: IcsEvent): Set<string> | null {
  const m = /\bzones?\s+([abc]\b(?:\s*[/,\s]\s*[abc]\b)*)/.exec(matchKey(`${event.location} ${event.summary}`));
  if (!m) return null;
  return new Set((m[1] ?? '').toUpperCase().match(/[ABC]/g) ?? []);
}

/** « Vacances d'Hiver - Zone C » → « Vacances d’Hiver ». */
function cleanLabel(text: string): string {
  return text
    .replace(/\s+-\s+(?:zones?\b.*|corse.*)$/i, '')
    .replace(/'/g, '\u2019')
    .trim();
}

export interface ReadSchoolCalendarOptions {
  /** Keep only events of this zone (or naming no zone), for the all-zones file. */
  zone?: 'A' | 'B' | 'C';
}

/** The holidays and school years of a ministry calendar file (see the reading rules above). */
export function readSchoolCalendar(text: string, options: ReadSchoolCalendarOptions = {}): SchoolCalendar {
  const { events, warnings } = parseIcsEvents(text);
  const holidays: SchoolHoliday[] = [];
  const starts = new Set<string>();
  const summers = new Set<string>();
  for (const event of events) {
    const start = event.start as string;
    if (options.zone) {
      const zones = zonesOf(event);
      if (zones ? !zones.has(options.zone) : /\bcorse\b/.test(matchKey(event.location))) continue;
    }
    const key = matchKey(event.summary || event.description);
    if (/pre-?rentree/.test(key)) continue;
    if (/rentree/.test(key)) {
      starts.add(start);
      continue;
    }
    const label = cleanLabel((event.summary || event.description).replace(/^d[ée]but des\s+/i, '')) || 'Vacances';
    if (/vacances d'ete|grandes vacances/.test(key)) {
      summers.add(start);
      if (event.lastDay !== null) {
        holidays.push({ label, from: start, to: event.lastDay });
        starts.add(fromDayNumber(dayNumber(event.lastDay) + 1));
      }
      continue;
    }
    holidays.push({ label: label.charAt(0).toUpperCase() + label.slice(1), from: start, to: event.lastDay ?? start });
  }
  return {
    holidays: mergeHolidays(holidays),
    schoolYearStarts: [...starts].sort(),
    summerStarts: [...summers].sort(),
    warnings,
  };
}

/** Sorted by first day; same-label pieces that overlap or touch become one. */
function mergeHolidays(holidays: SchoolHoliday[]): SchoolHoliday[] {
  const sorted = [...holidays].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
  const out: SchoolHoliday[] = [];
  for (const h of sorted) {
    const previous = [...out].reverse().find((o) => o.label === h.label);
    if (previous && dayNumber(h.from) <= dayNumber(previous.to) + 1) {
      if (h.to > previous.to) previous.to = h.to;
    } else {
      out.push({ ...h });
    }
  }
  return out;
}

/**
 * School years of a calendar: each rentrée with the day before the next summer start (the last
 * school day). A rentrée with no summer start before the next rentrée (the file stops there) is
 * left out.
 */
export function schoolYearsOf(calendar: Pick<SchoolCalendar, 'schoolYearStarts' | 'summerStarts'>): { start: string; end: string }[] {
  const years: { start: string; end: string }[] = [];
  const starts = [...calendar.schoolYearStarts].sort();
  starts.forEach((start, i) => {
    const next = starts[i + 1];
    const summer = [...calendar.summerStarts].sort().find((s) => s > start && (next === undefined || s < next));
    if (summer) years.push({ start, end: fromDayNumber(dayNumber(summer) - 1) });
  });
  return years;
}
