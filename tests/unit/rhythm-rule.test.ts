import { describe, expect, it } from 'vitest';
import { parseRhythmInput, rhythmEffectiveFrom } from '../../shared/rules/rhythm.js';

/** Two school years of two-month billing periods, deliberately out of order. */
const PERIODS = [
  { id: '2026-05', start: '2026-05-01', end: '2026-07-03' },
  { id: '2025-09', start: '2025-09-01', end: '2025-10-31' },
  { id: '2026-09', start: '2026-09-01', end: '2026-10-31' },
  { id: '2026-03', start: '2026-03-01', end: '2026-04-30' },
  { id: '2025-11', start: '2025-11-01', end: '2025-12-31' },
  { id: '2026-01', start: '2026-01-01', end: '2026-02-28' },
];

describe('rhythmEffectiveFrom: the start of the first period that begins after the validation', () => {
  it.each<[string, string, string | null]>([
    ['the issue’s example', '2026-03-15', '2026-05-01'],
    ['validated the day before a period starts → that period', '2026-02-28', '2026-03-01'],
    ['validated the day a period starts → the next one (it has begun)', '2026-03-01', '2026-05-01'],
    ['validated on the last day of a period → the next one', '2026-04-30', '2026-05-01'],
    ['validated in summer between school years → first period of the next year', '2026-07-20', '2026-09-01'],
    ['validated before every period → the first one', '2025-06-30', '2025-09-01'],
    ['no period begins after → null', '2026-09-01', null],
  ])('%s', (_name, validatedOn, expected) => {
    expect(rhythmEffectiveFrom(validatedOn, PERIODS)).toBe(expected);
  });

  it('does not depend on the order of the periods', () => {
    expect(rhythmEffectiveFrom('2025-10-10', [...PERIODS].reverse())).toBe('2025-11-01');
    expect(rhythmEffectiveFrom('2025-10-10', [...PERIODS].sort((a, b) => a.start.localeCompare(b.start)))).toBe('2025-11-01');
  });

  it('answers null without periods', () => {
    expect(rhythmEffectiveFrom('2026-03-15', [])).toBeNull();
  });
});

describe('parseRhythmInput', () => {
  it('accepts the issue’s example', () => {
    expect(parseRhythmInput({ validatedOn: '2026-03-15', periods: PERIODS }).success).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ['a French date', { validatedOn: '15/03/2026', periods: PERIODS }, 'validatedOn', 'validatedOn (date de validation du changement de rythme)\u00a0: date invalide'],
    ['a period ending before it starts', { validatedOn: '2026-03-15', periods: [{ id: 'x', start: '2026-03-01', end: '2026-02-01' }] }, 'periods.0.end', 'periods[0].end (fin de la période n°\u00a01)'],
    ['no periods', { validatedOn: '2026-03-15' }, 'periods', 'periods (périodes de facturation)\u00a0: liste obligatoire'],
  ])('refuses %s, naming the field', (_name, value, field, message) => {
    const parsed = parseRhythmInput(value);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.issues.map((i) => i.field)).toContain(field);
    expect(parsed.issues.map((i) => i.message).join('\n')).toContain(message);
  });
});
