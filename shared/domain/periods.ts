/**
 * Default billing periods (DESIGN.md): Sept/Oct, Nov/Dec, Jan/Feb, Mar/Apr, May/June(/July).
 * Until the billing issue stores real periods, a lower QF tranche takes effect at the first of
 * these period starts that comes after the proof was received.
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
