import { WAITING_REQUEST_STATUSES } from '../../../shared/contract/requests.js';
import type { Dashboard } from '../../../shared/contract/setup.js';
import type { AppContext } from '../../context.js';

const WAITING_STATUSES = `(${WAITING_REQUEST_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The counts on the home screen: files by status, children enrolled today, requests waiting,
 * conflicts still to settle, and the day itself.
 */
export function getDashboard(ctx: AppContext): Dashboard {
  const { sqlite } = ctx.store;
  const counts = { active: 0, pending: 0, radiated: 0, archived: 0 };
  for (const row of sqlite.prepare('SELECT status, COUNT(*) AS n FROM families GROUP BY status').all() as {
    status: keyof typeof counts;
    n: number;
  }[]) {
    counts[row.status] = row.n;
  }
  const childrenCount = (
    sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM children c JOIN families f ON f.id = c.family_id
         WHERE f.status IN ('active', 'pending') AND (c.enrolled_to IS NULL OR c.enrolled_to >= ?)`,
      )
      .get(ctx.today()) as { n: number }
  ).n;
  const requestsWaiting = (
    sqlite.prepare(`SELECT COUNT(*) AS n FROM requests WHERE status IN ${WAITING_STATUSES}`).get() as { n: number }
  ).n;
  const conflictsOpen = (sqlite.prepare('SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
  return { families: counts, children: childrenCount, requestsWaiting, conflictsOpen, today: ctx.today() };
}
