import type { AppContext } from '../../context.js';
import type { Fetch } from './http.js';
import { pullChanges, type PullReport } from './pull.js';
import { pushOutbox, type PushReport } from './push.js';

/** The desk's side of sync (issue 10): its link to the server, push, pull and apply. */
export { connectServer, readConnection } from './connection.js';
export { cancelInvoiceRun, issueBillingRun, reissueFamilyRun } from './numbers.js';
export { pendingMessages } from './push.js';
export { startSyncScheduler, syncNow, syncStatus } from './scheduler.js';

/** One synchronisation: this desk's changes out first, then the others' in. */
export async function syncOnce(ctx: AppContext, fetchImpl: Fetch = fetch): Promise<{ push: PushReport; pull: PullReport }> {
  const push = await pushOutbox(ctx, fetchImpl);
  const pull = await pullChanges(ctx, fetchImpl);
  return { push, pull };
}
