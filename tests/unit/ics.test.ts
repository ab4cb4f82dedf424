import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IcsError, parseIcsEvents, readSchoolCalendar, schoolYearsOf, unfoldIcs } from '../../shared/domain/ics.js';
import { servedDays } from '../../shared/rules/served-days.js';

const SHIPPED = join(resolve(__dirname, '..', '..'), 'resources', 'calendar', 'zone-c-2025-2026.ics');

/** An iCalendar text as the ministry writes it: CRLF line ends. */
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

describe('unfolding', () => {
  it('joins continuation lines (space or tab) and keeps the first line number', () => {
    const lines = unfoldIcs('\uFEFFBEGIN:VCALENDAR\r\nLOCATION:Créteil\\, Montpellier\\, Pa\r\n ris\\, Toulouse\r\n\t\\, Versailles\r\nEND:VCALENDAR\r\n');
    expect(lines).toEqual([
      { line: 1, text: 'BEGIN:VCALENDAR' },
      { line: 2, text: 'LOCATION:Créteil\\, Montpellier\\, Paris\\, Toulouse\\, Versailles' },
      { line: 5, text: 'END:VCALENDAR' },
    ]);
  });

  it('reads LF-only files too', () => {
    expect(unfoldIcs('A:1\n B\nC:2\n').map((l) => l.text)).toEqual(['A:1B', 'C:2']);
  });

  it('unfolds and unescapes text values', () => {
    const { events } = parseIcsEvents(
      ics(
        ...event(
          'DTSTART;VALUE=DATE:20251018',
          'DTEND;VALUE=DATE:20251103',
          'SUMMARY:Vacances de la Toussa',
          ' int - Zone C',
          'DESCRIPTION:Départ après la classe\\; reprise le matin\\nLigne 2',
          'LOCATION:Zone C : académies de Créteil\\, Montpellier\\, Paris\\, Toulouse\\,',
          '  Versailles',
        ),
      ),
    );
    expect(events).toEqual([
      {
        uid: null,
        summary: 'Vacances de la Toussaint - Zone C',
        description: 'Départ après la classe; reprise le matin\nLigne 2',
        location: 'Zone C : académies de Créteil, Montpellier, Paris, Toulouse, Versailles',
        start: '2025-10-18',
        lastDay: '2025-11-02',
        line: 3,
      },
    ]);
  });
});

describe('dates of events', () => {
  it.each<[string, string[], string | null, string | null]>([
    ['all-day dates: DTEND is the day classes resume', ['DTSTART;VALUE=DATE:20260221', 'DTEND;VALUE=DATE:20260309'], '2026-02-21', '2026-03-08'],
    ['all-day dates without VALUE=DATE', ['DTSTART:20260221', 'DTEND:20260309'], '2026-02-21', '2026-03-08'],
    ['date-time form, end of day 23:59:59 (older exports)', ['DTSTART:20161020T000001', 'DTEND:20161102T235959'], '2016-10-20', '2016-11-02'],
    ['date-time form ending at midnight', ['DTSTART;TZID=Europe/Paris:20161020T000000', 'DTEND;TZID=Europe/Paris:20161103T000000'], '2016-10-20', '2016-11-02'],
    ['UTC date-times: the written date is kept', ['DTSTART:20161020T000000Z', 'DTEND:20161103T000000Z'], '2016-10-20', '2016-11-02'],
    ['no DTEND', ['DTSTART;VALUE=DATE:20250901'], '2025-09-01', null],
    ['DTEND equal to DTSTART (a start marker)', ['DTSTART;VALUE=DATE:20260704', 'DTEND;VALUE=DATE:20260704'], '2026-07-04', null],
    ['a one-day event', ['DTSTART;VALUE=DATE:20250609', 'DTEND;VALUE=DATE:20250610'], '2025-06-09', '2025-06-09'],
  ])('%s', (_label, lines, start, lastDay) => {
    const { events } = parseIcsEvents(ics(...event('SUMMARY:Essai', ...lines)));
    expect(events[0]).toMatchObject({ start, lastDay });
  });

  it('skips, with a warning, an event without a readable start', () => {
    const { events, warnings } = parseIcsEvents(
      ics(...event('SUMMARY:Sans date'), ...event('SUMMARY:Mauvaise date', 'DTSTART;VALUE=DATE:20260230'), ...event('SUMMARY:Bonne', 'DTSTART;VALUE=DATE:20260302', 'DTEND:demain')),
    );
    expect(events.map((e) => e.summary)).toEqual(['Bonne']);
    expect(warnings).toEqual([
      'Ligne 3\u00a0: «\u00a0Sans date\u00a0» sans date de début lisible (DTSTART), ignoré.',
      'Ligne 6\u00a0: «\u00a0Mauvaise date\u00a0» sans date de début lisible (DTSTART), ignoré.',
      'Ligne 10\u00a0: «\u00a0Bonne\u00a0»\u00a0: date de fin (DTEND) illisible, ignorée.',
    ]);
  });

  it('refuses what is no iCalendar file', () => {
    expect(() => parseIcsEvents('date;vacances\n2026-02-21;hiver\n')).toThrow(IcsError);
    expect(() => readSchoolCalendar('')).toThrow('BEGIN:VCALENDAR');
  });
});

describe('the school calendar of a ministry file', () => {
  it('reads holidays, the rentrée and the start of summer, whatever form they take', () => {
    const calendar = readSchoolCalendar(
      ics(
        ...event('SUMMARY:Rentrée scolaire des élèves - Zone C', 'DTSTART;VALUE=DATE:20250901'),
        ...event("SUMMARY:Vacances d'Été(prérentrée Enseignants) - Zone C", 'DTSTART;VALUE=DATE:20250829', 'DTEND;VALUE=DATE:20250901'),
        ...event('SUMMARY:Vacances de Noël - Zone C', 'DTSTART;VALUE=DATE:20251220', 'DTEND;VALUE=DATE:20260105'),
        ...event("SUMMARY:Pont de l'Ascension - Zone C", 'DTSTART;VALUE=DATE:20260514', 'DTEND;VALUE=DATE:20260518'),
        ...event("SUMMARY:Début des Vacances d'Été - Zone C", 'DTSTART;VALUE=DATE:20260704', 'DTEND;VALUE=DATE:20260704'),
        ...event('SUMMARY:Journée banalisée - Zone C', 'DTSTART;VALUE=DATE:20260320'),
        // the next year's summer given with its end: its DTEND is the following rentrée
        ...event("SUMMARY:Vacances d'Été - Zone C", 'DTSTART;VALUE=DATE:20270703', 'DTEND;VALUE=DATE:20270901'),
      ),
    );
    expect(calendar).toEqual({
      holidays: [
        { label: 'Vacances de Noël', from: '2025-12-20', to: '2026-01-04' },
        { label: 'Journée banalisée', from: '2026-03-20', to: '2026-03-20' },
        { label: 'Pont de l’Ascension', from: '2026-05-14', to: '2026-05-17' },
        { label: 'Vacances d’Été', from: '2027-07-03', to: '2027-08-31' },
      ],
      schoolYearStarts: ['2025-09-01', '2027-09-01'],
      summerStarts: ['2026-07-04', '2027-07-03'],
      warnings: [],
    });
    // 2025-2026 is complete; 2027-2028 has no summer yet; the 2026 rentrée is missing from this file
    expect(schoolYearsOf(calendar)).toEqual([{ start: '2025-09-01', end: '2026-07-03' }]);
  });

  it('keeps one zone of the all-zones file and merges the pieces of a holiday', () => {
    const piece = (summary: string, location: string, from: string, to: string) =>
      event(`SUMMARY:${summary} - ${location}`, `LOCATION:${location}`, `DTSTART;VALUE=DATE:${from}`, `DTEND;VALUE=DATE:${to}`);
    const text = ics(
      ...piece("Vacances d'Hiver", 'Zone C', '20260302', '20260309'),
      ...piece("Vacances d'Hiver", 'Zones B/C', '20260223', '20260302'),
      ...piece("Vacances d'Hiver", 'Zones A/B/C', '20260221', '20260223'),
      ...piece("Vacances d'Hiver", 'Zones A/B', '20260214', '20260221'),
      ...piece("Vacances d'Hiver", 'Zone A', '20260207', '20260214'),
      ...piece('Lundi de Pentecôte', 'Corse', '20250609', '20250610'),
      ...event('SUMMARY:Vacances de la Toussaint - Zones A B C', 'DTSTART;VALUE=DATE:20081025', 'DTEND;VALUE=DATE:20081106'),
    );
    expect(readSchoolCalendar(text, { zone: 'C' }).holidays).toEqual([
      { label: 'Vacances de la Toussaint', from: '2008-10-25', to: '2008-11-05' },
      { label: 'Vacances d’Hiver', from: '2026-02-21', to: '2026-03-08' },
    ]);
    expect(readSchoolCalendar(text, { zone: 'A' }).holidays.at(-1)).toEqual({ label: 'Vacances d’Hiver', from: '2026-02-07', to: '2026-02-22' });
    // without a zone, everything is kept (a file of one zone needs no filter)
    expect(readSchoolCalendar(text).holidays.map((h) => h.label)).toContain('Lundi de Pentecôte');
  });
});

describe('the shipped 2025-2026 zone C calendar', () => {
  const calendar = readSchoolCalendar(readFileSync(SHIPPED, 'utf8'), { zone: 'C' });

  it('gives the four holidays, the Ascension bridge, the rentrée and the summer', () => {
    expect(calendar).toEqual({
      holidays: [
        { label: 'Vacances de la Toussaint', from: '2025-10-18', to: '2025-11-02' },
        { label: 'Vacances de Noël', from: '2025-12-20', to: '2026-01-04' },
        { label: 'Vacances d’Hiver', from: '2026-02-21', to: '2026-03-08' },
        { label: 'Vacances de Printemps', from: '2026-04-18', to: '2026-05-03' },
        { label: 'Pont de l’Ascension', from: '2026-05-14', to: '2026-05-17' },
      ],
      schoolYearStarts: ['2025-09-01'],
      summerStarts: ['2026-07-04'],
      warnings: [],
    });
    expect(schoolYearsOf(calendar)).toEqual([{ start: '2025-09-01', end: '2026-07-03' }]);
  });

  it('feeds the served days: the 2026 March example gives 13 days', () => {
    const [year] = schoolYearsOf(calendar);
    const days = servedDays({
      range: { from: '2026-03-01', to: '2026-03-31' },
      schoolYear: year!,
      holidays: calendar.holidays,
      closures: ['2026-03-17'],
      serviceWeekdays: [1, 2, 3, 4, 5],
      rhythm: [{ from: '2025-09-01', weekdays: [1, 2, 4, 5] }],
      enrolment: { from: '2025-09-01', to: null },
    });
    expect(days).toHaveLength(13);
  });
});
