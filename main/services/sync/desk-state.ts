import type { AppContext } from '../../context.js';
import { SYNC_RESTORED_KEY } from '../../store/restore.js';
import { readSetting, writeLocalSetting } from '../../store/settings.js';
import { prepared } from '../../store/sql.js';

/**
 * This desk's own sync bookkeeping, in LOCAL settings (`sync.*` never travel: apply.ts refuses
 * them from other desks, and they are written here directly, never through the outbox): the pull
 * cursor, the last complete sync (the status strip says « synchronisé à 10 h 42 » after a
 * restart), and whether a backup was restored since the last pull (see `SYNC_RESTORED_KEY`).
 */
const CURSOR_KEY = 'sync.cursor';
const LAST_SYNC_KEY = 'sync.lastSyncAt';

export function readCursor(ctx: AppContext): number {
  return Number(readSetting(ctx, CURSOR_KEY) ?? 0);
}

/** Inside the transaction that applies the page the cursor moves past. */
export function writeCursor(ctx: AppContext, cursor: number): void {
  writeLocalSetting(ctx, CURSOR_KEY, String(cursor));
}

export function readLastSyncAt(ctx: AppContext): string | null {
  return readSetting(ctx, LAST_SYNC_KEY) ?? null;
}

export function writeLastSyncAt(ctx: AppContext, at: Date): void {
  writeLocalSetting(ctx, LAST_SYNC_KEY, at.toISOString());
}

/** A backup was restored and this desk has not yet taken back from the server what it had sent since. */
export function restoredSinceLastPull(ctx: AppContext): boolean {
  return readSetting(ctx, SYNC_RESTORED_KEY) !== undefined;
}

export function clearRestored(ctx: AppContext): void {
  prepared(ctx.store.sqlite, 'DELETE FROM settings WHERE key = ?').run(SYNC_RESTORED_KEY);
}
