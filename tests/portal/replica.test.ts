import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { pushMessages } from '../../portal/sync/hub.js';
import { replicaRows } from '../../portal/store/schema.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { enrolledDesk, portalOn, STORE_KINDS } from '../helpers/portal-store.js';

/**
 * The server's copy of the desks' rows (portal/sync/replica.ts), which the family pages read: it
 * is always what every desk holds after merging the same messages — per field, the latest clock
 * wins, whatever order the chunks came in; a deleted row keeps only its tombstone; the server's
 * own messages (a renumbered dossier) and a purge's erasure are in it too.
 */
const NOW = new Date('2026-12-01T09:00:00Z');
let serial = 0;

function message(node: string, entity: string, rowId: string, field: string, value: unknown, second: number, counter = 0): SyncMessage {
  const n = ++serial;
  return {
    id: `0192f0c4-7a1b-7c2d-8e3f-${n.toString(16).padStart(12, '0')}`,
    hlc: encodeHlc({ millis: NOW.getTime() - 3_600_000 + second * 1000, counter, node }),
    node,
    entity,
    rowId,
    field,
    value: JSON.stringify(value),
  };
}

/** What a desk holds after applying `messages`: per row and field, the value of the latest clock. */
function merged(messages: SyncMessage[]): Record<string, Record<string, unknown>> {
  const best = new Map<string, { hlc: string; value: unknown }>();
  for (const m of messages) {
    const key = `${m.entity}/${m.rowId}\u0000${m.field}`;
    const held = best.get(key);
    if (!held || held.hlc < m.hlc) best.set(key, { hlc: m.hlc, value: JSON.parse(m.value!) });
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, { value }] of best) {
    const [row, field] = key.split('\u0000') as [string, string];
    (out[row] ??= {})[field] = value;
  }
  for (const row of Object.values(out)) if (row._deleted === true) for (const field of Object.keys(row)) if (field !== '_deleted') delete row[field];
  return out;
}

describe.each(STORE_KINDS)('the rows’ copy on $name', (kind) => {
  const portal = portalOn(kind, NOW);
  let desks: string[] = [];
  beforeEach(async () => {
    await portal.store.db.execute(sql`TRUNCATE desks, sync_messages, replica_rows`);
    desks = [(await enrolledDesk(portal.store, 'Accueil 1', NOW)).deskId, (await enrolledDesk(portal.store, 'Régie', NOW)).deskId];
  });
  const push = (desk: string, messages: SyncMessage[]) => pushMessages(portal.store, desk, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages }, NOW);
  const replica = async () => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const r of await portal.store.db.select().from(replicaRows)) out[`${r.entity}/${r.rowId}`] = r.data;
    return out;
  };

  it('is what every desk merges, whatever the order of the chunks (property)', async () => {
    const fields = ['family_name', 'city', 'notes'];
    const edit = fc.record({
      desk: fc.constantFrom(0, 1),
      row: fc.constantFrom('f1', 'f2', 'f3'),
      field: fc.constantFrom(...fields, '_deleted'),
      value: fc.constantFrom('Martin', 'Durand', 'Paris', 'Lyon', null),
      second: fc.integer({ min: 0, max: 30 }),
      counter: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 25 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }), async (edits, cuts) => {
        await portal.store.db.execute(sql`TRUNCATE sync_messages, replica_rows`);
        const nodes = ['aaaa', 'bbbb'];
        const messages = edits.map((e) => message(nodes[e.desk]!, 'families', e.row, e.field, e.field === '_deleted' ? true : e.value, e.second, e.counter));
        // Chunks of varying size, each from one desk, in the order drawn.
        for (let i = 0, c = 0; i < messages.length; c++) {
          const size = cuts[c % cuts.length]!;
          const chunk = messages.slice(i, i + size);
          i += size;
          for (const desk of [0, 1]) {
            const own = chunk.filter((m) => m.node === nodes[desk]);
            if (own.length > 0) await push(desks[desk]!, own);
          }
        }
        expect(await replica()).toEqual(merged(messages));
      }),
      { numRuns: 25 },
    );
  });

  it('holds the server’s own messages: a dossier number given twice is renumbered in it', async () => {
    await push(desks[0]!, [message('aaaa', 'families', 'f1', 'dossier_number', 40945, 1), message('aaaa', 'families', 'f1', 'family_name', 'Martin', 1)]);
    await push(desks[1]!, [message('bbbb', 'families', 'f2', 'dossier_number', 40945, 2), message('bbbb', 'families', 'f2', 'family_name', 'Durand', 2)]);
    const rows = await replica();
    expect(rows['families/f1']).toMatchObject({ dossier_number: 40945 });
    expect(rows['families/f2']).toMatchObject({ dossier_number: 40946, family_name: 'Durand' });
    expect(Object.keys(rows).filter((k) => k.startsWith('sync_conflicts/'))).toHaveLength(1);
  });

  it('forgets what a purge erased: an anonymised row keeps its new values, a deleted one its tombstone', async () => {
    await push(desks[0]!, [
      message('aaaa', 'guardians', 'g1', 'last_name', 'Martin', 1),
      message('aaaa', 'guardians', 'g1', 'email', 'martin@exemple.fr', 1),
      message('aaaa', 'families', 'f1', 'family_name', 'Martin', 1),
    ]);
    await push(desks[1]!, [
      message('bbbb', 'guardians', 'g1', 'last_name', 'Anonyme', 5),
      message('bbbb', 'guardians', 'g1', 'email', null, 5),
      message('bbbb', 'guardians', 'g1', '_erased', true, 5, 1),
      message('bbbb', 'families', 'f1', '_deleted', true, 5),
      message('bbbb', 'families', 'f1', '_erased', true, 5, 1),
    ]);
    const rows = await replica();
    expect(rows['guardians/g1']).toEqual({ last_name: 'Anonyme', email: null, _erased: true });
    expect(rows['families/f1']).toEqual({ _deleted: true, _erased: true });
  });

  it('refuses a message whose value is not JSON, and stores nothing of its chunk', async () => {
    const bad = { ...message('aaaa', 'families', 'f1', 'family_name', 'x', 1), value: 'Martin' };
    await expect(push(desks[0]!, [message('aaaa', 'families', 'f1', 'city', 'Paris', 1), bad])).rejects.toThrow();
    expect(await replica()).toEqual({});
  });
});
