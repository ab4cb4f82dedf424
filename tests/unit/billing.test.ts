import { describe, expect, it } from 'vitest';
import { defaultPeriods } from '../../main/services/billing/periods.js';
import { defaultTariffRows } from '../../main/services/billing/tariffs.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { toAppError } from '../../shared/contract/validation.js';

describe('default billing periods', () => {
  it('cuts a year ending in July into five periods, the last one to the last school day', () => {
    expect(defaultPeriods('2025-09-01', '2026-07-03').map((p) => `${p.label}: ${p.start}…${p.end}`)).toEqual([
      'Septembre / Octobre 2025: 2025-09-01…2025-10-31',
      'Novembre / Décembre 2025: 2025-11-01…2025-12-31',
      'Janvier / Février 2026: 2026-01-01…2026-02-28',
      'Mars / Avril 2026: 2026-03-01…2026-04-30',
      'Mai / Juin / Juillet 2026: 2026-05-01…2026-07-03',
    ]);
  });

  it('names the last period « Mai / Juin » when the year ends in June, and handles leap years', () => {
    const periods = defaultPeriods('2027-09-02', '2028-06-30');
    expect(periods[0]).toMatchObject({ start: '2027-09-02', issueDate: '2027-10-01', onlinePaymentOpensAt: '2027-10-02T14:00', dueDate: '2027-10-31' });
    expect(periods[2]).toMatchObject({ label: 'Janvier / Février 2028', end: '2028-02-29', dueDate: '2028-02-29' });
    expect(periods[4]).toMatchObject({ label: 'Mai / Juin 2028', end: '2028-06-30' });
  });

  it('starts the first period on a rentrée in late August', () => {
    expect(defaultPeriods('2031-08-29', '2032-07-02')[0]).toMatchObject({ label: 'Septembre / Octobre 2031', start: '2031-08-29' });
  });
});

describe('billing contract', () => {
  it('has the default grid of DESIGN.md', () => {
    expect(defaultTariffRows().map((r) => [r.tranche, r.qfUpperBound, r.unitPriceCents])).toEqual([
      [1, 234, 13],
      [2, 384, 85],
      [3, 548, 162],
      [4, 959, 228],
      [5, 1370, 362],
      [6, 1900, 461],
      [7, 2500, 489],
      [8, 3333, 510],
      [9, 5000, 600],
      [10, null, 700],
    ]);
  });

  it('explains a bad payment in French, field by field', () => {
    const result = paymentInput.safeParse({ familyId: 'f', method: 'cheque', amountCents: 12.5, receivedOn: '2026-02-30', idempotencyKey: 'court' });
    expect(result.success).toBe(false);
    const error = toAppError(result.error!);
    expect(error.issues?.map((i) => i.message)).toEqual([
      'Montant\u00a0: Montant en centimes entiers.',
      'Reçu le\u00a0: Date invalide (attendu\u00a0: une date réelle).',
      'Clé d’idempotence\u00a0: 8 caractères au moins.',
    ]);
    // The cheque's bank and number are checked once the rest is valid.
    const cheque = paymentInput.safeParse({ familyId: 'f', method: 'cheque', amountCents: 1250, receivedOn: '2026-02-27', idempotencyKey: 'guichet-0001' });
    expect(toAppError(cheque.error!).issues).toEqual([
      { field: 'bank', message: 'Banque\u00a0: Banque obligatoire pour un chèque.' },
      { field: 'chequeNumber', message: 'Numéro de chèque\u00a0: Numéro de chèque obligatoire.' },
    ]);
  });
});
