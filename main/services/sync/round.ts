import type { AppContext } from '../../context.js';
import { requireConnection } from './connection.js';
import { restoredSinceLastPull, writeLastSyncAt } from './desk-state.js';
import { fetchMissingDocuments, uploadDocuments, type DocumentsReport } from './documents.js';
import type { Fetch } from './http.js';
import { pullChanges, type PullProgress, type PullReport } from './pull.js';
import { pushOutbox, type PushReport } from './push.js';

/**
 * One synchronisation: this desk's changes out first, then the files of its documents (their rows
 * are on the server now), then the others' changes in, then a few of the files they name; its end
 * is kept (the status strip's « synchronisé à … », after a restart too). A desk restored from a
 * backup pulls first: its outbox may hold messages the server already has (pull.ts). The
 * connection and its credential are read once for the whole round.
 */
export async function syncOnce(
  ctx: AppContext,
  fetchImpl: Fetch = fetch,
  onProgress?: (progress: PullProgress) => void,
): Promise<{ push: PushReport; pull: PullReport; documents: DocumentsReport }> {
  const link = requireConnection(ctx);
  const before = restoredSinceLastPull(ctx) ? await pullChanges(ctx, fetchImpl, onProgress, link) : null;
  const push = await pushOutbox(ctx, fetchImpl, link);
  const uploaded = await uploadDocuments(ctx, fetchImpl, link);
  const pull = await pullChanges(ctx, fetchImpl, onProgress, link);
  const { fetched, missing } = await fetchMissingDocuments(ctx, fetchImpl, link);
  writeLastSyncAt(ctx, new Date());
  return { push, pull: before ? addReports(before, pull) : pull, documents: { uploaded, fetched, missing } };
}

function addReports(a: PullReport, b: PullReport): PullReport {
  return { received: a.received + b.received, applied: a.applied + b.applied, ignored: a.ignored + b.ignored, waiting: b.waiting, pages: a.pages + b.pages };
}
