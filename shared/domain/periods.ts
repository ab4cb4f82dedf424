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
