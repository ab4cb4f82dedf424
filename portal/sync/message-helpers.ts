import { sql, type SQL } from 'drizzle-orm';
import { rows, type PortalTx } from '../store/open.js';
import { LOOKUP_CHARS } from '../store/schema.js';

/**
 * Small helpers of the business-conflict detections that read `sync_messages` (conflicts.ts,
 * refund-overlaps.ts, resolution-clashes.ts).
 */

export async function query<T>(tx: PortalTx, statement: SQL): Promise<T[]> {
  return rows<T>(await tx.execute(statement));
}

/** A message's value: JSON, or the raw text when it is not. */
export function parseValue(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export const unique = <T,>(values: T[]): T[] => [...new Set(values)];

/** Values (raw message values) looked up through the partial indexes of `VALUE_LOOKUPS`: on their first characters, then exactly. */
export function byValue(values: readonly string[]): SQL {
  const prefixes = unique(values.map((v) => v.slice(0, LOOKUP_CHARS)));
  return sql`left(value, ${sql.raw(String(LOOKUP_CHARS))}) IN ${prefixes} AND value IN ${[...values]}`;
}
