import type { AppContext } from '../context.js';
import { record } from './journal.js';
import { one } from './sql.js';

/** The value of a setting of this desk's store, if set. */
export function readSetting(ctx: AppContext, key: string): string | undefined {
  return one<{ value: string }>(ctx, 'SELECT value FROM settings WHERE key = ?', key)?.value;
}

/** Sets a setting, with its audit entry and sync messages (`familyId` when it concerns one file). */
export function writeSetting(ctx: AppContext, key: string, value: string, familyId: string | null = null): void {
  const before = readSetting(ctx, key);
  if (before === value) return;
  ctx.store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  record(ctx, { action: 'setting.set', entity: 'settings', entityId: key, familyId, before: before === undefined ? null : { value: before }, after: { value } });
}
