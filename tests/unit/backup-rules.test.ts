import { describe, expect, it } from 'vitest';
import { backupSchedule, backupsToKeep, isoWeek, type RotationItem } from '../../shared/domain/backups.js';

/** Backups named by their Paris local time; all verified unless said. */
const items = (locals: string[], unverified: string[] = []): RotationItem[] =>
  locals.map((local) => ({ id: local, local, verified: !unverified.includes(local) }));
const kept = (list: RotationItem[]) => [...backupsToKeep(list)].sort();

/** One backup a day at 12:30 from `from`, `days` days. */
function daily(from: string, days: number): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => `${new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10)}T12:30:00`);
}

describe('isoWeek', () => {
  it.each([
    ['2026-12-01', '2026-W49'], // a Tuesday
    ['2026-11-29', '2026-W48'], // Sunday ends the week
    ['2026-11-30', '2026-W49'], // Monday starts the next
    ['2026-12-31', '2026-W53'], // 2026 has 53 weeks (it starts on a Thursday)
    ['2027-01-03', '2026-W53'], // early January in the previous year's last week
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // late December in the next year's first week
  ])('%s is in %s', (date, week) => expect(isoWeek(date)).toBe(week));
});

describe('rotation: 7 daily, 4 weekly, 12 monthly', () => {
  it('keeps everything while there are fewer than 7 days', () => {
    const list = items(daily('2026-11-25', 7));
    expect(kept(list)).toEqual(list.map((i) => i.id).sort());
  });

  it('keeps only the newest backup of a day', () => {
    expect(kept(items(['2026-12-01T08:00:00', '2026-12-01T12:30:00', '2026-12-01T17:45:00']))).toEqual(['2026-12-01T17:45:00']);
  });

  it.each([
    {
      name: 'a year of daily backups to 2026-12-01: 7 days, the last day of 4 weeks, the last day of 12 months',
      list: daily('2025-12-01', 366),
      expected: [
        // the 7 most recent days
        '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01',
        // Sundays ending the 3 weeks before (W48 is kept by 2026-11-29 already, W49 by 2026-12-01)
        '2026-11-22', '2026-11-15',
        // last day of each of the 11 months before December (12 months with December; December 2025 is the 13th)
        '2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31',
      ],
    },
    {
      name: 'across a new year: the weeks of late December belong to ISO weeks of the next year',
      list: daily('2024-12-01', 40),
      // 7 days (3–9 January); ISO weeks 2025-W02 and W01 (30 December–5 January) kept by them, then the
      // Sundays of 2024-W52 and W51; December's last day for its month.
      expected: ['2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2024-12-29', '2024-12-22', '2024-12-31'],
    },
  ])('$name', ({ list, expected }) => {
    expect(kept(items(list)).map((l) => l.slice(0, 10))).toEqual([...expected].sort());
  });

  it('counts days that have a backup, not calendar days: a desk left off for a month keeps its last 7', () => {
    const list = items([...daily('2026-10-01', 10), ...daily('2026-11-20', 1)]);
    const result = kept(list).map((l) => l.slice(0, 10));
    for (const day of ['2026-11-20', '2026-10-10', '2026-10-09', '2026-10-08', '2026-10-07', '2026-10-06', '2026-10-05']) expect(result).toContain(day);
    expect(result).not.toContain('2026-10-02');
  });

  it('keeps a backup that failed its verification only while it is newer than every verified one', () => {
    const list = items(['2026-11-29T12:30:00', '2026-11-30T12:30:00', '2026-12-01T12:30:00'], ['2026-11-30T12:30:00', '2026-12-01T12:30:00']);
    expect(kept(list)).toEqual(['2026-11-29T12:30:00', '2026-11-30T12:30:00', '2026-12-01T12:30:00']);
    const later = items(['2026-11-29T12:30:00', '2026-11-30T12:30:00', '2026-12-01T12:30:00'], ['2026-11-29T12:30:00']);
    expect(kept(later)).toEqual(['2026-11-30T12:30:00', '2026-12-01T12:30:00']);
  });
});

describe('schedule', () => {
  const daily1230 = { frequency: 'daily' as const, time: '12:30' };
  it.each([
    { now: '2026-12-01T09:00:00', last: '2026-11-30T12:30:05', due: false, next: '2026-12-01T12:30' },
    { now: '2026-12-01T12:30:00', last: '2026-11-30T12:30:05', due: true, next: '2026-12-01T12:30' },
    { now: '2026-12-01T15:00:00', last: '2026-12-01T12:30:02', due: false, next: '2026-12-02T12:30' },
    // started after the slot without today's backup: caught up at once
    { now: '2026-12-01T16:10:00', last: '2026-11-28T12:31:00', due: true, next: '2026-12-01T16:10' },
    // started in the morning, yesterday's slot missed: caught up too
    { now: '2026-12-01T08:05:00', last: '2026-11-29T12:30:00', due: true, next: '2026-12-01T08:05' },
    // a backup made by hand after the slot counts
    { now: '2026-12-01T18:00:00', last: '2026-12-01T13:00:00', due: false, next: '2026-12-02T12:30' },
    // month and year ends
    { now: '2026-12-31T20:00:00', last: '2026-12-31T12:30:00', due: false, next: '2027-01-01T12:30' },
    { now: '2026-12-01T10:00:00', last: null, due: true, next: '2026-12-01T10:00' },
  ])('at $now, last $last: due $due, next $next', ({ now, last, due, next }) => {
    expect(backupSchedule({ now, last, ...daily1230 })).toEqual({ due, next });
  });

  it('is never due when off', () => {
    expect(backupSchedule({ now: '2026-12-01T12:30:00', last: null, frequency: 'off', time: '12:30' })).toEqual({ due: false, next: null });
  });
});
