import { MAX_PULL_MESSAGES, pullResponse, SYNC_SCHEMA_VERSION } from '../../../shared/contract/sync.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { prepared } from '../../store/sql.js';
import { applyPage } from './apply.js';
import { requireConnection, type ServerLink } from './connection.js';
import { clearRestored, readCursor, restoredSinceLastPull } from './desk-state.js';
import { serverCall, type Fetch } from './http.js';

/**
 * Pull: the other desks' messages since this desk's cursor, page by page, each page applied in one
 * transaction. Pages are as big as the server allows: a new desk's first sync (the whole Caisse,
 * hundreds of thousands of messages) is mostly round trips otherwise.
 */
export interface PullReport {
  received: number;
  applied: number;
  ignored: number;
  waiting: number;
  pages: number;
}

/** How far a pull is: sequence numbers done and to do since it began, and whether the desk had nothing yet. */
export interface PullProgress {
  done: number;
  total: number;
  first: boolean;
}

/** `link`: the round's (round.ts), read here when pulling alone. */
export async function pullChanges(
  ctx: AppContext,
  fetchImpl: Fetch = fetch,
  onProgress?: (progress: PullProgress) => void,
  link: ServerLink = requireConnection(ctx),
): Promise<PullReport> {
  const report: PullReport = { received: 0, applied: 0, ignored: 0, waiting: 0, pages: 0 };
  const start = readCursor(ctx);
  // After a backup's restore, this desk's own messages too: those it sent after the backup are
  // written back (last writer wins: the older ones, already here, change nothing), and those the
  // restored outbox still holds are known as received, so not sent again.
  const own = restoredSinceLastPull(ctx);
  for (let cursor = start; ; ) {
    const page = pullResponse.parse(
      await serverCall(fetchImpl, link.url, `/sync/pull?schemaVersion=${SYNC_SCHEMA_VERSION}&after=${cursor}&limit=${MAX_PULL_MESSAGES}${own ? '&own=1' : ''}`, { method: 'GET', credential: link.credential }),
    );
    if (own) markReceived(ctx, page.messages.filter((m) => m.node === ctx.clock.node).map((m) => m.id));
    if (page.messages.length > 0) {
      const applied = applyPage(ctx, page.messages, page.cursor);
      report.received += page.messages.length;
      report.applied += applied.applied;
      report.ignored += applied.ignored;
      report.waiting = applied.waiting;
      report.pages++;
    }
    cursor = page.cursor;
    if (!page.more) {
      if (own) clearRestored(ctx);
      return report;
    }
    // The sequence counts this desk's own messages too: a share of the way, not a count of messages.
    onProgress?.({ done: cursor - start, total: Math.max(page.latest - start, cursor - start), first: start === 0 });
  }
}

/** Outbox messages the server already holds (found among this desk's own, pulled back after a restore). */
function markReceived(ctx: AppContext, ids: string[]): void {
  if (ids.length === 0) return;
  const mark = prepared(ctx.store.sqlite, "UPDATE outbox SET sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND sent_at IS NULL");
  transaction(ctx, () => {
    for (const id of ids) mark.run(id);
  });
}
