import { pullResponse } from '../../../shared/contract/sync.js';
import type { AppContext } from '../../context.js';
import { applyPage, readCursor } from './apply.js';
import { requireConnection } from './connection.js';
import { serverCall, type Fetch } from './http.js';

/** Pull: the other desks' messages since this desk's cursor, page by page, each page applied in one transaction. */
const PAGE = 1000;

export interface PullReport {
  received: number;
  applied: number;
  ignored: number;
  waiting: number;
  pages: number;
}

export async function pullChanges(ctx: AppContext, fetchImpl: Fetch = fetch, onPage?: (report: PullReport) => void): Promise<PullReport> {
  const link = requireConnection(ctx);
  const report: PullReport = { received: 0, applied: 0, ignored: 0, waiting: 0, pages: 0 };
  for (;;) {
    const page = pullResponse.parse(
      await serverCall(fetchImpl, link.url, `/sync/pull?after=${readCursor(ctx)}&limit=${PAGE}`, { method: 'GET', credential: link.credential }),
    );
    if (page.messages.length > 0) {
      const applied = applyPage(ctx, page.messages, page.cursor);
      report.received += page.messages.length;
      report.applied += applied.applied;
      report.ignored += applied.ignored;
      report.waiting = applied.waiting;
      report.pages++;
      onPage?.(report);
    }
    if (!page.more) return report;
  }
}
