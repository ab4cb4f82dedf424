import { describe, expect, it } from 'vitest';
import { addYears } from '../../main/services/families/lifecycle.js';
import { addMonths, healthKeptUntil, isPast, unsettledKeptUntil } from '../../main/services/families/purge.js';

/** The date rules of the purge, day by day at their edges (docs/decisions.md, « Conservation »). */

describe('addYears and addMonths', () => {
  it.each([
    ['2026-04-30', 3, '2029-04-30'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2026-12-31', 1, '2027-12-31'],
  ])('%s + %i ans = %s', (from, years, expected) => {
    expect(addYears(from, years)).toBe(expected);
  });

  it.each([
    ['2026-06-01', 6, '2026-12-01'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-07-31', 6, '2027-01-31'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-31', 12, '2027-01-31'],
  ])('%s + %i mois = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe('health certificates: kept 6 months after the decision, deleted the day after', () => {
  it.each([
    // decided on, as of, deleted?
    ['2026-06-01', '2026-11-30', false],
    ['2026-06-01', '2026-12-01', false],
    ['2026-06-01', '2026-12-02', true],
    ['2026-08-31', '2027-02-28', false],
    ['2026-08-31', '2027-03-01', true],
    ['2026-12-31', '2027-06-30', false],
    ['2026-12-31', '2027-07-01', true],
  ])('décidé le %s, au %s : supprimé = %s', (decidedOn, asOf, deleted) => {
    expect(isPast(healthKeptUntil(decidedOn, 6), asOf)).toBe(deleted);
  });
});

describe('radiated files whose account never settles', () => {
  it.each([
    // purge date, last money movement, years, as of, purged?
    ['2029-04-30', null, 5, '2029-04-30', false],
    ['2029-04-30', null, 5, '2029-05-01', true],
    ['2029-04-30', '2026-06-15', 5, '2031-06-15', false],
    ['2029-04-30', '2026-06-15', 5, '2031-06-16', true],
    ['2029-04-30', '2026-06-15', 5, '2029-05-01', false],
    // An old debt does not keep the file beyond its own purge date.
    ['2029-04-30', '2020-01-10', 5, '2029-04-30', false],
    ['2029-04-30', '2020-01-10', 5, '2029-05-01', true],
  ])('purge le %s, dernier mouvement %s (+%i ans), au %s : purgé = %s', (purgeAfter, lastMoney, years, asOf, purged) => {
    expect(isPast(unsettledKeptUntil(purgeAfter, lastMoney, years), asOf)).toBe(purged);
  });
});
