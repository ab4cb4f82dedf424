import { describe, expect, it } from 'vitest';
import { ageOn, formatFrenchDate, formatLongFrenchDate, formatLongFrenchDateTime, isValidIsoDate, parseFrenchDate } from '../../shared/domain/dates.js';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc } from '../../shared/domain/hlc.js';
import { ofName, withFullStop } from '../../shared/domain/french.js';
import { formatCents, formatCount } from '../../shared/domain/money.js';
import { nextDefaultPeriodStart } from '../../shared/domain/periods.js';
import { trancheForQf } from '../../shared/domain/tranche.js';
import { formatWeekdays, parseWeekdays } from '../../shared/domain/weekdays.js';

describe('French dates', () => {
  it.each([
    ['04/05/2018', '2018-05-04'],
    ['4/5/2018', '2018-05-04'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2026', null],
    ['31/04/2026', null],
    ['2026-03-01', null],
    ['', null],
  ])('parses %s', (input, expected) => {
    expect(parseFrenchDate(input)).toBe(expected);
  });

  it('formats and validates', () => {
    expect(formatFrenchDate('2026-03-01')).toBe('01/03/2026');
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
  });

  it.each([
    ['2018-05-04', '2026-05-03', 7],
    ['2018-05-04', '2026-05-04', 8],
    ['2020-02-29', '2026-02-28', 5],
  ])('age of a child born %s on %s is %i', (birth, day, age) => {
    expect(ageOn(birth, day)).toBe(age);
  });
});

describe('weekdays', () => {
  it.each([
    ['L M J V', [1, 2, 4, 5]],
    ['1,2,4,5', [1, 2, 4, 5]],
    ['lun;mar;jeu', [1, 2, 4]],
    ['Lundi, Mercredi', [1, 3]],
    ['tous', [1, 2, 3, 4, 5]],
    ['me', [3]],
    ['samedi', null],
    ['', null],
    ['L X', null],
  ])('reads « %s »', (input, expected) => {
    expect(parseWeekdays(input)).toEqual(expected);
  });

  it('formats in French', () => {
    expect(formatWeekdays([5, 1, 2, 4])).toBe('lun., mar., jeu., ven.');
    expect(formatWeekdays([1, 2, 3, 4, 5])).toBe('tous les jours');
    expect(formatWeekdays([])).toBe('aucun jour');
  });
});

describe('money', () => {
  it('formats cents with no-break spaces and never U+202F', () => {
    expect(formatCents(123456)).toBe('1\u00a0234,56\u00a0€');
    expect(formatCents(13)).toBe('0,13\u00a0€');
    expect(formatCents(-700)).toBe('-7,00\u00a0€');
    expect(formatCents(123456789)).not.toContain('\u202f');
    expect(formatCount(12000)).toBe('12\u00a0000');
  });
});

describe('quotient familial', () => {
  it.each([
    [0, 1],
    [234, 1],
    [235, 2],
    [959, 4],
    [960, 5],
    [5000, 9],
    [5001, 10],
  ])('QF %i is tranche %i', (qf, tranche) => {
    expect(trancheForQf(qf)).toBe(tranche);
  });

  it.each([
    ['2025-09-15', '2025-11-01'],
    ['2025-10-31', '2025-11-01'],
    ['2025-11-01', '2026-01-01'],
    ['2025-12-31', '2026-01-01'],
    ['2026-02-28', '2026-03-01'],
    ['2026-04-30', '2026-05-01'],
    ['2026-07-10', '2026-09-01'],
  ])('a proof received on %s applies from %s', (received, from) => {
    expect(nextDefaultPeriodStart(received)).toBe(from);
  });
});

describe('hybrid logical clock', () => {
  it('encodes to strings that sort like the clocks', () => {
    const a = encodeHlc({ millis: 1_000, counter: 15, node: 'a' });
    const b = encodeHlc({ millis: 1_000, counter: 16, node: 'a' });
    const c = encodeHlc({ millis: 1_001, counter: 0, node: 'a' });
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(decodeHlc(b)).toEqual({ millis: 1_000, counter: 16, node: 'a' });
  });

  it('never goes back when the wall clock does', () => {
    let h = { millis: 5_000, counter: 0, node: 'n' };
    h = tickHlc(h, 4_000);
    expect(h).toEqual({ millis: 5_000, counter: 1, node: 'n' });
    h = tickHlc(h, 6_000);
    expect(h).toEqual({ millis: 6_000, counter: 0, node: 'n' });
  });

  it('moves past a remote clock', () => {
    const local = { millis: 5_000, counter: 2, node: 'a' };
    expect(receiveHlc(local, { millis: 7_000, counter: 4, node: 'b' }, 6_000)).toEqual({ millis: 7_000, counter: 5, node: 'a' });
    expect(receiveHlc(local, { millis: 5_000, counter: 9, node: 'b' }, 1_000)).toEqual({ millis: 5_000, counter: 10, node: 'a' });
  });
});

describe('French elision', () => {
  it.each([
    ['Léa', 'de Léa'],
    ['Élodie', 'd’Élodie'],
    ['Anaïs', 'd’Anaïs'],
    ['Yanis', 'd’Yanis'],
    ['Hugo', 'de Hugo'],
    ['Œnone', 'd’Œnone'],
  ])('%s → %s', (name, expected) => {
    expect(ofName(name)).toBe(expected);
  });
});

describe('French long dates', () => {
  it.each([
    ['2026-12-01', {}, '1er décembre 2026'],
    ['2026-12-02', {}, '2 décembre 2026'],
    ['2026-12-11', {}, '11 décembre 2026'],
    ['2026-12-21', {}, '21 décembre 2026'],
    ['2026-12-01', { weekday: true }, 'mardi 1er décembre 2026'],
    ['2027-02-28', { weekday: true }, 'dimanche 28 février 2027'],
    ['pas une date', {}, 'pas une date'],
  ])('%s %o → %s', (iso, options, expected) => {
    expect(formatLongFrenchDate(iso, options)).toBe(expected);
  });
});

describe('long French date and time (Paris)', () => {
  it.each([
    // Winter: Paris is UTC+1; the first of the month is « 1er ».
    ['2026-12-01T22:40:00.000Z', 'mardi 1er décembre 2026 à 23\u00a0h\u00a040'],
    // Summer: UTC+2, and the instant is already the next day in Paris.
    ['2026-07-10T22:05:00Z', 'samedi 11 juillet 2026 à 00\u00a0h\u00a005'],
    ['2027-03-21T09:00:00Z', 'dimanche 21 mars 2027 à 10\u00a0h\u00a000'],
    ['pas une date', 'pas une date'],
  ])('%s → %s', (iso, expected) => {
    expect(formatLongFrenchDateTime(iso)).toBe(expected);
  });
});

describe('one full stop at the end of a sentence', () => {
  it.each([
    ['Rythme : lun., ven.', 'Rythme : lun., ven.'],
    ['Rythme : tous les jours', 'Rythme : tous les jours.'],
    ['Vraiment ?', 'Vraiment ?'],
  ])('%s → %s', (text, expected) => {
    expect(withFullStop(text)).toBe(expected);
  });
});
