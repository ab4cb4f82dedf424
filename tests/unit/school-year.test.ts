import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSchoolCalendar, schoolYearsOf } from '../../shared/domain/ics.js';
import { demoSchoolYears, isSummer, schoolYearLabel, schoolYearStartOf } from '../../shared/domain/school-year.js';
import { missingCalendarMessage, shippedCalendarFile } from '../../main/services/billing/seed.js';

describe('the school year of a day', () => {
  it.each([
    ['2026-09-01', 2026, false],
    ['2026-08-31', 2025, true],
    ['2026-12-31', 2026, false],
    ['2027-01-01', 2026, false],
    ['2027-06-30', 2026, false],
    ['2027-07-01', 2026, true],
    ['2027-07-20', 2026, true],
    ['2028-02-29', 2027, false],
  ])('%s belongs to the year that starts in %i (summer: %s)', (day, start, summer) => {
    expect(schoolYearStartOf(day)).toBe(start);
    expect(isSummer(day)).toBe(summer);
  });

  it('labels a year by its two calendar years', () => {
    expect(schoolYearLabel(2026)).toBe('2026-2027');
  });
});

describe('the school years of the demo', () => {
  it.each([
    ['2026-12-01', 2026, [2025, 2026]],
    ['2026-09-02', 2026, [2025, 2026]],
    ['2026-09-01', 2026, [2025, 2026]],
    ['2026-08-31', 2025, [2024, 2025, 2026]],
    ['2027-07-20', 2026, [2025, 2026, 2027]],
    ['2027-06-30', 2026, [2025, 2026]],
    ['2027-01-01', 2026, [2025, 2026]],
  ])('on %s: families in %i, years %j', (today, anchor, years) => {
    expect(demoSchoolYears(today)).toEqual({ anchor, years });
  });
});

describe('the shipped calendars', () => {
  it.each(['2024-2025', '2025-2026', '2026-2027'])('ships %s', (label) => {
    expect(shippedCalendarFile(label)).toMatch(new RegExp(`zone-c-${label}\\.ics$`));
  });

  it.each(['2027-2028', '2023-2024', '2026', '../calendar/zone-c-2026-2027', ''])('has no file for « %s »', (label) => {
    expect(shippedCalendarFile(label)).toBeNull();
  });

  it('says in French which year is missing and what to do', () => {
    expect(missingCalendarMessage('2027-2028')).toBe(
      'Le calendrier scolaire 2027-2028 de la zone C n’est pas livré avec Guichet (le ministère ne l’a peut-être pas encore publié)\u00a0: importez le fichier Zone-C.ics du ministère depuis l’écran Calendrier, ou saisissez l’année à la main.',
    );
  });
});

describe('the 2026-2027 calendar of zone C (arrêté of 22 October 2025, see resources/calendar/SOURCE.md)', () => {
  it('reads as the ministry published it: rentrée on Tuesday 1 September 2026, last class on Friday 2 July 2027', () => {
    const calendar = readSchoolCalendar(readFileSync(shippedCalendarFile('2026-2027')!, 'utf8'), { zone: 'C' });
    expect(calendar.warnings).toEqual([]);
    expect(schoolYearsOf(calendar)).toEqual([{ start: '2026-09-01', end: '2027-07-02' }]);
    expect(calendar.holidays.map((h) => [h.label, h.from, h.to])).toEqual([
      ['Vacances de la Toussaint', '2026-10-17', '2026-11-01'],
      ['Vacances de Noël', '2026-12-19', '2027-01-03'],
      ['Vacances d’Hiver', '2027-02-06', '2027-02-21'],
      ['Vacances de Printemps', '2027-04-03', '2027-04-18'],
      ['Pont de l’Ascension', '2027-05-06', '2027-05-09'],
    ]);
  });
});
