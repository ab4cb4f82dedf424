import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { cancelInvoice, issueBilling } from '../../main/services/billing/issue.js';
import { familyAccount } from '../../main/services/billing/account.js';
import { overdueInvoices, TREASURY_COLUMNS, treasuryExport } from '../../main/services/payments/overdue.js';
import { allocateCredit, cancelPayment, recordPayment } from '../../main/services/payments/payments.js';
import { paymentInput, type PaymentInput, type PaymentResult } from '../../shared/contract/payments.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

let s: BillingStore;
let familyId: string;
/** Septembre / Octobre 2025: 28 days × 7,00 €; Novembre / Décembre: 27 days × 7,00 € (tranche 10). */
const SEPT = 28 * 700;
const NOV = 27 * 700;
let sept: string;
let nov: string;

beforeEach(() => {
  s = billingStore('2026-03-15');
  familyId = s.family({ name: 'Martin' }).id;
  s.family({ name: 'Autre' });
  issueBilling(s.ctx, s.period('Septembre'));
  issueBilling(s.ctx, s.period('Novembre'));
  const ids = s.ctx.store.sqlite.prepare('SELECT id FROM invoices WHERE family_id = ? ORDER BY number').all(familyId) as { id: string }[];
  sept = ids[0]!.id;
  nov = ids[1]!.id;
});
afterEach(() => s.ctx.dispose());

let key = 0;
function pay(overrides: Partial<PaymentInput> = {}) {
  return recordPayment(
    s.ctx,
    parseOrThrow(paymentInput, {
      familyId,
      method: 'cash',
      amountCents: 1000,
      receivedOn: '2026-03-14',
      idempotencyKey: `guichet-test-${++key}`,
      ...overrides,
    }),
  );
}

const remaining = () => {
  const account = familyAccount(s.ctx, familyId);
  return account.invoices.filter((i) => i.kind === 'invoice').map((i) => i.remainingCents);
};

describe('payments at the counter', () => {
  it('applies a partial payment to the oldest invoice', () => {
    expect(remaining()).toEqual([SEPT, NOV]);
    const result = pay({ amountCents: 10_000 });
    expect(result).toMatchObject({ replayed: false, receiptNumber: 'R2026-000001', allocations: [{ invoiceId: sept, amountCents: 10_000 }], unallocatedCents: 0 });
    expect(remaining()).toEqual([SEPT - 10_000, NOV]);
    expect(familyAccount(s.ctx, familyId)).toMatchObject({ invoicedCents: SEPT + NOV, paidCents: 10_000, dueCents: SEPT + NOV - 10_000, creditCents: 0 });
  });

  it('keeps an overpayment as the family’s credit, applied to its next invoice', () => {
    const result = pay({ amountCents: SEPT + NOV + 1500, method: 'transfer', reference: 'VIR 2026/03 MARTIN' });
    expect(result.allocations.map((a) => a.amountCents)).toEqual([SEPT, NOV]);
    expect(result.unallocatedCents).toBe(1500);
    expect(familyAccount(s.ctx, familyId)).toMatchObject({ dueCents: 0, creditCents: 1500, balanceCents: -1500 });
    const run = issueBilling(s.ctx, s.period('Janvier'));
    expect(run.creditAppliedCents).toBe(1500);
    const account = familyAccount(s.ctx, familyId);
    expect(account.invoices[2]).toMatchObject({ totalCents: 28 * 700, paidCents: 1500, remainingCents: 28 * 700 - 1500 });
    expect(account.creditCents).toBe(0);
  });

  it('pays the invoices the agent chose', () => {
    const result = pay({ amountCents: 5000, allocation: { invoiceIds: [nov] } });
    expect(result.allocations).toEqual([{ invoiceId: nov, number: expect.stringMatching(/^F2026-/), amountCents: 5000 }]);
    expect(remaining()).toEqual([SEPT, NOV - 5000]);
    const other = s.ctx.store.sqlite.prepare('SELECT id FROM invoices WHERE family_id <> ? LIMIT 1').get(familyId) as { id: string };
    expect(() => pay({ allocation: { invoiceIds: [other.id] } })).toThrow(/autre famille/);
  });

  it('never records the same payment twice (idempotency key)', async () => {
    const input = { familyId, method: 'cheque', amountCents: 4200, receivedOn: '2026-03-14', bank: 'La Banque Postale', chequeNumber: '1234567', idempotencyKey: 'caisse-1-0001' } as const;
    const first = await dispatch(s.ctx, 'payments.record', input);
    const payments = s.count('payments');
    const outbox = s.count('outbox');
    const again = await dispatch(s.ctx, 'payments.record', input);
    expect(again).toEqual({ ok: true, value: { ...(first as any).value, replayed: true } });
    expect(s.count('payments')).toBe(payments);
    expect(s.count('outbox')).toBe(outbox);
    const other = await dispatch(s.ctx, 'payments.record', { ...input, amountCents: 4300 });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'idempotencyKey' } });
    expect((other as any).error.message).toMatch(/déjà servi pour un autre paiement \(reçu R2026-000001/);
  });

  it('asks the bank and the number of a cheque, and refuses a payment in the future', async () => {
    const result = await dispatch(s.ctx, 'payments.record', { familyId, method: 'cheque', amountCents: 100, receivedOn: '2026-03-14', idempotencyKey: 'caisse-1-0002' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'bank', message: 'Banque\u00a0: Banque obligatoire pour un chèque.' } });
    expect((result as any).error.issues.map((i: any) => i.field)).toEqual(['bank', 'chequeNumber']);
    const zero = await dispatch(s.ctx, 'payments.record', { familyId, method: 'cash', amountCents: 0, receivedOn: '2026-03-14', idempotencyKey: 'caisse-1-0003' });
    expect(zero).toMatchObject({ ok: false, error: { field: 'amountCents' } });
    expect(() => pay({ receivedOn: '2026-03-16' })).toThrow(/futur/);
  });

  it('cancels a payment without deleting it: its money goes back to the invoices', () => {
    const payment = pay({ amountCents: SEPT + 100 });
    expect(remaining()).toEqual([0, NOV - 100]);
    const result = cancelPayment(s.ctx, { paymentId: payment.paymentId, reason: 'Chèque sans provision' });
    expect(result).toEqual({ ok: true, releasedCents: SEPT + 100 });
    expect(remaining()).toEqual([SEPT, NOV]);
    const account = familyAccount(s.ctx, familyId);
    expect(account.payments).toEqual([expect.objectContaining({ id: payment.paymentId, status: 'cancelled', cancelReason: 'Chèque sans provision', allocatedCents: 0 })]);
    expect(() => cancelPayment(s.ctx, { paymentId: payment.paymentId, reason: 'encore' })).toThrow(/déjà annulé/);
    expect(s.count('payment_allocations', 'payment_id = ?', payment.paymentId)).toBe(2);
  });

  it('gives back the money of a cancelled invoice as credit, applied on request', () => {
    pay({ amountCents: SEPT });
    const cancel = cancelInvoice(s.ctx, { invoiceId: sept, reason: 'Erreur' });
    expect(cancel.releasedCents).toBe(SEPT);
    expect(familyAccount(s.ctx, familyId)).toMatchObject({ creditCents: SEPT, dueCents: NOV });
    const applied = allocateCredit(s.ctx, familyId);
    expect(applied.appliedCents).toBe(NOV);
    expect(familyAccount(s.ctx, familyId)).toMatchObject({ creditCents: SEPT - NOV, dueCents: 0, balanceCents: NOV - SEPT });
  });
});

describe('allocation preview (payments.previewAllocation)', () => {
  const written = () => ['payments', 'payment_allocations', 'outbox', 'audit_log', 'number_series'].map((t) => s.count(t));

  // A first payment of 10,00 € already paid part of September: previews start from what is left.
  it.each([
    ['oldest first, across two invoices', () => ({ amountCents: SEPT + 500 }), () => [SEPT - 1000, 1500], 0],
    ['the chosen invoices, in the order chosen', () => ({ amountCents: NOV + 300, allocation: { invoiceIds: [nov, sept] } }), () => [NOV, 300], 0],
    ['an overpayment, kept as credit', () => ({ amountCents: SEPT + NOV + 1500 }), () => [SEPT - 1000, NOV], 2500],
  ] as const)('shows what payments.record then records: %s', async (_, plan, amounts, credit) => {
    pay({ amountCents: 1000 });
    const input = { familyId, ...plan() };
    const before = written();
    const preview = await dispatch(s.ctx, 'payments.previewAllocation', input);
    expect(written()).toEqual(before);

    const recorded = await dispatch(s.ctx, 'payments.record', { ...input, method: 'cash', receivedOn: '2026-03-14', idempotencyKey: 'caisse-1-preview' });
    expect(recorded).toMatchObject({ ok: true, value: { replayed: false } });
    const result = (recorded as { ok: true; value: PaymentResult }).value;
    expect(preview).toEqual({ ok: true, value: { allocations: result.allocations, unallocatedCents: result.unallocatedCents } });
    expect(result.allocations.map((a) => a.amountCents)).toEqual(amounts());
    expect(result.unallocatedCents).toBe(credit);
  });

  it('refuses what recording would refuse, with the same message', async () => {
    const other = s.ctx.store.sqlite.prepare('SELECT id FROM invoices WHERE family_id <> ? LIMIT 1').get(familyId) as { id: string };
    const input = { familyId, amountCents: 1000, allocation: { invoiceIds: [sept, other.id] } };
    const preview = await dispatch(s.ctx, 'payments.previewAllocation', input);
    const recorded = await dispatch(s.ctx, 'payments.record', { ...input, method: 'cash', receivedOn: '2026-03-14', idempotencyKey: 'caisse-1-refused' });
    expect(preview).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'allocation.invoiceIds.1' } });
    expect(preview).toEqual(recorded);
    expect(await dispatch(s.ctx, 'payments.previewAllocation', { familyId: 'nobody', amountCents: 1000 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('overdue invoices and the treasury', () => {
  it('lists what is unpaid after its due date and exports it for the public treasury', () => {
    // Issued on 15/03/2026 for periods already over: due 30 days later, 14/04/2026.
    pay({ amountCents: 500 });
    expect(overdueInvoices(s.ctx, { asOf: '2026-04-14' }).total).toBe(0);
    const overdue = overdueInvoices(s.ctx, { asOf: '2026-05-01' });
    expect(overdue.total).toBe(4);
    expect(overdue.rows[0]).toMatchObject({ familyId, dueDate: '2026-04-14', paidCents: 500, remainingCents: SEPT - 500, daysLate: 17 });

    const csv = treasuryExport(s.ctx, { asOf: '2026-05-01' });
    expect(csv.fileName).toBe('titres-de-recettes-2026-05-01.csv');
    expect(csv.rows).toBe(4);
    expect(csv.totalRemainingCents).toBe(overdue.totalRemainingCents);
    expect(csv.content.startsWith('\ufeff')).toBe(true);
    const lines = csv.content.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(TREASURY_COLUMNS.join(';'));
    expect(lines[0]).toBe(
      'Numéro de facture;Date d’émission;Échéance;Période;N° de dossier;Débiteur;Adresse;Complément d’adresse;Code postal;Ville;Montant TTC;Déjà payé;Reste dû;Jours de retard',
    );
    expect(lines[1]).toBe(`F2026-000001;15/03/2026;14/04/2026;Septembre / Octobre 2025;40001;Camille Martin;12 rue de la Roquette;;75011;Paris;196,00;5,00;191,00;17`);
  });
});
