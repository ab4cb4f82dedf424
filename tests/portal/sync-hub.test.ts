import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { enrolDesk, redeemEnrolmentCode, revokeDesk } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { openPortalStore, type PortalStore } from '../../portal/store/open.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { enrolledDesk, portalOn, rowsOf, STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

const NOW = new Date('2026-12-01T09:00:00Z');
let serial = 0;

/** `count` messages from a desk's node, clocked `offsetMs` from the server's now. */
function messages(node: string, count: number, offsetMs = 0): SyncMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const n = ++serial;
    return {
      id: `0192f0c4-7a1b-7c2d-8e3f-${n.toString(16).padStart(12, '0')}`,
      hlc: encodeHlc({ millis: NOW.getTime() + offsetMs, counter: i, node }),
      node,
      entity: 'families',
      rowId: `family-${n}`,
      field: 'family_name',
      value: JSON.stringify(`Famille ${n}`),
    };
  });
}

describe.each(STORE_KINDS)('the sync hub on $name', (kind) => {
  const portal = portalOn(kind, NOW);
  let a: string;
  let b: string;
  beforeEach(async () => {
    await portal.store.db.execute(sql`TRUNCATE desks, sync_messages`);
    a = await enrolled('Accueil 1');
    b = await enrolled('Régie');
  });

  const enrolled = async (name: string) => (await enrolledDesk(portal.store, name, NOW)).credential;
  const push = (credential: string, body: unknown) =>
    portal.app.inject({ method: 'POST', url: '/sync/push', headers: { authorization: `Bearer ${credential}` }, payload: body as object });
  const pull = (credential: string, after = 0, limit = 1000) =>
    portal.app.inject({ method: 'GET', url: `/sync/pull?schemaVersion=${SYNC_SCHEMA_VERSION}&after=${after}&limit=${limit}`, headers: { authorization: `Bearer ${credential}` } });
  const stored = async () => rowsOf<{ n: number }>(await portal.store.db.execute(sql`SELECT COUNT(*)::int AS n FROM sync_messages`))[0]!.n;

  it('stores a push once: a retried chunk changes nothing; the other desk pulls it in pages, the sender never gets its own', async () => {
    const chunk = messages('aaaa', 25);
    expect((await push(a, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: chunk })).json()).toEqual({ accepted: 25, duplicates: 0, serverTime: NOW.toISOString() });
    expect((await push(a, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: chunk })).json()).toMatchObject({ accepted: 0, duplicates: 25 });
    expect(await stored()).toBe(25);
    await push(b, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('bbbb', 3) });

    const seen: string[] = [];
    const latest = new Set<number>();
    let cursor = 0;
    for (let page = 0; page < 10; page++) {
      const body = (await pull(b, cursor, 10)).json<{ messages: SyncMessage[]; cursor: number; more: boolean; latest: number }>();
      seen.push(...body.messages.map((m) => m.id));
      latest.add(body.latest);
      cursor = body.cursor;
      if (!body.more) break;
    }
    expect(seen).toEqual(chunk.map((m) => m.id));
    // Every page tells the same end of the sequence (B's own messages, last, are past A's): the desk's progress.
    const [end] = [...latest];
    expect(latest.size).toBe(1);
    expect(end).toBeGreaterThan(cursor);
    expect((await pull(b, cursor)).json()).toEqual({ messages: [], cursor, more: false, latest: end });
    const own = (await pull(a)).json<{ messages: SyncMessage[] }>();
    expect(own.messages.map((m) => m.node)).toEqual(['bbbb', 'bbbb', 'bbbb']);
  });

  it.each([
    ['a clock 6 minutes ahead', () => ({ schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('aaaa', 2, 6 * 60_000) }), 400, 'L’horloge de ce poste avance de 6\u00a0minutes'],
    ['a newer desk', () => ({ schemaVersion: SYNC_SCHEMA_VERSION + 1, cursor: 0, messages: messages('aaaa', 1) }), 409, 'plus récente que le serveur'],
    ['an older desk', () => ({ schemaVersion: SYNC_SCHEMA_VERSION - 1, cursor: 0, messages: messages('aaaa', 1) }), 409, 'doit être mis à jour'],
    ['an unknown field', () => ({ schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: [...messages('aaaa', 1), { ...messages('aaaa', 1)[0]!, field: 'mot_de_passe' }] }), 400, 'Champ inconnu du serveur'],
    ['too many messages', () => ({ schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('aaaa', 1001) }), 400, '1000 messages au plus'],
    ['a body over 1 MiB', () => ({ schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('aaaa', 8).map((m) => ({ ...m, value: JSON.stringify('x'.repeat(150_000)) })) }), 413, 'trop volumineuse'],
  ])('refuses %s with a French 4xx and stores nothing', async (_label, body, status, message) => {
    const res = await push(a, body());
    expect(res.statusCode).toBe(status);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(message);
    expect(await stored()).toBe(0);
  });

  it.each([
    ['an older desk', `schemaVersion=${SYNC_SCHEMA_VERSION - 1}&`, 'doit être mis à jour'],
    ['a desk from before the version was sent', '', 'doit être mis à jour'],
    ['a newer desk', `schemaVersion=${SYNC_SCHEMA_VERSION + 1}&`, 'plus récente que le serveur'],
  ])('refuses a pull from %s with a French 409, even with nothing to push', async (_label, version, message) => {
    await push(b, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('bbbb', 2) });
    const res = await portal.app.inject({ method: 'GET', url: `/sync/pull?${version}after=0`, headers: { authorization: `Bearer ${a}` } });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(message);
  });

  it('a clock 5 minutes ahead is still accepted', async () => {
    expect((await push(a, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('aaaa', 1, 5 * 60_000) })).statusCode).toBe(200);
  });

  it('refuses an unauthenticated or revoked desk, which keeps nothing on the server', async () => {
    const none = await portal.app.inject({ method: 'GET', url: '/sync/pull' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: { message: expect.stringContaining('enrôlez-le') as string } });
    expect((await pull('z'.repeat(43))).statusCode).toBe(401);
    await revokeDesk(portal.store, 'Régie', NOW);
    const revoked = await push(b, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: messages('bbbb', 1) });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json()).toMatchObject({ error: { message: expect.stringContaining('révoqué') as string } });
    expect(await stored()).toBe(0);
  });
});

describe('two portal processes on one PostgreSQL', () => {
  it('act as one server: desks pushing and pulling through either see the same messages, once', async () => {
    const { store, dispose } = await tempPortalStore(STORE_KINDS[1]!);
    const second = await openPortalStore({ databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema: await currentSchema(store) });
    const one = buildPortal({ store, now: () => NOW, logLevel: false });
    const two = buildPortal({ store: second, now: () => NOW, logLevel: false });
    try {
      const { code } = await enrolDesk(store, { name: 'A', by: 'test', now: NOW });
      const enrolled = await two.inject({ method: 'POST', url: '/sync/enrol', payload: { code } });
      const a = enrolled.json<{ credential: string }>().credential;
      const { code: codeB } = await enrolDesk(second, { name: 'B', by: 'test', now: NOW });
      const b = (await redeemEnrolmentCode(store, codeB, NOW)).credential;
      const chunks = [messages('aaaa', 40), messages('aaaa', 40), messages('aaaa', 40)];
      const servers = [one, two];
      // Concurrent pushes through both processes, then a retry of the first through the other.
      await Promise.all(chunks.map((messages, i) => servers[i % 2]!.inject({ method: 'POST', url: '/sync/push', headers: { authorization: `Bearer ${a}` }, payload: { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages } })));
      const retry = await two.inject({ method: 'POST', url: '/sync/push', headers: { authorization: `Bearer ${a}` }, payload: { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: chunks[0] } });
      expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 40 });
      const ids: string[] = [];
      let cursor = 0;
      for (let i = 0; i < 20; i++) {
        const res = await servers[i % 2]!.inject({ method: 'GET', url: `/sync/pull?schemaVersion=${SYNC_SCHEMA_VERSION}&after=${cursor}&limit=7`, headers: { authorization: `Bearer ${b}` } });
        const body = res.json<{ messages: SyncMessage[]; cursor: number; more: boolean }>();
        ids.push(...body.messages.map((m) => m.id));
        cursor = body.cursor;
        if (!body.more) break;
      }
      expect(new Set(ids).size).toBe(120);
      expect(ids.length).toBe(120);
    } finally {
      await one.close();
      await two.close();
      await second.close();
      await dispose();
    }
  });
});

async function currentSchema(store: PortalStore): Promise<string> {
  return rowsOf<{ s: string }>(await store.db.execute(sql`SELECT current_schema() AS s`))[0]!.s;
}

