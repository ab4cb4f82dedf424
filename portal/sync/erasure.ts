import { sql } from 'drizzle-orm';
import { rows, type PortalTx } from '../store/open.js';

/**
 * Erasure on the server (docs/decisions.md, « Effacement sur le serveur »): the hub keeps what a
 * desk still needs to converge, not the history of personal data. In the push transaction, for
 * the rows the push touched:
 *
 * - a row with a tombstone (`_deleted` = true) keeps its tombstones only. A tombstone is final
 *   (main/services/sync/apply.ts: a deleted row stays deleted, whatever the clocks of the edits
 *   that come after), so no earlier or later message of the row can change any desk: they go,
 *   and a desk that had the row still gets the tombstone and deletes it;
 * - a field keeps its latest value only (by clock, as every desk merges): an earlier value never
 *   wins anywhere again, so it goes — the anonymised name of a purged file replaces the name,
 *   it does not sit beside it. The fields whose history the business conflicts read
 *   (portal/sync/conflicts.ts: each desk's decision on a request, the invoice an allocation goes
 *   to, dossier numbers) keep theirs: none carries a name, and their rows' tombstones erase them;
 * - a document's content (`document_blobs`) goes with the last message that names it: the
 *   erased messages' `blob_sha256` values no longer named by any message are deleted.
 *
 * A retried chunk, or another desk's late edit of a deleted row, is stored then erased again in
 * the same transaction: it changes nothing, without a list of erased ids. Pull pages are by
 * sequence number, greater than the cursor: erased numbers are simply skipped.
 */

const TOMBSTONE = '_deleted';

/** Fields whose earlier values stay while their row lives: the conflict detection reads them. */
const HISTORY_KEPT: Readonly<Record<string, readonly string[]>> = {
  requests: ['status', 'decision', 'decided_at', 'decided_by', 'letter_note'],
  payment_allocations: ['invoice_id'],
  families: ['dossier_number'],
};

export interface StoredMessage {
  entity: string;
  rowId: string;
  field: string;
}

export interface ErasureReport {
  /** Messages deleted (a deleted row's, or a field's earlier values). */
  messages: number;
  /** Document contents deleted (no message names them any more). */
  blobs: number;
}

/** Erases what the messages just stored make useless (see above); in the push's transaction. */
export async function eraseSuperseded(tx: PortalTx, stored: readonly StoredMessage[]): Promise<ErasureReport> {
  if (stored.length === 0) return { messages: 0, blobs: 0 };
  const rowKeys = new Map<string, { entity: string; row_id: string }>();
  const fieldKeys = new Map<string, { entity: string; row_id: string; field: string }>();
  for (const m of stored) {
    rowKeys.set(`${m.entity}\u0000${m.rowId}`, { entity: m.entity, row_id: m.rowId });
    if (m.field !== TOMBSTONE && !HISTORY_KEPT[m.entity]?.includes(m.field)) {
      fieldKeys.set(`${m.entity}\u0000${m.rowId}\u0000${m.field}`, { entity: m.entity, row_id: m.rowId, field: m.field });
    }
  }
  // The deleted rows first: all their messages but the tombstones.
  const deadRows = rows<Erased>(
    await tx.execute(sql`
      WITH touched AS (SELECT DISTINCT t.entity, t.row_id FROM json_to_recordset(${JSON.stringify([...rowKeys.values()])}::json) AS t(entity text, row_id text)),
        dead AS (SELECT t.entity, t.row_id FROM touched t WHERE EXISTS (
          SELECT 1 FROM sync_messages s WHERE s.entity = t.entity AND s.row_id = t.row_id AND s.field = ${TOMBSTONE} AND s.value = 'true'))
      DELETE FROM sync_messages m USING dead d
      WHERE m.entity = d.entity AND m.row_id = d.row_id AND m.field <> ${TOMBSTONE}
      RETURNING m.entity, m.field, m.value`),
  );
  // Then each field's earlier values (by clock) on the rows that live.
  const earlier =
    fieldKeys.size === 0
      ? []
      : rows<Erased>(
          await tx.execute(sql`
            WITH touched AS (SELECT DISTINCT t.entity, t.row_id, t.field FROM json_to_recordset(${JSON.stringify([...fieldKeys.values()])}::json) AS t(entity text, row_id text, field text))
            DELETE FROM sync_messages m USING touched t
            WHERE m.entity = t.entity AND m.row_id = t.row_id AND m.field = t.field
              AND EXISTS (SELECT 1 FROM sync_messages n WHERE n.entity = m.entity AND n.row_id = m.row_id AND n.field = m.field AND n.hlc > m.hlc)
            RETURNING m.entity, m.field, m.value`),
        );
  const erased = [...deadRows, ...earlier];
  const blobs = await eraseUnnamedBlobs(tx, erased);
  return { messages: erased.length, blobs };
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
