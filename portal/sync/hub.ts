import { sql } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.js';
import {
  MAX_CLOCK_AHEAD_MS,
  SYNC_MIN_SCHEMA_VERSION,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type SyncMessage,
} from '../../shared/contract/sync.js';
import { decodeHlc } from '../../shared/domain/hlc.js';
import { lockedTransaction, rows, type PortalStore } from '../store/open.js';
import { detectConflicts } from './conflicts.js';
import { erasePurged } from './erasure.js';
import { lastSequence, mergeIntoReplica, rebuildReplicaRows } from './replica.js';

/**
 * The sync hub: desks push their outbox here and pull the others' messages (DESIGN.md « Sync »).
 * The hub stores and relays; it does not merge (each desk applies last-writer-wins per field),
 * but it finds the business conflicts that merging would hide (conflicts.ts).
 */

export async function pushMessages(
  store: PortalStore,
  deskId: string,
  input: { schemaVersion: number; cursor: number; messages: SyncMessage[] },
  now: Date,
): Promise<{ accepted: number; duplicates: number; serverTime: string }> {
  checkSchemaVersion(input.schemaVersion);
  checkClock(input.messages, now);
  if (input.messages.length === 0) return { accepted: 0, duplicates: 0, serverTime: now.toISOString() };
  const accepted = await lockedTransaction(store, 'push', async (tx) => {
    // The chunk travels to the database as ONE JSON parameter read by json_to_recordset: a
    // thousand rows bound one by one cost more to build and parse than to store.
    const before = await lastSequence(tx);
    const result = await tx.execute(sql`
      INSERT INTO sync_messages (id, desk_id, hlc, node, entity, row_id, field, value, schema_version, received_at)
      SELECT m.id, ${deskId}, m.hlc, m.node, m.entity, m."rowId", m.field, m.value, ${input.schemaVersion}, ${now.toISOString()}::timestamptz
      FROM json_to_recordset(${JSON.stringify(input.messages)}::json)
        AS m(id text, hlc text, node text, entity text, "rowId" text, field text, value text)
      ON CONFLICT (id) DO NOTHING
      RETURNING entity, row_id AS "rowId", field, hlc, value`);
    const inserted = rows<{ entity: string; rowId: string; field: string; hlc: string; value: string | null }>(result);
    // What a desk's purge erased goes from the server too (erasure.ts).
    const erased = await erasePurged(tx, inserted);
    // Business conflicts among what was just stored, in the same transaction (conflicts.ts).
    await detectConflicts(tx, { deskId, cursor: input.cursor, messages: inserted, now });
    // The rows' copy read by the family pages: this push's messages and the server's own (replica.ts).
    await mergeIntoReplica(tx, before);
    await rebuildReplicaRows(tx, erased.rows);
    return inserted.length;
  });
  return { accepted, duplicates: input.messages.length - accepted, serverTime: now.toISOString() };
}

/** A pull's page request (`own`: `1` to include the desk's own messages). */
export interface PullQuery {
  schemaVersion: number;
  after: number;
  limit: number;
  own?: '0' | '1';
}

export async function pullMessages(store: PortalStore, deskId: string, query: PullQuery): Promise<PullResponse> {
  return JSON.parse(await pullPage(store, deskId, query)) as PullResponse;
}

/**
 * A pull page as the JSON text the route sends (a `PullResponse`): the database builds it, so
 * thousands of rows are neither mapped to objects nor serialised again in JavaScript.
 */
export async function pullPage(store: PortalStore, deskId: string, query: PullQuery): Promise<string> {
  // A desk that cannot read what the others write is told so, whether it has anything to push or not.
  checkSchemaVersion(query.schemaVersion);
  const others = query.own === '1' ? sql`TRUE` : sql`desk_id <> ${deskId}`;
  const [page] = rows<{ messages: string | null; last: number | null; more: boolean; latest: number | null }>(
    await store.db.execute(sql`
      WITH page AS (
        SELECT seq, id, hlc, node, entity, row_id, field, value FROM sync_messages
        WHERE seq > ${query.after} AND ${others} ORDER BY seq LIMIT ${query.limit + 1}),
      kept AS (SELECT * FROM page ORDER BY seq LIMIT ${query.limit})
      SELECT
        (SELECT json_agg(json_build_object('seq', seq, 'id', id, 'hlc', hlc, 'node', node, 'entity', entity, 'rowId', row_id, 'field', field, 'value', value) ORDER BY seq) FROM kept)::text AS messages,
        (SELECT max(seq) FROM kept) AS last,
        (SELECT count(*) FROM page) > ${query.limit} AS more,
        -- The sequence's end, read after the page: never behind the page's own cursor.
        (SELECT max(seq) FROM sync_messages) AS latest`),
  );
  const cursor = page?.last === null || page?.last === undefined ? query.after : Number(page.last);
  return `{"messages":${page?.messages ?? '[]'},"cursor":${cursor},"more":${page?.more === true},"latest":${Math.max(Number(page?.latest ?? 0), cursor)}}`;
}

function checkSchemaVersion(version: number): void {
  if (version > SYNC_SCHEMA_VERSION) {
    throw new AppError({
      code: 'CONFLICT',
      message: `Ce poste a une version de Guichet plus récente que le serveur (schéma ${version}, serveur ${SYNC_SCHEMA_VERSION})\u00a0: le serveur doit être mis à jour\u00a0; le poste continue hors connexion.`,
    });
  }
  if (version < SYNC_MIN_SCHEMA_VERSION) {
    throw new AppError({
      code: 'CONFLICT',
      message: `Ce poste doit être mis à jour pour se synchroniser (schéma ${version}, le serveur demande ${SYNC_MIN_SCHEMA_VERSION} au moins)\u00a0; il continue hors connexion.`,
    });
  }
}

/** A desk whose clock runs ahead would win every last-writer-wins merge: refused, with how far. */
function checkClock(messages: SyncMessage[], now: Date): void {
  let latest = 0;
  for (const m of messages) latest = Math.max(latest, decodeHlc(m.hlc).millis);
  const ahead = latest - now.getTime();
  if (ahead <= MAX_CLOCK_AHEAD_MS) return;
  const minutes = Math.round(ahead / 60_000);
  throw new AppError({
    code: 'VALIDATION',
    field: 'hlc',
    message: `L’horloge de ce poste avance de ${minutes < 120 ? `${minutes}\u00a0minutes` : `${Math.round(minutes / 60)}\u00a0heures`} sur celle du serveur\u00a0: remettez le poste à l’heure\u00a0; rien n’a été envoyé.`,
  });
}
