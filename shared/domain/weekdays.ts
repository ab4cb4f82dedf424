// ISO weekdays: 1 = lundi … 7 = dimanche. Canteen rhythms use 1–5.
export const SCHOOL_WEEKDAYS = [1, 2, 3, 4, 5] as const;

const names: Record<number, { short: string; long: string; letter: string }> = {
  1: { short: 'lun.', long: 'lundi', letter: 'L' },
  2: { short: 'mar.', long: 'mardi', letter: 'M' },
  3: { short: 'mer.', long: 'mercredi', letter: 'Me' },
  4: { short: 'jeu.', long: 'jeudi', letter: 'J' },
  5: { short: 'ven.', long: 'vendredi', letter: 'V' },
  6: { short: 'sam.', long: 'samedi', letter: 'S' },
  7: { short: 'dim.', long: 'dimanche', letter: 'D' },
};

export function weekdayName(day: number): string {
  return names[day]?.long ?? String(day);
}

/** Sorted, de-duplicated weekdays. */
export function normaliseWeekdays(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

/** [1,2,4,5] → « lun., mar., jeu., ven. »; all five → « tous les jours ». */
export function formatWeekdays(days: readonly number[]): string {
  const sorted = normaliseWeekdays(days);
  if (sorted.length === 0) return 'aucun jour';
  if (sorted.length === 5 && sorted.every((d, i) => d === i + 1)) return 'tous les jours';
  return sorted.map((d) => names[d]?.short ?? String(d)).join(', ');
}

/** Storage form: "1,2,4,5". */
export function weekdaysToText(days: readonly number[]): string {
  return normaliseWeekdays(days).join(',');
}

export function weekdaysFromText(text: string): number[] {
  if (!text) return [];
  return normaliseWeekdays(text.split(',').map(Number));
}

const tokenToDay: Record<string, number> = {
  '1': 1, l: 1, lu: 1, lun: 1, lundi: 1,
  '2': 2, m: 2, ma: 2, mar: 2, mardi: 2,
  '3': 3, me: 3, mer: 3, mercredi: 3,
  '4': 4, j: 4, je: 4, jeu: 4, jeudi: 4,
  '5': 5, v: 5, ve: 5, ven: 5, vendredi: 5,
};

/**
 * Reads a rhythm as agents type it in a spreadsheet: « 1,2,4,5 », « L M J V », « lun;mar;jeu »,
 * « tous », « 4 » is a count only when written « 4 jours » (ambiguous otherwise, so refused).
 * Returns null when a token is not understood.
 */
export function parseWeekdays(text: string): number[] | null {
  const cleaned = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
  if (!cleaned) return null;
  if (cleaned === 'tous' || cleaned === 'tous les jours' || cleaned === '5 jours') return [1, 2, 3, 4, 5];
  if (cleaned === '4 jours') return [1, 2, 4, 5];
  const tokens = cleaned.split(/[\s,;/+-]+/).filter(Boolean).map((t) => t.replace(/\.$/, ''));
  const days: number[] = [];
  for (const token of tokens) {
    const day = tokenToDay[token];
    if (day === undefined) return null;
    days.push(day);
  }
  return days.length ? normaliseWeekdays(days) : null;
}
