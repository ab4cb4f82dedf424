import { describe, expect, it } from 'vitest';
import { runDates, type BillingDates, type RunDates } from '../../shared/domain/periods.js';

/** The dates of a billing run (shared/domain/periods.ts `runDates`): one rule for every screen and document. */

const SEPT_OCT_2025: BillingDates = { issueDate: '2025-10-01', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31' };
const JAN_FEB_2026: BillingDates = { issueDate: '2026-02-01', onlinePaymentOpensAt: '2026-02-02T14:00', dueDate: '2026-02-28' };
const JAN_FEB_2028: BillingDates = { issueDate: '2028-02-01', onlinePaymentOpensAt: '2028-02-02T14:00', dueDate: '2028-02-29' };

const CASES: { name: string; planned: BillingDates; runDay: string; expected: RunDates }[] = [
  {
    name: 'on the planned day: the planned dates',
    planned: SEPT_OCT_2025,
    runDay: '2025-10-01',
    expected: { issueDate: '2025-10-01', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31', daysLate: 0 },
  },
  {
    name: 'early: dated the run day, opening and due date as planned',
    planned: SEPT_OCT_2025,
    runDay: '2025-09-26',
    expected: { issueDate: '2025-09-26', onlinePaymentOpensAt: '2025-10-02T14:00', dueDate: '2025-10-31', daysLate: 0 },
  },
  {
    name: 'late by a day: every date one day later',
    planned: SEPT_OCT_2025,
    runDay: '2025-10-02',
    expected: { issueDate: '2025-10-02', onlinePaymentOpensAt: '2025-10-03T14:00', dueDate: '2025-11-01', daysLate: 1 },
  },
  {
    name: 'late on the planned due date: still the planned time to pay',
    planned: SEPT_OCT_2025,
    runDay: '2025-10-31',
    expected: { issueDate: '2025-10-31', onlinePaymentOpensAt: '2025-11-01T14:00', dueDate: '2025-11-30', daysLate: 30 },
  },
  {
    name: 'late by more than a year (Sept/Oct 2025 issued on 01/12/2026)',
    planned: SEPT_OCT_2025,
    runDay: '2026-12-01',
    expected: { issueDate: '2026-12-01', onlinePaymentOpensAt: '2026-12-02T14:00', dueDate: '2026-12-31', daysLate: 426 },
  },
  {
    name: 'late by exactly a year',
    planned: JAN_FEB_2026,
    runDay: '2027-02-01',
    expected: { issueDate: '2027-02-01', onlinePaymentOpensAt: '2027-02-02T14:00', dueDate: '2027-02-28', daysLate: 365 },
  },
  {
    name: 'edge of month: a run on the last day of February moves into March',
    planned: JAN_FEB_2026,
    runDay: '2026-02-28',
    expected: { issueDate: '2026-02-28', onlinePaymentOpensAt: '2026-03-01T14:00', dueDate: '2026-03-27', daysLate: 27 },
  },
  {
    name: 'edge of month, leap year: the due date 29/02 moves by the delay',
    planned: JAN_FEB_2028,
    runDay: '2028-03-01',
    expected: { issueDate: '2028-03-01', onlinePaymentOpensAt: '2028-03-02T14:00', dueDate: '2028-03-29', daysLate: 29 },
  },
  {
    name: 'edge of year: a run on 31/12 opens payment on 01/01',
    planned: { issueDate: '2026-12-01', onlinePaymentOpensAt: '2026-12-02T09:30', dueDate: '2026-12-31' },
    runDay: '2026-12-31',
    expected: { issueDate: '2026-12-31', onlinePaymentOpensAt: '2027-01-01T09:30', dueDate: '2027-01-30', daysLate: 30 },
  },
  {
    name: 'a reissue with the dates a run recorded: the recorded dates on the run day, moved after',
    planned: { issueDate: '2026-12-01', onlinePaymentOpensAt: '2026-12-02T14:00', dueDate: '2026-12-31' },
    runDay: '2027-01-15',
    expected: { issueDate: '2027-01-15', onlinePaymentOpensAt: '2027-01-16T14:00', dueDate: '2027-02-14', daysLate: 45 },
  },
];

describe('the dates of a billing run', () => {
  it.each(CASES)('$name', ({ planned, runDay, expected }) => {
    expect(runDates(planned, runDay)).toEqual(expected);
  });

  it.each(CASES)('keeps the dates in order: issue ≤ opening ≤ due ($name)', ({ planned, runDay }) => {
    const dates = runDates(planned, runDay);
    expect(dates.issueDate <= dates.onlinePaymentOpensAt.slice(0, 10)).toBe(true);
    expect(dates.onlinePaymentOpensAt.slice(0, 10) <= dates.dueDate).toBe(true);
  });

  it('gives back the dates a run used when asked again on the run day', () => {
    const used = runDates(SEPT_OCT_2025, '2026-12-01');
    const { daysLate: _late, ...recorded } = used;
    expect(runDates(recorded, '2026-12-01')).toEqual({ ...recorded, daysLate: 0 });
  });
});
