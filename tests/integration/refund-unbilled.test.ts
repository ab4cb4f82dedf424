import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { previewBilling } from '../../main/services/billing/preview.js';
import { addClosure } from '../../main/services/calendar/school-calendar.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { decideRefund, refundVerdictFor } from '../../main/services/requests/decisions.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { decisionLetterDocument } from '../../main/services/print/letter.js';
import type { RefundVerdict } from '../../shared/contract/requests.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * Issue 8, item 4: a refund for an absence in a period not billed yet. The child eats the days its
 * rhythm schedules (Mon, Tue, Thu, Fri; tranche 10 at 7,00 €): they count, the verdict says the
 * period is not billed yet, and once accepted the refund is deducted from that period's invoice —
 * once, not twice, and not from an invoice of another period issued before it.
 */

const PDF = (await pdfFixture({ marker: 'certificat médical' })).toString('base64');

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-03-20');
});
afterEach(() => s.ctx.dispose());

function refund(familyId: string, childId: string, absence: { from: string; to: string }, receivedOn = '2026-03-20') {
  const { id } = createRequest(s.ctx, {
    type: 'refund',
    familyId,
    childId,
    receivedOn,
    details: { absenceFrom: absence.from, absenceTo: absence.to, reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
    // Some scenarios ask twice for the same days on purpose (the agent confirms it).
    confirmDuplicate: true,
  });
  storeHealthDocument(s.ctx, { familyId, childId, requestId: id, fileName: 'certificat.pdf', base64: PDF });
  return id;
}

const linesOf = (familyId: string, periodId: string) =>
  s.ctx.store.sqlite
    .prepare(
      `SELECT l.kind, l.days, l.quantity, l.amount_cents FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.family_id = ? AND i.period_id = ? AND i.status = 'issued' ORDER BY l.position`,
    )
    .all(familyId, periodId) as { kind: string; days: string; quantity: number; amount_cents: number }[];

const MARCH_ABSENCE = { from: '2026-03-09', to: '2026-03-13' };
const MARCH_DAYS = ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'];

describe('a refund in a period not billed yet', () => {
  it('counts the scheduled days and says the period is not billed yet', async () => {
    const f = s.family({ name: 'Durand' });
    const id = refund(f.id, f.children[0]!.id, MARCH_ABSENCE);
    const answer = await dispatch(s.ctx, 'requests.refundVerdict', { requestId: id });
    expect(answer.ok).toBe(true);
    const verdict = (answer as { value: RefundVerdict }).value;
    expect(verdict).toMatchObject({ eligible: true, refundedDays: MARCH_DAYS, amountCents: 4 * 700, notBilledYet: ['Mars / Avril 2026'] });
    const message = (rule: string) => verdict.checks.find((c) => c.rule === rule)!.message;
    expect(message('minimumDays')).toContain('4 jours de repas dans l’absence du 09/03/2026 au 13/03/2026 (prévus par le rythme de l’enfant dans la période Mars / Avril 2026, pas encore facturée)');
    expect(message('notAlreadyRefunded')).toContain('La période Mars / Avril 2026 n’est pas encore facturée\u00a0: le remboursement de ses jours sera déduit de sa facture, à son émission.');
  });

  it.each<{ name: string; closure?: string; absence: { from: string; to: string }; days: string[] }>([
    { name: 'a closure is not a scheduled day', closure: '2026-03-10', absence: MARCH_ABSENCE, days: ['2026-03-09', '2026-03-12', '2026-03-13'] },
    { name: 'holidays are not scheduled days (winter holidays until 08/03)', absence: { from: '2026-03-02', to: '2026-03-10' }, days: ['2026-03-09', '2026-03-10'] },
    { name: 'a Wednesday without canteen neither counts nor breaks the run', absence: { from: '2026-03-10', to: '2026-03-12' }, days: ['2026-03-10', '2026-03-12'] },
  ])('the same served days as billing: $name', ({ closure, absence, days }) => {
    const f = s.family({ name: 'Roux' });
    if (closure) addClosure(s.ctx, { schoolIds: [s.schoolId], date: closure, kind: 'strike', label: null });
    const verdict = refundVerdictFor(s.ctx, refund(f.id, f.children[0]!.id, absence));
    // What the run of the period will bill in the absence: the verdict's days.
    const served = previewBilling(s.ctx, s.period('Mars')).drafts[0]!.lines[0]!.days.filter((d) => d >= absence.from && d <= absence.to);
    expect(served).toEqual(days);
    expect(verdict.refundedDays).toEqual(days.length >= 3 ? days : []);
    expect(verdict.checks.find((c) => c.rule === 'minimumDays')!.ok).toBe(days.length >= 3);
  });

  it('accepted, the refund is deducted from that period’s invoice once, not twice, and not before', () => {
    const f = s.family({ name: 'Petit' });
    const childId = f.children[0]!.id;
    const id = refund(f.id, childId, MARCH_ABSENCE);
    decideRefund(s.ctx, { requestId: id, decision: 'accept' });
    expect(s.ctx.store.sqlite.prepare('SELECT kind, days, unit_price_cents, amount_cents FROM pending_credits').all()).toEqual([
      { kind: 'refund_credit', days: JSON.stringify(MARCH_DAYS), unit_price_cents: 700, amount_cents: -2800 },
    ]);

    // The decision letter says which invoice the refund goes to.
    expect(decisionLetterDocument(s.ctx, id).paragraphs.join(' ')).toContain(
      'soit 28,00\u00a0€, qui sera déduit de votre facture de la période Mars / Avril 2026, qui n’est pas encore émise.',
    );

    // A late run of another period first: the credit waits for the run that bills its days.
    issueBilling(s.ctx, s.period('Janvier'));
    expect(linesOf(f.id, s.period('Janvier')).filter((l) => l.kind === 'refund_credit')).toEqual([]);

    // The period's run: its meals line bills the days, one credit line deducts them.
    issueBilling(s.ctx, s.period('Mars'));
    const march = linesOf(f.id, s.period('Mars'));
    const meals = march.filter((l) => l.kind === 'meals');
    expect(meals).toHaveLength(1);
    for (const day of MARCH_DAYS) expect(JSON.parse(meals[0]!.days)).toContain(day);
    const credits = march.filter((l) => l.kind === 'refund_credit');
    expect(credits).toEqual([{ kind: 'refund_credit', days: JSON.stringify(MARCH_DAYS), quantity: -4, amount_cents: -2800 }]);

    // Never again: the next period has no refund line, a new request for the same days refunds nothing.
    s.setToday('2026-05-20');
    issueBilling(s.ctx, s.period('Mai'));
    expect(linesOf(f.id, s.period('Mai')).filter((l) => l.kind === 'refund_credit')).toEqual([]);
    const again = refund(f.id, childId, MARCH_ABSENCE, '2026-03-25');
    expect(refundVerdictFor(s.ctx, again)).toMatchObject({ eligible: false, refundedDays: [], notBilledYet: [] });
  });

  it('splits an absence over a billed period and one not billed yet: each part on its own invoice', () => {
    const f = s.family({ name: 'Moreau' });
    const childId = f.children[0]!.id;
    issueBilling(s.ctx, s.period('Janvier'));
    // Thu 19, Fri 20 February billed; Mon 9, Tue 10 March scheduled (winter holidays between).
    const id = refund(f.id, childId, { from: '2026-02-19', to: '2026-03-10' });
    const verdict = refundVerdictFor(s.ctx, id);
    expect(verdict).toMatchObject({ eligible: true, refundedDays: ['2026-02-19', '2026-02-20', '2026-03-09', '2026-03-10'], notBilledYet: ['Mars / Avril 2026'] });
    expect(verdict.checks.find((c) => c.rule === 'minimumDays')!.message).toContain('(dont 2 prévus par le rythme de l’enfant dans la période Mars / Avril 2026');
    decideRefund(s.ctx, { requestId: id, decision: 'accept' });
    expect(s.ctx.store.sqlite.prepare('SELECT days FROM pending_credits ORDER BY days').all()).toEqual([
      { days: '["2026-02-19","2026-02-20"]' },
      { days: '["2026-03-09","2026-03-10"]' },
    ]);
    issueBilling(s.ctx, s.period('Mars'));
    expect(linesOf(f.id, s.period('Mars')).filter((l) => l.kind === 'refund_credit').map((l) => [l.days, l.amount_cents])).toEqual([
      ['["2026-02-19","2026-02-20"]', -1400],
      ['["2026-03-09","2026-03-10"]', -1400],
    ]);
  });
});
