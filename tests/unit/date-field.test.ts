import { describe, expect, it } from 'vitest';
import { readTypedDate, shownDate, typedDateError, typedDateValue, typedTimeValue } from '../../renderer/src/lib/dateField.js';

/** The French date field (issue 8): typed JJ/MM/AAAA, handed to the code as YYYY-MM-DD. */
describe('a date typed in a date field', () => {
  it.each([
    ['01/12/2026', { kind: 'date', iso: '2026-12-01' }],
    ['1/12/2026', { kind: 'date', iso: '2026-12-01' }],
    [' 1/2/2026 ', { kind: 'date', iso: '2026-02-01' }],
    ['01122026', { kind: 'date', iso: '2026-12-01' }],
    ['2026-12-01', { kind: 'date', iso: '2026-12-01' }],
    ['31/12/2026', { kind: 'date', iso: '2026-12-31' }],
    ['29/02/2028', { kind: 'date', iso: '2028-02-29' }],
    ['28/02/2026', { kind: 'date', iso: '2026-02-28' }],
    ['29/02/2026', { kind: 'no-such-day', text: '29/02/2026' }],
    ['31/02/2026', { kind: 'no-such-day', text: '31/02/2026' }],
    ['31/04/2026', { kind: 'no-such-day', text: '31/04/2026' }],
    ['01/13/2026', { kind: 'no-such-day', text: '01/13/2026' }],
    ['00/12/2026', { kind: 'no-such-day', text: '00/12/2026' }],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['garbage', { kind: 'invalid', text: 'garbage' }],
    ['12/2026', { kind: 'invalid', text: '12/2026' }],
    ['01/12/26', { kind: 'invalid', text: '01/12/26' }],
    ['2026-02-30', { kind: 'invalid', text: '2026-02-30' }],
  ])('reads « %s »', (typed, expected) => {
    expect(readTypedDate(typed)).toEqual(expected);
  });

  it.each([
    ['01/12/2026', '2026-12-01'],
    ['', ''],
    ['31/02/2026', '31/02/2026'],
    ['garbage', 'garbage'],
  ])('hands « %s » to the form as « %s »', (typed, value) => {
    expect(typedDateValue(readTypedDate(typed))).toBe(value);
  });

  it.each([
    ['2026-12-01', '01/12/2026'],
    ['2028-02-29', '29/02/2028'],
    ['', ''],
    ['31/02/2026', '31/02/2026'],
  ])('shows the value « %s » as « %s »', (value, shown) => {
    expect(shownDate(value)).toBe(shown);
  });

  it.each([
    ['01/12/2026', null],
    ['', null],
    ['31/02/2026', 'Né(e) le\u00a0: le 31/02/2026 n’existe pas dans le calendrier.'],
    ['29/02/2026', 'Né(e) le\u00a0: le 29/02/2026 n’existe pas dans le calendrier.'],
    [
      'garbage',
      'Né(e) le\u00a0: «\u00a0garbage\u00a0» n’est pas une date\u00a0; tapez-la au format JJ/MM/AAAA (par exemple 01/12/2026).',
    ],
  ])('explains « %s » naming the field', (typed, message) => {
    expect(typedDateError('Né(e) le', readTypedDate(typed))).toBe(message);
  });
});

describe('a time typed beside a date', () => {
  it.each([
    ['14:00', '14:00'],
    ['9:05', '09:05'],
    ['9h', '09:00'],
    ['9h30', '09:30'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['24:00', '24:00'],
    ['12:60', '12:60'],
    ['midi', 'midi'],
    ['', ''],
  ])('hands « %s » to the form as « %s »', (typed, value) => {
    expect(typedTimeValue(typed)).toBe(value);
  });
});
