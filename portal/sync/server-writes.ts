import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { SERVER_NODE, SYNC_ENTITIES, SYNC_SCHEMA_VERSION } from '../../shared/contract/sync.js';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type Hlc } from '../../shared/domain/hlc.js';
import { lockedTransaction, type PortalStore, type PortalTx } from '../store/open.js';
import { replicaRows, syncMessages } from '../store/schema.js';
import { lastSequence, mergeIntoReplica } from './replica.js';

/**
 * What the family pages write for the desks (a request from the portal): rows of the desks'
 * tables, written as ordinary sync messages from node `server`, so that every desk pulls and
 * merges them like another desk's. Under the push lock (sequence order is commit order), with
 * clocks above every clock the written fields had, and into the rows' copy in the same transaction.
 */
export interface ServerRow {
  entity: string;
  rowId: string;
  values: Record<string, unknown>;
}

export async function writeServerRows(store: PortalStore, rows: readonly ServerRow[], now: Date): Promise<void> {
  for (const row of rows) {
    const fields = SYNC_ENTITIES[row.entity];
    const unknown = fields ? Object.keys(row.values).filter((f) => !fields.includes(f)) : [row.entity];
    // The server never writes what a desk would refuse: a defect of ours, not a parent's input.
    if (unknown.length > 0) throw new Error(`Écriture du serveur hors du schéma de synchronisation : ${row.entity}.${unknown.join(', ')}`);
  }
  await lockedTransaction(store, 'push', async (tx) => {
    const before = await lastSequence(tx);
    let clock: Hlc = { millis: now.getTime(), counter: 0, node: SERVER_NODE };
    for (const held of await heldClocks(tx, rows)) clock = receiveHlc(clock, decodeHlc(held), now.getTime());
    const messages = rows.flatMap((row) =>
      Object.entries(row.values).map(([field, value]) => {
        clock = tickHlc(clock, now.getTime());
        return { id: randomUUID(), deskId: SERVER_NODE, hlc: encodeHlc(clock), node: SERVER_NODE, entity: row.entity, rowId: row.rowId, field, value: JSON.stringify(value), schemaVersion: SYNC_SCHEMA_VERSION, receivedAt: now };
      }),
    );
    if (messages.length > 0) await tx.insert(syncMessages).values(messages);
    await mergeIntoReplica(tx, before);
  });
}

/** The clocks the rows' fields have now (a desk's clock may run up to 5 minutes ahead of the server's). */
async function heldClocks(tx: PortalTx, rows: readonly ServerRow[]): Promise<string[]> {
  const out: string[] = [];
  for (const entity of new Set(rows.map((r) => r.entity))) {
    const ids = rows.filter((r) => r.entity === entity).map((r) => r.rowId);
    const held = await tx.select({ clocks: replicaRows.clocks }).from(replicaRows).where(and(eq(replicaRows.entity, entity), inArray(replicaRows.rowId, ids)));
    for (const h of held) out.push(...Object.values(h.clocks));
  }
  return out;
}
