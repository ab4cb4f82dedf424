import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { storeBlob } from '../../portal/documents/blobs.js';
import { pullMessages, pushMessages } from '../../portal/sync/hub.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { enrolledDesk, portalOn, rowsOf, STORE_KINDS } from '../helpers/portal-store.js';

/**
 * Erasure on the server (portal/sync/erasure.ts; docs/decisions.md « Effacement sur le serveur »):
 * a row a desk purged (its `_erased` mark) keeps its tombstone only if deleted, each field's latest
 * value if anonymised; a document's content goes with the last document that names it; rows no
 * purge marked keep everything; a retried chunk changes nothing; pull pages still follow.
 */
const NOW = new Date('2026-12-01T09:00:00Z');
let serial = 0;
let tick = 0;

/** One message from a desk's node, each later (by clock) than the one before unless `at` says when. */
function message(node: string, entity: string, rowId: string, field: string, value: unknown, at?: number): SyncMessage {
  const n = ++serial;
  return {
    id: `0192f0c4-7a1b-7c2d-8e3f-${n.toString(16).padStart(12, '0')}`,
    hlc: encodeHlc({ millis: NOW.getTime() - 3_600_000 + (at ?? ++tick) * 1000, counter: 0, node }),
    node,
    entity,
    rowId,
    field,
    value: JSON.stringify(value),
  };
}
const family = (node: string, rowId: string, name: string) => [
  message(node, 'families', rowId, 'dossier_number', 1000 + serial),
  message(node, 'families', rowId, 'family_name', name),
  message(node, 'families', rowId, 'city', 'Lyon'),
];
const guardian = (node: string, rowId: string, familyId: string, name: string) => [
  message(node, 'guardians', rowId, 'family_id', familyId),
  message(node, 'guardians', rowId, 'last_name', name),
  message(node, 'guardians', rowId, 'email', `${name.toLowerCase()}@exemple.fr`),
];
const document = (node: string, rowId: string, blob: string) => [
  message(node, 'documents', rowId, 'original_name', 'certificat.pdf'),
  message(node, 'documents', rowId, 'blob_sha256', blob),
];
const tombstone = (node: string, entity: string, rowId: string) => message(node, entity, rowId, '_deleted', true);
const mark = (node: string, entity: string, rowId: string) => message(node, entity, rowId, '_erased', true);
/** A purge's deletion: the tombstone, then the mark. */
const purged = (node: string, entity: string, rowId: string) => [tombstone(node, entity, rowId), mark(node, entity, rowId)];

describe.each(STORE_KINDS)('erasure on the server on $name', (kind) => {
  const portal = portalOn(kind, NOW);
  let a: string;
  let b: string;
  let c: string;
  beforeEach(async () => {
    await portal.store.db.execute(sql`TRUNCATE desks, sync_messages, document_blobs`);
    a = (await enrolledDesk(portal.store, 'Accueil 1', NOW)).deskId;
    b = (await enrolledDesk(portal.store, 'Régie', NOW)).deskId;
    c = (await enrolledDesk(portal.store, 'Nouveau poste', NOW)).deskId;
  });

  const push = (desk: string, messages: SyncMessage[], cursor = 0) => pushMessages(portal.store, desk, { schemaVersion: SYNC_SCHEMA_VERSION, cursor, messages }, NOW);
  const stored = async () =>
    rowsOf<{ id: string; entity: string; row_id: string; field: string; value: string | null }>(
      await portal.store.db.execute(sql`SELECT id, entity, row_id, field, value FROM sync_messages ORDER BY seq`),
    );
  const blobs = async () => rowsOf<{ sha256: string }>(await portal.store.db.execute(sql`SELECT sha256 FROM document_blobs ORDER BY sha256`)).map((r) => r.sha256);
  const content = async () => {
    const bytes = randomBytes(64);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await storeBlob(portal.store, { sha256, bytes, deskId: a, now: NOW });
    return sha256;
  };
  /** Everything a new desk's first sync receives. */
  const firstSync = async () => (await pullMessages(portal.store, c, { schemaVersion: SYNC_SCHEMA_VERSION, after: 0, limit: 5000 })).messages;

  it('a purged row keeps its tombstone and mark only: its earlier messages go, from every desk; the other rows stay', async () => {
    await push(a, [...family('aaaa', 'f1', 'Quintanilla'), ...guardian('aaaa', 'g1', 'f1', 'Quintanilla'), ...guardian('aaaa', 'g2', 'f1', 'Voisin')]);
    await push(b, [message('bbbb', 'guardians', 'g1', 'phone_mobile', '0611223344')]);
    const [dead, marked] = purged('aaaa', 'guardians', 'g1');
    await push(a, [dead!, marked!]);

    const left = await stored();
    expect(left.filter((m) => m.row_id === 'g1')).toEqual([
      { id: dead!.id, entity: 'guardians', row_id: 'g1', field: '_deleted', value: 'true' },
      { id: marked!.id, entity: 'guardians', row_id: 'g1', field: '_erased', value: 'true' },
    ]);
    expect(left.filter((m) => m.row_id === 'g2')).toHaveLength(3);
    expect(left.filter((m) => m.row_id === 'f1')).toHaveLength(3);
    expect((await firstSync()).filter((m) => m.rowId === 'g1').map((m) => m.field)).toEqual(['_deleted', '_erased']);
  });

  it('an anonymised row keeps each field’s latest value by clock, not by arrival: the anonymised name replaces the name', async () => {
    await push(a, family('aaaa', 'f1', 'Quintanilla'));
    // A desk offline since before sends its older edit of the name after the purge: it lost, it goes too.
    const late = message('bbbb', 'families', 'f1', 'family_name', 'Quintanilla-Martin', 1);
    const anonymised = message('aaaa', 'families', 'f1', 'family_name', 'Dossier purgé');
    await push(a, [anonymised, mark('aaaa', 'families', 'f1')]);
    await push(b, [late]);

    const left = await stored();
    expect(left.filter((m) => m.field === 'family_name').map((m) => m.id)).toEqual([anonymised.id]);
    expect(left.filter((m) => m.row_id === 'f1').map((m) => m.field)).toEqual(['dossier_number', 'city', 'family_name', '_erased']);
    expect(JSON.stringify(await firstSync())).not.toContain('Quintanilla');
    // Edited after the purge: the value from before the mark goes, those written since are history again.
    await push(a, [message('aaaa', 'families', 'f1', 'city', 'Paris'), message('aaaa', 'families', 'f1', 'city', 'Lille')]);
    expect((await stored()).filter((m) => m.field === 'city').map((m) => m.value)).toEqual(['"Paris"', '"Lille"']);
  });

  it('rows no purge marked keep every message: an ordinary deletion or edit erases nothing (the conflicts read their history)', async () => {
    await push(a, [...guardian('aaaa', 'g1', 'f1', 'Quintanilla'), message('aaaa', 'requests', 'r1', 'decided_at', '2026-11-30T10:00:00Z')]);
    await push(b, [message('bbbb', 'requests', 'r1', 'decided_at', '2026-11-30T11:00:00Z'), message('bbbb', 'guardians', 'g1', 'last_name', 'Voisin')]);
    await push(a, [tombstone('aaaa', 'guardians', 'g1')]);
    const left = await stored();
    expect(left.filter((m) => m.row_id === 'g1')).toHaveLength(5);
    expect(left.filter((m) => m.row_id === 'r1')).toHaveLength(2);
  });

  it('a content goes with the last document that names it, and stays while another one (any desk’s) still does', async () => {
    const shared = await content();
    const own = await content();
    await push(a, [...document('aaaa', 'd1', shared), ...document('aaaa', 'd2', own)]);
    await push(b, document('bbbb', 'd3', shared));
    expect(await blobs()).toEqual([shared, own].sort());

    await push(a, [...purged('aaaa', 'documents', 'd1'), ...purged('aaaa', 'documents', 'd2')]);
    expect(await blobs()).toEqual([shared]);
    await push(b, purged('bbbb', 'documents', 'd3'));
    expect(await blobs()).toEqual([]);
  });

  it('a purged document re-encrypted before takes both its contents; a document deleted without a purge keeps its own', async () => {
    const before = await content();
    const after = await content();
    const kept = await content();
    await push(a, [...document('aaaa', 'd1', before), ...document('aaaa', 'd2', kept)]);
    await push(b, [message('bbbb', 'documents', 'd1', 'blob_sha256', after)]);
    expect(await blobs()).toEqual([before, after, kept].sort());
    await push(a, [...purged('aaaa', 'documents', 'd1'), tombstone('aaaa', 'documents', 'd2')]);
    expect(await blobs()).toEqual([kept]);
  });

  it('a retried chunk of a deleted row’s messages, or another desk’s late edit of it, changes nothing', async () => {
    const chunk = [...family('aaaa', 'f1', 'Quintanilla'), ...guardian('aaaa', 'g1', 'f1', 'Quintanilla')];
    await push(a, chunk);
    await push(a, purged('aaaa', 'guardians', 'g1'));
    const before = await stored();

    // The desk did not hear the first answer and sends the chunk again (the guardian's ids are no longer known).
    await push(a, chunk);
    await push(b, [message('bbbb', 'guardians', 'g1', 'email', 'nouvelle@exemple.fr')]);
    expect(await stored()).toEqual(before);
    expect((await firstSync()).filter((m) => m.rowId === 'g1').map((m) => m.field)).toEqual(['_deleted', '_erased']);
  });

  it('pull pages follow through erased sequence numbers: a desk mid-way misses nothing it needs', async () => {
    await push(a, [...family('aaaa', 'f1', 'Quintanilla'), ...guardian('aaaa', 'g1', 'f1', 'Quintanilla'), ...guardian('aaaa', 'g2', 'f1', 'Voisin')]);
    const first = await pullMessages(portal.store, c, { schemaVersion: SYNC_SCHEMA_VERSION, after: 0, limit: 2 });
    expect(first.more).toBe(true);
    // Between two pages, A deletes the first guardian (whose messages come after the page).
    const [dead, marked] = purged('aaaa', 'guardians', 'g1');
    await push(a, [dead!, marked!]);

    const seen = [...first.messages];
    let page = first;
    while (page.more) {
      page = await pullMessages(portal.store, c, { schemaVersion: SYNC_SCHEMA_VERSION, after: page.cursor, limit: 2 });
      expect(page.latest).toBeGreaterThanOrEqual(page.cursor);
      seen.push(...page.messages);
    }
    expect(page.messages.at(-1)?.id).toBe(marked!.id);
    expect(seen.filter((m) => m.rowId === 'g1').map((m) => m.id)).toEqual([dead!.id, marked!.id]);
    expect(seen.filter((m) => m.rowId === 'g2')).toHaveLength(3);
    expect(await pullMessages(portal.store, c, { schemaVersion: SYNC_SCHEMA_VERSION, after: page.cursor, limit: 2 })).toEqual({ messages: [], cursor: page.cursor, more: false, latest: page.latest });
  });
});
