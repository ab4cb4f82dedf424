/**
 * The rules of backups, pure: which backups the rotation keeps, and when the next one is due.
 * Instants are given with their Paris wall-clock time (`YYYY-MM-DDTHH:MM`, what the agent reads):
 * days, weeks and months are Paris ones.
 */

export interface RotationItem {
  id: string;
  /** Paris local time, `YYYY-MM-DDTHH:MM` (seconds allowed). */
  local: string;
  verified: boolean;
}

const ROTATION = { daily: 7, weekly: 4, monthly: 12 } as const;

/**
 * Grandfather-father-son over the verified backups: the newest backup of each of the 7 most recent
 * days that have one, of each of the 4 most recent ISO weeks, of each of the 12 most recent months.
 * Counted in days that have a backup (not calendar days): a desk left off for a month keeps its 7
 * last. A backup that failed its verification is kept only while it is newer than every verified
 * one (so the screen shows the failure); the newest backup is always kept.
 */
export function backupsToKeep(items: readonly RotationItem[], rotation: { daily: number; weekly: number; monthly: number } = ROTATION): Set<string> {
  const sorted = [...items].sort((a, b) => b.local.localeCompare(a.local));
  const keep = new Set<string>();
  const newest = sorted[0];
  if (newest) keep.add(newest.id);
  const verified = sorted.filter((i) => i.verified);
  const newestVerified = verified[0]?.local ?? '';
  for (const item of sorted) if (!item.verified && item.local > newestVerified) keep.add(item.id);
  const slots = (period: (local: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const item of verified) {
      const key = period(item.local);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(item.id);
    }
  };
  slots((local) => local.slice(0, 10), rotation.daily);
  slots((local) => isoWeek(local.slice(0, 10)), rotation.weekly);
  slots((local) => local.slice(0, 7), rotation.monthly);
  return keep;
}

/** ISO 8601 week of a calendar date, `2026-W49` (the week belongs to the year of its Thursday). */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  day.setUTCDate(day.getUTCDate() - weekday + 3); // that week's Thursday
  const year = day.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((day.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export type BackupFrequency = 'daily' | 'off';

/**
 * When the scheduled backup is due. `now` and `last` are Paris local times (`YYYY-MM-DDTHH:MM…`),
 * `time` the time of day (`HH:MM`). Due when the latest scheduled slot at or before now is later
 * than the last backup (so a desk started after its slot catches the missed one up); `next` is
 * the slot after that (or now, when due), null when the schedule is off.
 */
export function backupSchedule(input: { now: string; last: string | null; frequency: BackupFrequency; time: string }): { due: boolean; next: string | null } {
  if (input.frequency === 'off') return { due: false, next: null };
  const today = input.now.slice(0, 10);
  const nowMinute = input.now.slice(0, 16);
  const todaySlot = `${today}T${input.time}`;
  const latestSlot = nowMinute >= todaySlot ? todaySlot : `${addDays(today, -1)}T${input.time}`;
  const due = input.last === null || input.last.slice(0, 16) < latestSlot;
  if (due) return { due: true, next: nowMinute };
  return { due: false, next: nowMinute >= todaySlot ? `${addDays(today, 1)}T${input.time}` : todaySlot };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A time of day `HH:MM`, 00:00 to 23:59. */
export function isTimeOfDay(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
