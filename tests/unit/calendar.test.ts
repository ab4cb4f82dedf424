import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dayNumber,
  daysBetween,
  easterSunday,
  eachDay,
  fromDayNumber,
  isoWeekday,
  isPublicHoliday,
  publicHolidayName,
  publicHolidays,
  publicHolidaysBetween,
  tryDayNumber,
} from '../../shared/domain/calendar.js';

describe('Easter Sunday (Gregorian computus)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
    // the earliest and latest possible dates, and a few more checks
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [1583, '1583-04-10'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    const wrong: string[] = [];
    for (let year = 1583; year <= 3000; year++) {
      const easter = easterSunday(year);
      if (isoWeekday(easter) !== 7 || easter.slice(5) < '03-22' || easter.slice(5) > '04-25') wrong.push(easter);
    }
    expect(wrong).toEqual([]);
  });
});

describe('French public holidays', () => {
  it('lists the eleven days of 2026 in date order', () => {
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Jour de l’an' },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du Travail' },
      { date: '2026-05-08', name: 'Victoire 1945' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-14', name: 'Fête nationale' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice 1918' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });

  it.each([
    // Easter-based days move with Easter (2025: Easter 20 April; 2038: 25 April, Ascension on 3 June)
    ['2025-04-21', 'Lundi de Pâques'],
    ['2025-05-29', 'Ascension'],
    ['2025-06-09', 'Lundi de Pentecôte'],
    ['2038-06-03', 'Ascension'],
    ['2038-06-14', 'Lundi de Pentecôte'],
    ['2285-03-23', 'Lundi de Pâques'],
    ['2025-11-11', 'Armistice 1918'],
    ['2026-04-05', null], // Easter Sunday itself is no public holiday of its own
    ['2026-05-15', null], // the Ascension bridge is a school holiday, not a public one
    ['2026-12-26', null], // Saint-Étienne: Alsace-Moselle only
  ])('%s → %s', (day, name) => {
    expect(publicHolidayName(day)).toBe(name);
    expect(isPublicHoliday(day)).toBe(name !== null);
  });

  it('finds the holidays of a range across years', () => {
    expect(publicHolidaysBetween('2025-12-20', '2026-01-04')).toEqual([
      { date: '2025-12-25', name: 'Noël' },
      { date: '2026-01-01', name: 'Jour de l’an' },
    ]);
    expect(publicHolidaysBetween('2026-05-02', '2026-05-07')).toEqual([]);
    expect(publicHolidaysBetween('2026-05-09', '2026-05-01')).toEqual([]);
  });

  it('refuses years outside the Gregorian calendar', () => {
    expect(() => publicHolidays(1582)).toThrow(RangeError);
    expect(() => publicHolidays(2026.5)).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['1970-01-01', 4],
    ['2000-02-29', 2],
    ['2026-03-09', 1],
    ['2026-03-11', 3],
    ['2026-03-15', 7],
    ['2026-07-04', 6],
    ['1900-01-01', 1],
    ['0001-01-01', 1],
  ])('isoWeekday(%s) = %i', (day, weekday) => {
    expect(isoWeekday(day)).toBe(weekday);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // the clocks change that night: days do not care
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-01-31', 0, '2026-01-31'],
  ])('addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it('lists each day of a range, both ends included', () => {
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2026-03-01', '2026-03-01')).toEqual(['2026-03-01']);
    expect(eachDay('2026-03-02', '2026-03-01')).toEqual([]);
    expect(daysBetween('2026-02-21', '2026-03-09')).toBe(16);
  });

  it('compares dates', () => {
    expect(['2026-03-10', '2025-12-31', '2026-03-09'].sort(compareDates)).toEqual(['2025-12-31', '2026-03-09', '2026-03-10']);
    expect(compareDates('2026-03-09', '2026-03-09')).toBe(0);
  });

  it('agrees with Date.UTC over four centuries', () => {
    const wrong: string[] = [];
    for (let n = dayNumber('1800-01-01'); n <= dayNumber('2200-12-31'); n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso || dayNumber(iso) !== n) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '26-01-01', '2026/01/01', '', '0000-01-01', 'abcd-ef-gh'])(
    'refuses « %s »',
    (text) => {
      expect(tryDayNumber(text)).toBeNull();
      expect(() => dayNumber(text)).toThrow(RangeError);
    },
  );
});
