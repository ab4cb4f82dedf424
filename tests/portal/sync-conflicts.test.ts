import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enrolDesk } from '../../portal/desks/enrolment.js';
import type { PortalStore } from '../../portal/store/open.js';
import { pushMessages } from '../../portal/sync/hub.js';
import { conflictVersions } from '../../shared/contract/conflicts.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { rowsOf, STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

/**
 * Detection of business conflicts in the push transaction (portal/sync/conflicts.ts), on both
 * engines: concurrent means written by another desk beyond the pusher's cursor; what the pusher
 * had seen is no conflict; a dossier number given twice is renumbered by the server itself.
 */
const NOW = new Date('2026-12-01T09:00:00Z');
let serial = 0;

/** One row's fields as messages from `node`, clocked `offsetMs` before the server's now. */
function row(node: string, entity: string, rowId: string, fields: Record<string, unknown>, offsetMs = -60_000): SyncMessage[] {
  return Object.entries(fields).map(([field, value], i) => ({
    id: `0192f0c4-7a1b-7c2d-8e3f-${(++serial).toString(16).padStart(12, '0')}`,
    hlc: encodeHlc({ millis: NOW.getTime() + offsetMs, counter: i, node }),
    node,
    entity,
    rowId,
    field,
    value: JSON.stringify(value),
  }));
}

describe.each(STORE_KINDS)('business conflicts on $name', (kind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  let a: string;
  let b: string;
  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
  });
  afterAll(() => dispose());
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE desks, sync_messages`);
    a = (await enrolDesk(store, { name: 'Accueil 1', by: 'test', now: NOW })).desk.id;
    b = (await enrolDesk(store, { name: 'Régie', by: 'test', now: NOW })).desk.id;
  });

  const push = (desk: string, cursor: number, messages: SyncMessage[]) => pushMessages(store, desk, { schemaVersion: SYNC_SCHEMA_VERSION, cursor, messages }, NOW);
  const lastSeq = async () => rowsOf<{ n: number }>(await store.db.execute(sql`SELECT COALESCE(MAX(seq), 0)::int AS n FROM sync_messages`))[0]!.n;
  /** The conflicts as the desks will build them: the server's messages pivoted by row. */
  async function conflicts(): Promise<Record<string, Record<string, unknown>>> {
    const messages = rowsOf<{ row_id: string; field: string; value: string; node: string; desk_id: string }>(
      await store.db.execute(sql`SELECT row_id, field, value, node, desk_id FROM sync_messages WHERE entity = 'sync_conflicts' ORDER BY seq`),
    );
    const out: Record<string, Record<string, unknown>> = {};
    for (const m of messages) {
      expect(m).toMatchObject({ node: 'server', desk_id: 'server' });
      (out[m.row_id] ??= {})[m.field] = JSON.parse(m.value);
    }
    return out;
  }

  const decision = (node: string, status: string, by: string) =>
    row(node, 'requests', 'req-1', { status, decision: JSON.stringify({ decision: status === 'accepted' ? 'accept' : 'refuse', note: null }), decided_at: '2026-12-01T08:00:00.000Z', decided_by: by, letter_note: null }, -30_000);

  it('two decisions on one request: concurrent only beyond the pusher’s cursor, both versions kept', async () => {
    await push(a, 0, row('aaaa', 'requests', 'req-1', { family_id: 'fam-1', type: 'rhythm', status: 'received' }));
    const created = await lastSeq();
    await push(b, created, decision('bbbb', 'accepted', 'agent.b'));
    expect(await conflicts()).toEqual({});
    // A decides without having pulled B's decision: a conflict, with B's version first.
    await push(a, created, decision('aaaa', 'refused', 'agent.a'));
    const found = await conflicts();
    expect(Object.keys(found)).toEqual(['request_decision:req-1']);
    expect(found['request_decision:req-1']).toMatchObject({ kind: 'request_decision', entity: 'requests', row_id: 'req-1', resolved_at: null, chosen: null, detected_at: NOW.toISOString() });
    const versions = conflictVersions.parse(JSON.parse(found['request_decision:req-1']!.versions as string));
    expect(versions.map((v) => [v.deskName, v.rows[0]!.values.status, v.rows[0]!.values.decided_by])).toEqual([
      ['Régie', 'accepted', 'agent.b'],
      ['Accueil 1', 'refused', 'agent.a'],
    ]);
  });

  it('a decision made after pulling the other is no conflict (the desk saw it), nor is a push of other entities', async () => {
    await push(a, 0, row('aaaa', 'requests', 'req-1', { family_id: 'fam-1', type: 'rhythm', status: 'received' }));
    await push(b, await lastSeq(), decision('bbbb', 'accepted', 'agent.b'));
    await push(a, await lastSeq(), decision('aaaa', 'refused', 'agent.a'));
    const many = Array.from({ length: 1000 }, (_, i) => row('aaaa', 'guardians', `g-${i}`, { last_name: 'Martin' })[0]!);
    expect(await push(a, 0, many)).toMatchObject({ accepted: 1000 });
    expect(await conflicts()).toEqual({});
  });

  it('two desks keeping the same version of a decision conflict at once write the same decision: no new conflict, the resolution stands', async () => {
    await push(a, 0, row('aaaa', 'requests', 'req-1', { family_id: 'fam-1', type: 'rhythm', status: 'received' }));
    const created = await lastSeq();
    await push(b, created, decision('bbbb', 'accepted', 'agent.b'));
    await push(a, created, decision('aaaa', 'refused', 'agent.a'));
    const listed = await lastSeq();
    const id = 'request_decision:req-1';
    expect(Object.keys(await conflicts())).toEqual([id]);
    // Offline, both desks keep B's decision (version 0): each writes its values again, and the resolution (clocked after the conflict they pulled).
    const keep = (node: string, offsetMs: number) => [
      ...row(node, 'requests', 'req-1', { status: 'accepted', decision: JSON.stringify({ decision: 'accept', note: null }), decided_at: '2026-12-01T08:00:00.000Z', decided_by: 'agent.b', letter_note: null }, offsetMs),
      ...row(node, 'sync_conflicts', id, { resolved_at: '2026-12-01T08:55:00.000Z', resolved_by: `agent.${node[0]}`, chosen: 0 }, offsetMs),
    ];
    await push(b, listed, keep('bbbb', 1_000));
    await push(a, listed, keep('aaaa', 2_000));
    expect(rowsOf(await store.db.execute(sql`SELECT field, value FROM sync_messages WHERE node = 'server' AND seq > ${listed}`))).toEqual([]);
    const latest = rowsOf<{ node: string; value: string }>(
      await store.db.execute(sql`SELECT node, value FROM sync_messages WHERE entity = 'sync_conflicts' AND row_id = ${id} AND field = 'resolved_at' ORDER BY hlc DESC LIMIT 1`),
    );
    expect(latest).toEqual([{ node: 'aaaa', value: '"2026-12-01T08:55:00.000Z"' }]);
  });

  it('two desks keeping different versions of one conflict at once: the server lists it again, newer than both choices; a choice made after pulling the other is no clash', async () => {
    await push(a, 0, row('aaaa', 'requests', 'req-1', { family_id: 'fam-1', type: 'rhythm', status: 'received' }));
    const created = await lastSeq();
    await push(b, created, decision('bbbb', 'accepted', 'agent.b'));
    await push(a, created, decision('aaaa', 'refused', 'agent.a'));
    const listed = await lastSeq();
    const id = 'request_decision:req-1';
    const choose = (node: string, chosen: number, offsetMs: number) => row(node, 'sync_conflicts', id, { resolved_at: '2026-12-01T08:55:00.000Z', resolved_by: `agent.${node[0]}`, chosen }, offsetMs);
    const fromServer = async (after: number) =>
      rowsOf<{ field: string; value: string; hlc: string }>(await store.db.execute(sql`SELECT field, value, hlc FROM sync_messages WHERE node = 'server' AND seq > ${after} ORDER BY seq`));
    await push(b, listed, choose('bbbb', 0, 1_000));
    expect(await fromServer(listed)).toEqual([]);
    await push(a, listed, choose('aaaa', 1, 2_000));
    const reopened = await fromServer(listed);
    expect(reopened.map((m) => [m.field, m.value])).toEqual([
      ['resolved_at', 'null'],
      ['resolved_by', 'null'],
      ['chosen', 'null'],
    ]);
    const latestChoice = rowsOf<{ hlc: string }>(await store.db.execute(sql`SELECT max(hlc) AS hlc FROM sync_messages WHERE entity = 'sync_conflicts' AND node <> 'server'`))[0]!.hlc;
    expect(reopened.every((m) => m.hlc > latestChoice)).toBe(true);
    // Chosen again on B, after pulling all that: settled.
    const settled = await lastSeq();
    await push(b, settled, choose('bbbb', 1, 60_000));
    expect(await fromServer(settled)).toEqual([]);
  });

  it('allocations to one invoice beyond its total from two desks: a conflict; within the total, none', async () => {
    await push(a, 0, row('aaaa', 'invoices', 'inv-1', { number: 'F2026-000001', total_cents: 10_000 }));
    const issued = await lastSeq();
    await push(a, issued, row('aaaa', 'payment_allocations', 'al-a', { payment_id: 'pay-a', invoice_id: 'inv-1', amount_cents: 6_000, created_at: '2026-12-01T08:00:00.000Z', released_at: null }));
    await push(b, issued, row('bbbb', 'payment_allocations', 'al-b1', { payment_id: 'pay-b', invoice_id: 'inv-1', amount_cents: 4_000, created_at: '2026-12-01T08:01:00.000Z', released_at: null }));
    expect(await conflicts()).toEqual({});
    await push(b, issued, row('bbbb', 'payment_allocations', 'al-b2', { payment_id: 'pay-b2', invoice_id: 'inv-1', amount_cents: 500, created_at: '2026-12-01T08:02:00.000Z', released_at: null }));
    const found = await conflicts();
    const versions = conflictVersions.parse(JSON.parse(found['allocation_overrun:inv-1']!.versions as string));
    expect(versions.map((v) => [v.deskName, v.rows.map((r) => [r.rowId, r.values.amount_cents])])).toEqual([
      ['Accueil 1', [['al-a', 6_000]]],
      ['Régie', [['al-b1', 4_000], ['al-b2', 500]]],
    ]);
    // Released on a desk (the conflict resolved): pushing it finds nothing more.
    const before = JSON.stringify(await conflicts());
    await push(a, await lastSeq(), row('aaaa', 'payment_allocations', 'al-a', { released_at: '2026-12-01T08:30:00.000Z' }, -30_000));
    expect(JSON.stringify(await conflicts())).toBe(before);
  });

  it('one child in two families from two desks (names compared without case or accents), not within one family', async () => {
    const child = (node: string, id: string, family: string, last: string, first: string) =>
      row(node, 'children', id, { family_id: family, last_name: last, first_name: first, birth_date: '2018-05-04' });
    await push(a, 0, [...row('aaaa', 'families', 'fam-a', { dossier_number: 1, family_name: 'Durand', created_at: '2026-12-01T08:00:00.000Z' }), ...child('aaaa', 'ch-a', 'fam-a', 'Durand', 'Zoé')]);
    await push(b, 0, child('bbbb', 'ch-same-family', 'fam-a', 'DURAND', 'Zoe'));
    expect(Object.keys(await conflicts())).toEqual([]);
    await push(b, 0, [...row('bbbb', 'families', 'fam-b', { dossier_number: 2, family_name: 'Durand-Petit', created_at: '2026-12-01T08:05:00.000Z' }), ...child('bbbb', 'ch-b', 'fam-b', 'durand', 'ZOÉ')]);
    const found = await conflicts();
    const versions = conflictVersions.parse(JSON.parse(found['duplicate_child:ch-a']!.versions as string));
    expect(versions.map((v) => [v.deskName, v.rows[0]!.rowId, v.rows[0]!.values.dossier_number, v.rows[0]!.values.family_name])).toEqual([
      ['Accueil 1', 'ch-a', 1, 'Durand'],
      ['Régie', 'ch-b', 2, 'Durand-Petit'],
    ]);
  });

  it('a dossier number already held: the incoming family gets the next free one, from the server, newer than the desk’s', async () => {
    await push(a, 0, row('aaaa', 'families', 'fam-a', { dossier_number: 41, family_name: 'Martin' }));
    await push(a, 0, row('aaaa', 'families', 'fam-old', { dossier_number: 57, family_name: 'Bernard' }));
    await push(b, 0, row('bbbb', 'families', 'fam-b', { dossier_number: 41, family_name: 'Petit' }));
    const renumbered = rowsOf<{ value: string; hlc: string; node: string }>(
      await store.db.execute(sql`SELECT value, hlc, node FROM sync_messages WHERE entity = 'families' AND row_id = 'fam-b' AND field = 'dossier_number' ORDER BY hlc DESC`),
    );
    expect(renumbered.map((m) => [m.node, m.value])).toEqual([
      ['server', '58'],
      ['bbbb', '41'],
    ]);
    expect(renumbered[0]!.hlc > renumbered[1]!.hlc).toBe(true);
    const found = await conflicts();
    const versions = conflictVersions.parse(JSON.parse(found['dossier_number:fam-b']!.versions as string));
    expect(versions.map((v) => v.rows[0]!.values)).toEqual([
      { dossier_number: 41, family_name: 'Martin' },
      { dossier_number: 58, previous_number: 41, family_name: 'Petit' },
    ]);
    // The family's own number pushed again (a retried chunk, another field) is no clash.
    await push(b, 0, row('bbbb', 'families', 'fam-b', { family_name: 'Petit-Martin' }));
    expect(Object.keys(await conflicts())).toEqual(['dossier_number:fam-b']);
  });

  it('a guardian at a rank another desk’s live guardian holds: set aside by the server (tombstone), both versions kept, the payer given back', async () => {
    const guardian = (node: string, id: string, values: Record<string, unknown>, offsetMs?: number) =>
      row(node, 'guardians', id, { family_id: 'fam-1', last_name: 'Durand', phone_mobile: null, email: null, updated_at: '2026-12-01T08:00:00.000Z', ...values }, offsetMs);
    await push(a, 0, [
      ...row('aaaa', 'families', 'fam-1', { dossier_number: 7, family_name: 'Durand' }),
      ...guardian('aaaa', 'g-1', { rank: 1, first_name: 'Élodie', is_payer: true }),
    ]);
    const shared = await lastSeq();
    // Offline, each desk adds a rank-2 guardian; B makes its own the payer (Élodie no longer is).
    await push(a, shared, guardian('aaaa', 'g-a', { rank: 2, first_name: 'Jean', is_payer: false, phone_mobile: '06 11 22 33 44' }, -30_000));
    const beforeB = await lastSeq();
    await push(b, shared, [...guardian('bbbb', 'g-b', { rank: 2, first_name: 'Paul', is_payer: true, email: 'paul@example.fr' }, -20_000), ...row('bbbb', 'guardians', 'g-1', { is_payer: false }, -20_000)]);
    const fromServer = rowsOf<{ row_id: string; field: string; value: string; hlc: string }>(
      await store.db.execute(sql`SELECT row_id, field, value, hlc FROM sync_messages WHERE entity = 'guardians' AND node = 'server' AND seq > ${beforeB} ORDER BY seq`),
    );
    expect(fromServer.map((m) => [m.row_id, m.field, m.value])).toEqual([
      ['g-b', '_deleted', 'true'],
      ['g-1', 'is_payer', 'true'],
    ]);
    const latestOfB = rowsOf<{ hlc: string }>(await store.db.execute(sql`SELECT max(hlc) AS hlc FROM sync_messages WHERE desk_id = ${b}`))[0]!.hlc;
    expect(fromServer.every((m) => m.hlc > latestOfB)).toBe(true);
    const found = await conflicts();
    expect(Object.keys(found)).toEqual(['guardian_rank:g-b']);
    expect(found['guardian_rank:g-b']).toMatchObject({ kind: 'guardian_rank', entity: 'guardians', row_id: 'g-b', resolved_at: null });
    const versions = conflictVersions.parse(JSON.parse(found['guardian_rank:g-b']!.versions as string));
    expect(versions.map((v) => [v.deskName, v.at, v.rows[0]!.rowId])).toEqual([
      ['Accueil 1', '2026-12-01T08:00:00.000Z', 'g-a'],
      ['Régie', '2026-12-01T08:00:00.000Z', 'g-b'],
    ]);
    expect(versions[0]!.rows[0]!.values).toMatchObject({ family_id: 'fam-1', rank: 2, first_name: 'Jean', last_name: 'Durand', is_payer: false, phone_mobile: '06 11 22 33 44', family_name: 'Durand', dossier_number: 7 });
    expect(versions[1]!.rows[0]!.values).toMatchObject({ family_id: 'fam-1', rank: 2, first_name: 'Paul', is_payer: true, email: 'paul@example.fr', payer_given_to: 'g-1', family_name: 'Durand' });

    // The guardian set aside, pushed again (an edit made before B pulled): no second conflict, no second tombstone.
    const settled = await lastSeq();
    await push(b, shared, guardian('bbbb', 'g-b', { rank: 2 }, -10_000));
    expect(rowsOf(await store.db.execute(sql`SELECT 1 FROM sync_messages WHERE node = 'server' AND seq > ${settled}`))).toEqual([]);
    // Another rank, another family, or a rank freed by a removal: no clash.
    await push(b, await lastSeq(), [
      ...row('bbbb', 'families', 'fam-2', { dossier_number: 8, family_name: 'Petit' }),
      ...row('bbbb', 'guardians', 'g-c', { family_id: 'fam-2', rank: 2, first_name: 'Léa', last_name: 'Petit', is_payer: true }),
    ]);
    await push(a, await lastSeq(), [...row('aaaa', 'guardians', 'g-a', { _deleted: true }, -5_000), ...guardian('aaaa', 'g-d', { rank: 2, first_name: 'Marc', is_payer: false }, -5_000)]);
    expect(Object.keys(await conflicts())).toEqual(['guardian_rank:g-b']);
  });

  describe('the same days refunded by two requests of one child (refund_overlap)', () => {
    const credit = (node: string, id: string, child: string, days: string[], offsetMs: number) =>
      row(node, 'pending_credits', id, { family_id: 'fam-1', child_id: child, kind: 'refund_credit', days: JSON.stringify(days), unit_price_cents: 700, amount_cents: -700 * days.length, reason: 'Remboursement maladie', created_at: '2026-12-01T08:00:00.000Z', applied_invoice_id: null }, offsetMs);
    const decided = (node: string, requestId: string, creditIds: string[], by: string, offsetMs: number, at = '2026-12-01T08:10:00.000Z') =>
      row(node, 'requests', requestId, { status: 'accepted', decision: JSON.stringify({ decision: 'accept', verdict: { eligible: true }, pendingCreditIds: creditIds, note: null }), decided_at: at, decided_by: by, letter_note: null }, offsetMs);
    /** An accepted refund as a desk writes it: its pending credit, then the request's decision. */
    const refund = (node: string, requestId: string, creditId: string, child: string, days: string[], by: string, offsetMs: number) => [
      ...credit(node, creditId, child, days, offsetMs),
      ...decided(node, requestId, [creditId], by, offsetMs + 100),
    ];
    const versionsOf = async (id: string) => conflictVersions.parse(JSON.parse((await conflicts())[id]!.versions as string));

    it('two desks accept, offline, two requests of one child whose days overlap: both decisions kept; other days, another child or the same request are not this conflict', async () => {
      await push(a, 0, refund('aaaa', 'req-1', 'c-a', 'ch-1', ['2026-11-09', '2026-11-10', '2026-11-12'], 'agent.a', -50_000));
      // B had not pulled A's decision: another child, then days of the same child that A did not refund.
      await push(b, 0, refund('bbbb', 'req-2', 'c-b1', 'ch-2', ['2026-11-10', '2026-11-12', '2026-11-13'], 'agent.b', -40_000));
      await push(b, 0, refund('bbbb', 'req-3', 'c-b2', 'ch-1', ['2026-11-16', '2026-11-17', '2026-11-19'], 'agent.b', -39_000));
      expect(await conflicts()).toEqual({});
      // The same request accepted on B too: two decisions on one request, not two requests.
      await push(b, 0, refund('bbbb', 'req-1', 'c-b3', 'ch-1', ['2026-11-09', '2026-11-10', '2026-11-12'], 'agent.b', -38_000));
      expect(Object.keys(await conflicts())).toEqual(['request_decision:req-1']);

      await push(b, 0, refund('bbbb', 'req-4', 'c-b4', 'ch-1', ['2026-11-10', '2026-11-12', '2026-11-13'], 'agent.b', -30_000));
      const found = await conflicts();
      expect(Object.keys(found).sort()).toEqual(['refund_overlap:req-4', 'request_decision:req-1']);
      expect(found['refund_overlap:req-4']).toMatchObject({ kind: 'refund_overlap', entity: 'requests', row_id: 'req-4', resolved_at: null, chosen: null });
      const versions = await versionsOf('refund_overlap:req-4');
      expect(versions.map((v) => [v.deskName, v.at, v.rows[0]!.rowId, v.rows[0]!.values])).toEqual([
        ['Accueil 1', '2026-12-01T08:10:00.000Z', 'req-1', { child_id: 'ch-1', decided_at: '2026-12-01T08:10:00.000Z', decided_by: 'agent.a', refunded_days: ['2026-11-09', '2026-11-10', '2026-11-12'], pending_credit_ids: ['c-a'] }],
        ['Régie', '2026-12-01T08:10:00.000Z', 'req-4', { child_id: 'ch-1', decided_at: '2026-12-01T08:10:00.000Z', decided_by: 'agent.b', refunded_days: ['2026-11-10', '2026-11-12', '2026-11-13'], pending_credit_ids: ['c-b4'] }],
      ]);
    });

    it('the overlap is the proof: found even when the pusher’s cursor is past the other decision (decided between a push and a pull), and when a decision follows its credits in a later chunk', async () => {
      await push(a, 0, refund('aaaa', 'req-1', 'c-a', 'ch-1', ['2026-11-09', '2026-11-10'], 'agent.a', -50_000));
      await push(b, await lastSeq(), refund('bbbb', 'req-2', 'c-b', 'ch-1', ['2026-11-10', '2026-11-12'], 'agent.b', -40_000));
      expect(Object.keys(await conflicts())).toEqual(['refund_overlap:req-2']);
      // A's credits arrive before their decision (a push cut in two chunks): B's decision meanwhile finds nothing to name yet.
      await push(a, 0, credit('aaaa', 'c-a2', 'ch-3', ['2026-11-16', '2026-11-17'], -30_000));
      await push(b, 0, refund('bbbb', 'req-4', 'c-b2', 'ch-3', ['2026-11-17', '2026-11-18'], 'agent.b', -20_000));
      expect(Object.keys(await conflicts())).toEqual(['refund_overlap:req-2']);
      await push(a, 0, decided('aaaa', 'req-3', ['c-a2'], 'agent.a', -29_000));
      expect(Object.keys(await conflicts()).sort()).toEqual(['refund_overlap:req-2', 'refund_overlap:req-3']);
      expect((await versionsOf('refund_overlap:req-3')).map((v) => [v.deskName, v.rows[0]!.rowId])).toEqual([
        ['Régie', 'req-4'],
        ['Accueil 1', 'req-3'],
      ]);
    });

    it('a desk rewriting another’s decision (a resolution), a request reopened, a refusal, or a credit withdrawn start nothing', async () => {
      await push(a, 0, refund('aaaa', 'req-1', 'c-a', 'ch-1', ['2026-11-09', '2026-11-10'], 'agent.a', -50_000));
      await push(b, 0, refund('bbbb', 'req-2', 'c-b', 'ch-1', ['2026-11-10', '2026-11-12'], 'agent.b', -40_000));
      const settled = await lastSeq();
      // B keeps A's decision (its values written again by B), and reopens its own request, its credit withdrawn.
      await push(b, settled, [
        ...decided('bbbb', 'req-1', ['c-a'], 'agent.a', -10_000),
        ...row('bbbb', 'pending_credits', 'c-b', { _deleted: true }, -10_000),
        ...row('bbbb', 'requests', 'req-2', { status: 'in_review', decision: null, decided_at: null, decided_by: null }, -10_000),
      ]);
      expect(rowsOf(await store.db.execute(sql`SELECT 1 FROM sync_messages WHERE node = 'server' AND seq > ${settled}`))).toEqual([]);
      // A refusal names no credit; a new refund of the days of a withdrawn credit is no overlap.
      await push(a, 0, row('aaaa', 'requests', 'req-5', { status: 'refused', decision: JSON.stringify({ decision: 'refuse', verdict: { eligible: false }, failedChecks: [], note: null }) }, -5_000));
      await push(a, 0, refund('aaaa', 'req-6', 'c-a6', 'ch-1', ['2026-11-12', '2026-11-13'], 'agent.a', -4_000));
      expect(rowsOf(await store.db.execute(sql`SELECT 1 FROM sync_messages WHERE node = 'server' AND seq > ${settled}`))).toEqual([]);
    });
  });

  it('the change of payer in a later chunk than the guardian set aside: the payer is given back then', async () => {
    await push(a, 0, [
      ...row('aaaa', 'families', 'fam-1', { dossier_number: 7, family_name: 'Durand' }),
      ...row('aaaa', 'guardians', 'g-1', { family_id: 'fam-1', rank: 1, first_name: 'Élodie', last_name: 'Durand', is_payer: true }),
      ...row('aaaa', 'guardians', 'g-a', { family_id: 'fam-1', rank: 2, first_name: 'Jean', last_name: 'Durand', is_payer: false }, -30_000),
    ]);
    await push(b, 0, row('bbbb', 'guardians', 'g-b', { family_id: 'fam-1', rank: 2, first_name: 'Paul', last_name: 'Durand', is_payer: true }, -20_000));
    const serverWrites = async () =>
      rowsOf<{ row_id: string; field: string; value: string }>(await store.db.execute(sql`SELECT row_id, field, value FROM sync_messages WHERE entity = 'guardians' AND node = 'server' ORDER BY seq`)).map((m) => [m.row_id, m.field, m.value]);
    // Élodie is still the payer on the server: nothing to give back yet.
    expect(await serverWrites()).toEqual([['g-b', '_deleted', 'true']]);
    await push(b, 0, row('bbbb', 'guardians', 'g-1', { is_payer: false }, -19_000));
    expect(await serverWrites()).toEqual([
      ['g-b', '_deleted', 'true'],
      ['g-1', 'is_payer', 'true'],
    ]);
    // A payer moved on a desk afterwards (true before false, as the desk writes it) is left alone.
    await push(a, await lastSeq(), [...row('aaaa', 'guardians', 'g-a', { is_payer: true }, -1_000), ...row('aaaa', 'guardians', 'g-1', { is_payer: false }, -1_000)]);
    expect(await serverWrites()).toHaveLength(2);
  });
});
