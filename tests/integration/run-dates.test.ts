import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { checkDocument } from '../../main/pdf/index.js';
import { cancelInvoice, reissueFamily } from '../../main/services/billing/issue.js';
import { familyAccount } from '../../main/services/billing/account.js';
import { invoiceDocument, periodInvoiceDocuments, reminderDocument } from '../../main/services/print/sources.js';
import type { BillingPeriod, InvoiceDetail, IssueResult } from '../../shared/contract/billing.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

/**
 * A period of 2025 issued on 01/12/2026 (issue 8, item 3): the issue dialog, the period, its
 * invoices, the invoice window, the family account, the PDF data and the reminders show the same
 * dates — those of `runDates` (shared/domain/periods.ts).
 */

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-12-01');
});
afterEach(() => s.ctx.dispose());

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(s.ctx, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

const period = async (id: string) => (await call<BillingPeriod[]>('periods.list', {})).find((p) => p.id === id)!;

describe('a period issued late', () => {
  it('shows the same issue, due and online payment dates everywhere', async () => {
    const { id: familyId } = s.family({ name: 'Lefèvre' });
    const septOct = s.period('Septembre');

    // Before the run: the period keeps its planned dates; the dialog announces the run's.
    const before = await period(septOct);
    expect(before).toMatchObject({ issueDate: '2025-10-01', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31' });
    expect(before.nextRun).toEqual({ issueDate: '2026-12-01', onlinePaymentOpensAt: '2026-12-02T14:00', dueDate: '2026-12-31', daysLate: 426 });

    const run = await call<IssueResult>('billing.issue', { periodId: septOct });
    const dates = { issueDate: '2026-12-01', onlinePaymentOpensAt: '2026-12-02T14:00', dueDate: '2026-12-31' };
    expect(run).toMatchObject({ issuedOn: dates.issueDate, onlinePaymentOpensAt: dates.onlinePaymentOpensAt, dueDate: dates.dueDate });

    // The period records the dates its run used (header and list).
    const after = await period(septOct);
    expect(after).toMatchObject({ ...dates, nextRun: null });

    // The invoices, the invoice window, the family account.
    const stored = s.ctx.store.sqlite.prepare('SELECT id, issued_on, due_date FROM invoices WHERE period_id = ?').all(septOct) as { id: string; issued_on: string; due_date: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ issued_on: dates.issueDate, due_date: dates.dueDate });
    const invoiceId = stored[0]!.id;
    const detail = await call<InvoiceDetail>('billing.invoice', { invoiceId });
    expect(detail).toMatchObject({ issuedOn: dates.issueDate, dueDate: dates.dueDate, onlinePaymentOpensAt: dates.onlinePaymentOpensAt });
    expect(familyAccount(s.ctx, familyId).invoices[0]).toMatchObject({ issuedOn: dates.issueDate, dueDate: dates.dueDate, overdue: false });

    // The print sources: the invoice PDF, one by one and for the whole period.
    const printed = { issueDate: dates.issueDate, dueDate: dates.dueDate, onlinePayment: { date: '2026-12-02', time: '14:00' } };
    expect(invoiceDocument(s.ctx, invoiceId)).toMatchObject(printed);
    expect(periodInvoiceDocuments(s.ctx, septOct)[0]).toMatchObject(printed);
    checkDocument(invoiceDocument(s.ctx, invoiceId));

    // A reminder after the due date lists the invoice with the same dates.
    s.setToday('2027-01-10');
    expect(reminderDocument(s.ctx, { familyId, level: 1 }).invoices[0]).toMatchObject({ issueDate: dates.issueDate, dueDate: dates.dueDate });
  });

  it('gives a reissued invoice the delay its period gave, from the reissue day', async () => {
    const { id: familyId } = s.family({ name: 'Martin' });
    const septOct = s.period('Septembre');
    await call('billing.issue', { periodId: septOct });
    const first = s.ctx.store.sqlite.prepare('SELECT id FROM invoices WHERE period_id = ?').get(septOct) as { id: string };

    s.setToday('2027-01-15');
    cancelInvoice(s.ctx, { invoiceId: first.id, reason: 'Erreur de payeur' });
    const again = reissueFamily(s.ctx, { periodId: septOct, familyId });
    const detail = await call<InvoiceDetail>('billing.invoice', { invoiceId: again.invoiceId });
    expect(detail).toMatchObject({ issuedOn: '2027-01-15', dueDate: '2027-02-14', onlinePaymentOpensAt: '2027-01-16T14:00' });
    expect(invoiceDocument(s.ctx, again.invoiceId!)).toMatchObject({ issueDate: '2027-01-15', dueDate: '2027-02-14', onlinePayment: { date: '2027-01-16', time: '14:00' } });
    // The period keeps the dates of its run.
    expect(await period(septOct)).toMatchObject({ issueDate: '2026-12-01', dueDate: '2026-12-31' });
  });

  it('keeps the planned dates for a run on time', async () => {
    s.setToday('2025-10-01');
    s.family({ name: 'Bernard' });
    const septOct = s.period('Septembre');
    expect((await period(septOct)).nextRun).toEqual({ issueDate: '2025-10-01', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31', daysLate: 0 });
    const run = await call<IssueResult>('billing.issue', { periodId: septOct });
    expect(run).toMatchObject({ issuedOn: '2025-10-01', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31' });
    expect(await period(septOct)).toMatchObject({ issueDate: '2025-10-01', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31' });
  });
});
