import { sql } from 'drizzle-orm';
import { ERASED_FIELD, TOMBSTONE_FIELD } from '../../shared/contract/sync.js';
import { rows, type PortalTx } from '../store/open.js';

/**
 * Erasure on the server (docs/decisions.md, « Effacement sur le serveur »): what a desk's purge
 * erased (main/services/families/purge.ts) goes from the server too. The purge marks each row it
 * deletes or anonymises with an `_erased` message, sent after the row's tombstone or anonymised
 * values; in the push transaction, for the rows the push touched that bear a mark:
 *
 * - a deleted row (a `_deleted` tombstone) keeps its tombstones and marks only. A tombstone is
 *   final (main/services/sync/apply.ts: a deleted row stays deleted, whatever the clocks of the
 *   edits that come after), so no other message of the row can change any desk: they go, and a
 *   desk that had the row still gets the tombstone and deletes it;
 * - an anonymised row keeps, of what was written before its mark, each field's latest value (by
 *   clock, as every desk merges): the anonymised name replaces the name, it does not sit beside it;
 * - a document's content (`document_blobs`) goes with the last message that names it: the erased
 *   messages' `blob_sha256` values no longer named by any message (any desk's document) go.
 *
 * Rows no purge marked keep their messages: an ordinary deletion or edit erases nothing (every
 * acknowledged message stays, and the business conflicts read their history, conflicts.ts).
 * A retried chunk, or another desk's late edit of a purged row, is stored then erased again in
 * the same transaction: it changes nothing, without a list of erased ids. Pull pages are by
 * sequence number, greater than the cursor: erased numbers are simply skipped.
 */

export interface StoredMessage {
  entity: string;
  rowId: string;
}

export interface ErasureReport {
  /** Messages deleted (a purged row's). */
  messages: number;
  /** Document contents deleted (no message names them any more). */
  blobs: number;
  /** The rows a purge marked, whose copy (replica.ts) is made again from what is left. */
  rows: { entity: string; row_id: string }[];
}

/** Erases what a purge made useless on the rows the push touched (see above); in the push's transaction. */
export async function erasePurged(tx: PortalTx, stored: readonly StoredMessage[]): Promise<ErasureReport> {
  const marked = await markedRows(tx, stored);
  if (marked.length === 0) return { messages: 0, blobs: 0, rows: [] };
  // One statement: its subqueries see the rows as they were before it, so a field's latest value is never the one deleted.
  const erased = rows<Erased>(
    await tx.execute(sql`
      WITH marked AS (
          SELECT t.entity, t.row_id,
            (SELECT max(s.hlc) FROM sync_messages s WHERE s.entity = t.entity AND s.row_id = t.row_id AND s.field = ${ERASED_FIELD}) AS erased_at,
            EXISTS (SELECT 1 FROM sync_messages s WHERE s.entity = t.entity AND s.row_id = t.row_id AND s.field = ${TOMBSTONE_FIELD} AND s.value = 'true') AS deleted
          FROM json_to_recordset(${JSON.stringify(marked)}::json) AS t(entity text, row_id text))
      DELETE FROM sync_messages m USING marked k
      WHERE m.entity = k.entity AND m.row_id = k.row_id AND m.field NOT IN (${TOMBSTONE_FIELD}, ${ERASED_FIELD})
        AND (k.deleted OR (m.hlc < k.erased_at
          AND EXISTS (SELECT 1 FROM sync_messages n WHERE n.entity = m.entity AND n.row_id = m.row_id AND n.field = m.field AND n.hlc > m.hlc)))
      RETURNING m.entity, m.field, m.value`),
  );
  const blobs = await eraseUnnamedBlobs(tx, erased);
  return { messages: erased.length, blobs, rows: marked };
}

/**
 * The touched rows that bear a purge's mark: one probe of the (entity, row, field) index per row.
 * Most pushes touch none, and then the erasure costs this lookup alone (it runs on every push).
 */
async function markedRows(tx: PortalTx, stored: readonly StoredMessage[]): Promise<{ entity: string; row_id: string }[]> {
  if (stored.length === 0) return [];
  const keys = new Map<string, { entity: string; row_id: string }>();
  for (const m of stored) keys.set(`${m.entity}\u0000${m.rowId}`, { entity: m.entity, row_id: m.rowId });
  return rows<{ entity: string; row_id: string }>(
    await tx.execute(sql`
      SELECT t.entity, t.row_id FROM json_to_recordset(${JSON.stringify([...keys.values()])}::json) AS t(entity text, row_id text)
      WHERE EXISTS (SELECT 1 FROM sync_messages s WHERE s.entity = t.entity AND s.row_id = t.row_id AND s.field = ${ERASED_FIELD})`),
  );
}

interface Erased {
  entity: string;
  field: string;
  value: string | null;
}

/** The contents the erased messages named, deleted when no message names them any more (any desk's document). */
async function eraseUnnamedBlobs(tx: PortalTx, erased: readonly Erased[]): Promise<number> {
  const hashes = new Set<string>();
  for (const m of erased) {
    if (m.entity !== 'documents' || m.field !== 'blob_sha256' || m.value === null) continue;
    const hash: unknown = JSON.parse(m.value);
    if (typeof hash === 'string') hashes.add(hash);
  }
  if (hashes.size === 0) return 0;
  const deleted = rows<{ sha256: string }>(
    await tx.execute(sql`
      DELETE FROM document_blobs b
      WHERE b.sha256 IN (SELECT h FROM json_array_elements_text(${JSON.stringify([...hashes])}::json) AS h)
        AND NOT EXISTS (SELECT 1 FROM sync_messages s WHERE s.entity = 'documents' AND s.field = 'blob_sha256' AND s.value = to_json(b.sha256)::text)
      RETURNING b.sha256`),
  );
  return deleted.length;
}
