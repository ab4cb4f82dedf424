import { sql } from 'drizzle-orm';
import { rows, type PortalDb, type PortalTx } from '../store/open.js';

/**
 * Rate limits, counted in the database (`rate_limits`) so that every portal process shares them:
 * fixed windows per key (`ip:…`, `email:…`). Old windows are swept as new ones are counted.
 */
export interface Limit {
  /** What is counted, for the key: `login`, `create`, `forgot`. */
  action: string;
  max: number;
  windowMs: number;
}

export const LIMITS = {
  loginPerIp: { action: 'login', max: 30, windowMs: 15 * 60_000 },
  createPerIp: { action: 'create', max: 10, windowMs: 60 * 60_000 },
  forgotPerIp: { action: 'forgot', max: 20, windowMs: 60 * 60_000 },
  forgotPerEmail: { action: 'forgot', max: 5, windowMs: 60 * 60_000 },
  createPerEmail: { action: 'create', max: 5, windowMs: 60 * 60_000 },
  /** The current password typed in « Mon espace » (a session already open: per espace). */
  currentPerAccount: { action: 'current', max: 10, windowMs: 15 * 60_000 },
} as const satisfies Record<string, Limit>;

/** Counts one more attempt; how long to wait when over the limit (0: go on). */
export async function countAttempt(db: PortalDb | PortalTx, limit: Limit, who: string, now: Date): Promise<number> {
  const start = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const key = `${limit.action}:${who}`;
  const [row] = rows<{ count: number }>(
    await db.execute(sql`
      INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${start.toISOString()}::timestamptz, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
      RETURNING count`),
  );
  // A new window sweeps the windows older than a day.
  if (Number(row?.count) === 1) await db.execute(sql`DELETE FROM rate_limits WHERE window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
  if (Number(row?.count ?? 0) <= limit.max) return 0;
  return Math.ceil((start.getTime() + limit.windowMs - now.getTime()) / 1000);
}
