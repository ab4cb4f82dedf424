/**
 * Which school year a day belongs to, by its label « 2026-2027 » (the start year, then the next).
 * A school year runs from the rentrée in September to the summer: September–December belong to the
 * year that starts then, January–August to the year that started the September before (July and
 * August are its summer).
 */

export function schoolYearLabel(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

/** Start year of the school year `day` (`YYYY-MM-DD`) belongs to. */
export function schoolYearStartOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? year : year - 1;
}

/** July and August: the school year has ended, the next one has not begun. */
export function isSummer(day: string): boolean {
  const month = Number(day.slice(5, 7));
  return month === 7 || month === 8;
}

/**
 * The school years the demo data set holds on `today`, oldest first, and the one its families are
 * set in (`anchor`): the year containing today and the previous one; in summer, the year just ended
 * and the previous one, plus the next (whose rentrée is coming).
 */
export function demoSchoolYears(today: string): { anchor: number; years: number[] } {
  const anchor = schoolYearStartOf(today);
  return { anchor, years: isSummer(today) ? [anchor - 1, anchor, anchor + 1] : [anchor - 1, anchor] };
}
