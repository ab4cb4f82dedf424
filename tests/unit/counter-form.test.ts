import { describe, expect, it } from 'vitest';
import { isLargeCredit } from '../../renderer/src/screens/payments/counterForm.js';

describe('a payment that would leave a large credit asks for confirmation', () => {
  it.each([
    // credit, amount, asks
    [9_980_300, 9_999_900, true], // 99 999 € typed for 196 € due
    [10_000, 10_000, true], // 100 € paid on nothing due
    [9_999, 9_999, false], // under 100 € of credit
    [10_000, 30_000, false], // 100 € of credit on a 300 € payment that pays 200 €
    [15_000, 30_000, false], // half and half: not more than what it pays
    [15_001, 30_000, true],
    [0, 19_600, false], // pays exactly what is due
  ])('credit %i on %i → %s', (credit, amount, asks) => {
    expect(isLargeCredit(credit, amount)).toBe(asks);
  });
});
