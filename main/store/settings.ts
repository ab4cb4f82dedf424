import type { AppContext } from '../context.js';
import { record } from './journal.js';
import { one, prepared } from './sql.js';

/** The value of a setting of this desk's store, if set. */
export function readSetting(ctx: AppContext, key: string): string | undefined {
  return one<{ value: string }>(ctx, 'SELECT value FROM settings WHERE key = ?', key)?.value;
}

/** Sets a setting, with its audit entry and sync messages (`familyId` when it concerns one file). */
export function writeSetting(ctx: AppContext, key: string, value: string, familyId: string | null = null): void {
  const before = readSetting(ctx, key);
  if (before === value) return;
  writeLocalSetting(ctx, key, value);
  record(ctx, { action: 'setting.set', entity: 'settings', entityId: key, familyId, before: before === undefined ? null : { value: before }, after: { value } });
}

/**
 * Sets a setting with no audit entry and no sync message (`writeSetting` adds both): for the
 * settings of this desk alone (its sync bookkeeping, its first-start choice).
 */
export function writeLocalSetting(ctx: AppContext, key: string, value: string): void {
  prepared(ctx.store.sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
