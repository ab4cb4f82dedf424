import type { SyncStatus } from '../../../shared/contract/sync-desk.js';
import { rootContext, type AppContext } from '../../context.js';
import { readConnection } from './connection.js';
import { readLastSyncAt } from './desk-state.js';
import { ServerUnavailable, type Fetch } from './http.js';
import type { PullProgress } from './pull.js';
import { pendingMessages } from './push.js';
import { syncOnce } from './round.js';

/**
 * Background sync of a desk (web host, desktop): every minute while the server answers, within
 * seconds after a change (the outbox is looked at every 5 s), and with exponential backoff (30 s
 * doubling up to 15 min) while it does not. One run at a time; the agent's work never waits for it:
 * each pulled page is one short transaction, and the status strip shows how far a long pull is.
 */
interface SyncRuntime {
  running: Promise<void> | null;
  /** How far the pull under way is, once it takes more than one page. */
  progress: PullProgress | null;
  lastAttemptAt: number;
  error: string | null;
  offline: boolean;
  failures: number;
}

const runtimes = new WeakMap<AppContext, SyncRuntime>();
function runtime(ctx: AppContext): SyncRuntime {
  const root = rootContext(ctx);
  let r = runtimes.get(root);
  if (!r) {
    r = { running: null, progress: null, lastAttemptAt: 0, error: null, offline: false, failures: 0 };
    runtimes.set(root, r);
  }
  return r;
}

const EVERY_MS = 60_000;
const LOOK_MS = 5_000;
const BACKOFF_MS = 30_000;
const BACKOFF_MAX_MS = 15 * 60_000;

export function syncStatus(ctx: AppContext): SyncStatus {
  const r = runtime(ctx);
  const link = readConnection(ctx);
  const state: SyncStatus['state'] = !link ? 'none' : r.running ? 'running' : r.error ? (r.offline ? 'offline' : 'error') : 'synced';
  return {
    state,
    server: link ? { url: link.url, deskName: link.deskName } : null,
    lastSyncAt: readLastSyncAt(ctx),
    pending: pendingMessages(ctx),
    error: r.error,
    progress: r.running ? r.progress : null,
  };
}

/** One sync now (or the one under way), then the state. */
export async function syncNow(ctx: AppContext, fetchImpl: Fetch = fetch): Promise<SyncStatus> {
  if (readConnection(ctx)) await run(ctx, fetchImpl);
  return syncStatus(ctx);
}

/** A sync started (or the one under way), not awaited: the state says `running` until it ends. */
export function syncInBackground(ctx: AppContext, fetchImpl: Fetch = fetch): SyncStatus {
  if (readConnection(ctx)) void run(ctx, fetchImpl);
  return syncStatus(ctx);
}

function run(ctx: AppContext, fetchImpl: Fetch): Promise<void> {
  const r = runtime(ctx);
  const root = rootContext(ctx);
  r.running ??= (async () => {
    r.lastAttemptAt = Date.now();
    try {
      await syncOnce(root, fetchImpl, (progress) => {
        r.progress = progress;
      });
      Object.assign(r, { error: null, offline: false, failures: 0 });
    } catch (error) {
      Object.assign(r, { error: (error as Error).message, offline: error instanceof ServerUnavailable, failures: r.failures + 1 });
    } finally {
      r.running = null;
      r.progress = null;
    }
  })();
  return r.running;
}

/** Whether the background should sync now: connected, not in backoff, and something to do or a minute passed. */
function due(ctx: AppContext, now: number): boolean {
  const r = runtime(ctx);
  if (r.running || !readConnection(ctx)) return false;
  if (r.failures > 0) return now - r.lastAttemptAt >= Math.min(BACKOFF_MS * 2 ** (r.failures - 1), BACKOFF_MAX_MS);
  return now - r.lastAttemptAt >= EVERY_MS || pendingMessages(ctx) > 0;
}

export function startSyncScheduler(ctx: AppContext, fetchImpl: Fetch = fetch): { stop(): void } {
  const timer = setInterval(() => {
    try {
      if (due(ctx, Date.now())) void run(ctx, fetchImpl);
    } catch (error) {
      console.error(`Guichet\u00a0: synchronisation — ${(error as Error).message}`);
    }
  }, LOOK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
