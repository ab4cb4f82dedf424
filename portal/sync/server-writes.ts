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
    const writer = new ServerWriter(tx, now, await heldClocks(tx, rows));
    for (const row of rows) for (const [field, value] of Object.entries(row.values)) writer.set(row.entity, row.rowId, field, value);
    await writer.flush();
    await mergeIntoReplica(tx, before);
  });
}

/**
 * The server's own messages in one transaction (a push's conflicts, a portal's write): node
 * `server`, each stamp above `now` and above every clock it was raised past (the shared clock rules
 * of shared/domain/hlc.ts), stored together at `flush`.
 */
export class ServerWriter {
  /** When the transaction's work happens, ISO (the conflicts' `detected_at`). */
  readonly now: string;
  private clock: Hlc;
  private readonly rows: (typeof syncMessages.$inferInsert)[] = [];

  constructor(
    private readonly tx: PortalTx,
    private readonly at: Date,
    above: readonly string[],
  ) {
    this.now = at.toISOString();
    this.clock = { millis: at.getTime(), counter: 0, node: SERVER_NODE };
    for (const hlc of above) this.raise(hlc);
  }

  /** The next stamps are above `hlc`. */
  raise(hlc: string): void {
    this.clock = receiveHlc(this.clock, decodeHlc(hlc), this.clock.millis);
  }

  set(entity: string, rowId: string, field: string, value: unknown): void {
    this.clock = tickHlc(this.clock, this.clock.millis);
    this.rows.push({
      id: randomUUID(),
      deskId: SERVER_NODE,
      hlc: encodeHlc(this.clock),
      node: SERVER_NODE,
      entity,
      rowId,
      field,
      value: JSON.stringify(value),
      schemaVersion: SYNC_SCHEMA_VERSION,
      receivedAt: this.at,
    });
  }

  async flush(): Promise<void> {
    if (this.rows.length > 0) await this.tx.insert(syncMessages).values(this.rows);
    this.rows.length = 0;
  }
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
