import { addDays, daysBetween } from './calendar.js';

/**
 * Default billing periods (DESIGN.md): Sept/Oct, Nov/Dec, Jan/Feb, Mar/Apr, May/June(/July).
 * A lower QF tranche takes effect at the start of the first stored billing period after the proof
 * was received (billing/periods.ts `qfValidFrom`); these default starts stand in for a day no
 * stored period covers yet (a proof received before the next school year is created).
 */
const PERIOD_START_MONTHS = [1, 3, 5, 9, 11] as const;

/** First default period start strictly after `day` (`YYYY-MM-DD`). */
export function nextDefaultPeriodStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  for (const m of PERIOD_START_MONTHS) {
    if (m > month) return `${year}-${String(m).padStart(2, '0')}-01`;
  }
  return `${year + 1}-01-01`;
}

/**
 * The three dates of a billing run: the period's planned ones, or those a run used (the same
 * shape, `YYYY-MM-DD`, the opening in Paris local time `YYYY-MM-DDTHH:mm`).
 */
export interface BillingDates {
  issueDate: string;
  onlinePaymentOpensAt: string;
  dueDate: string;
}

/** The dates a run on a given day uses, and how many days after the planned issue date it comes. */
export interface RunDates extends BillingDates {
  /** 0 when the run comes on the planned issue date or before it. */
  daysLate: number;
}

/**
 * THE rule for the dates of a billing run (docs/decisions.md, « Dates d’une émission »), given
 * the period's planned dates and the day of the run (the day of a reissue, for an invoice made
 * again after a cancellation, with the dates the period's run recorded as `planned`):
 * - the invoices are dated the day of the run: a document is dated the day it is issued;
 * - on time or early (run day ≤ planned issue date), online payment opens and payment is due on
 *   the planned dates;
 * - late by n days, online payment opens and payment is due n days after the planned dates (the
 *   opening at the same hour): the family keeps the time to pay that was planned, and the dates
 *   keep their order.
 * Every screen and document shows the dates the run used, recorded on the period and the invoices.
 */
export function runDates(planned: BillingDates, runDay: string): RunDates {
  const daysLate = Math.max(0, daysBetween(planned.issueDate, runDay));
  const openingDay = planned.onlinePaymentOpensAt.slice(0, 10);
  const openingTime = planned.onlinePaymentOpensAt.slice(10);
  return {
    issueDate: runDay,
    onlinePaymentOpensAt: `${addDays(openingDay, daysLate)}${openingTime}`,
    dueDate: addDays(planned.dueDate, daysLate),
    daysLate,
  };
}
