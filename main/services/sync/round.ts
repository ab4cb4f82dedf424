import type { AppContext } from '../../context.js';
import { fetchMissingDocuments, uploadDocuments, type DocumentsReport } from './documents.js';
import type { Fetch } from './http.js';
import { pullChanges, type PullReport } from './pull.js';
import { pushOutbox, type PushReport } from './push.js';

/**
 * One synchronisation: this desk's changes out first, then the files of its documents (their rows
 * are on the server now), then the others' changes in, then a few of the files they name.
 */
export async function syncOnce(ctx: AppContext, fetchImpl: Fetch = fetch): Promise<{ push: PushReport; pull: PullReport; documents: DocumentsReport }> {
  const push = await pushOutbox(ctx, fetchImpl);
  const uploaded = await uploadDocuments(ctx, fetchImpl);
  const pull = await pullChanges(ctx, fetchImpl);
  const { fetched, missing } = await fetchMissingDocuments(ctx, fetchImpl);
  return { push, pull, documents: { uploaded, fetched, missing } };
}
