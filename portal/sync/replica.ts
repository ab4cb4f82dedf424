import { sql } from 'drizzle-orm';
import { ERASED_FIELD, TOMBSTONE_FIELD } from '../../shared/contract/sync.js';
import { rows, type PortalTx } from '../store/open.js';

/**
 * The server's copy of the desks' rows (`replica_rows`), for the family pages (issue 11): every
 * message stored goes into it in the same transaction, merged as every desk merges — per field,
 * the value with the latest clock wins (clocks compared as bytes, `COLLATE "C"`: their text is
 * made to sort in clock order). A row with a tombstone is deleted for good (apply.ts on the desks):
 * its copy keeps only the tombstone.
 */

/** The last message number stored before this transaction's (pushes are serialised: what is above it is theirs). */
export async function lastSequence(tx: PortalTx): Promise<number> {
  const [row] = rows<{ seq: number | null }>(await tx.execute(sql`SELECT max(seq) AS seq FROM sync_messages`));
  return Number(row?.seq ?? 0);
}

/** Merges the messages stored after `after` (this transaction's) into the rows' copy. */
export async function mergeIntoReplica(tx: PortalTx, after: number): Promise<void> {
  await tx.execute(sql`
    WITH latest AS (
      SELECT DISTINCT ON (entity, row_id, field) entity, row_id, field, value, hlc
      FROM sync_messages WHERE seq > ${after} ORDER BY entity, row_id, field, hlc COLLATE "C" DESC),
    incoming AS (
      SELECT entity, row_id, jsonb_object_agg(field, COALESCE(value::jsonb, 'null'::jsonb)) AS data, jsonb_object_agg(field, hlc) AS clocks
      FROM latest GROUP BY entity, row_id)
    INSERT INTO replica_rows AS r (entity, row_id, data, clocks)
    SELECT entity, row_id, data, clocks FROM incoming
    ON CONFLICT (entity, row_id) DO UPDATE SET
      data = r.data || COALESCE((SELECT jsonb_object_agg(k, EXCLUDED.data -> k) FROM jsonb_object_keys(EXCLUDED.clocks) AS k
                                 WHERE COALESCE(r.clocks ->> k, '') COLLATE "C" < (EXCLUDED.clocks ->> k) COLLATE "C"), '{}'::jsonb),
      clocks = r.clocks || COALESCE((SELECT jsonb_object_agg(k, EXCLUDED.clocks -> k) FROM jsonb_object_keys(EXCLUDED.clocks) AS k
                                   WHERE COALESCE(r.clocks ->> k, '') COLLATE "C" < (EXCLUDED.clocks ->> k) COLLATE "C"), '{}'::jsonb)`);
  // A deleted row keeps nothing but its tombstone (and a purge's mark). Driven by this
  // transaction's rows, reached by primary key: the copy itself is never scanned on a push.
  await tx.execute(sql`
    UPDATE replica_rows r SET data = r.data - ARRAY(SELECT jsonb_object_keys(r.data) EXCEPT SELECT unnest(ARRAY[${TOMBSTONE_FIELD}, ${ERASED_FIELD}]))
    FROM (SELECT DISTINCT entity, row_id FROM sync_messages WHERE seq > ${after}) AS t
    WHERE r.entity = t.entity AND r.row_id = t.row_id AND r.data ->> ${TOMBSTONE_FIELD} = 'true'
      AND EXISTS (SELECT 1 FROM jsonb_object_keys(r.data) AS k WHERE k NOT IN (${TOMBSTONE_FIELD}, ${ERASED_FIELD}))`);
}

/** The copies of rows whose messages a purge erased, made again from what is left of them (erasure.ts). */
export async function rebuildReplicaRows(tx: PortalTx, keys: readonly { entity: string; row_id: string }[]): Promise<void> {
  if (keys.length === 0) return;
  const list = JSON.stringify(keys);
  await tx.execute(sql`
    DELETE FROM replica_rows r USING json_to_recordset(${list}::json) AS t(entity text, row_id text)
    WHERE r.entity = t.entity AND r.row_id = t.row_id`);
  await tx.execute(sql`
    INSERT INTO replica_rows (entity, row_id, data, clocks)
    SELECT entity, row_id, jsonb_object_agg(field, COALESCE(value::jsonb, 'null'::jsonb)), jsonb_object_agg(field, hlc)
    FROM (SELECT DISTINCT ON (s.entity, s.row_id, s.field) s.entity, s.row_id, s.field, s.value, s.hlc
          FROM sync_messages s JOIN json_to_recordset(${list}::json) AS t(entity text, row_id text) ON s.entity = t.entity AND s.row_id = t.row_id
          ORDER BY s.entity, s.row_id, s.field, s.hlc COLLATE "C" DESC) AS latest
    GROUP BY entity, row_id`);
}
