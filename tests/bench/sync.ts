import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { createContext, type AppContext } from '../../main/context.js';
import { createFamily } from '../../main/services/families/index.js';
import { connectServer } from '../../main/services/sync/index.js';
import { pullChanges } from '../../main/services/sync/pull.js';
import { pendingMessages, pushOutbox } from '../../main/services/sync/push.js';
import { enrolDesk } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { pushMessages } from '../../portal/sync/hub.js';
import { migratePortalStore, openPortalStore, type PortalStore, type StoreOptions } from '../../portal/store/open.js';
import { familyInput } from '../../shared/contract/families.js';
import { SYNC_SCHEMA_VERSION } from '../../shared/contract/sync.js';
import { round } from './stats.js';

/**
 * Sync through the real HTTP server (issue 10, « Speed »): a desk pushes 10,000 messages (real
 * ones: families with guardians and children), another desk pulls and applies them; on PGlite and
 * on PostgreSQL. Baseline: the same chunks of bytes posted to a bare endpoint on loopback.
 */
const TARGET = 10_000;

function desk(name: string): AppContext & { dispose(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), `guichet-bench-sync-${name}-`));
  const ctx = createContext({ dataDir, actor: 'bench' });
  return Object.assign(ctx, {
    dispose() {
      ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Families until the outbox holds at least 10,000 messages; the number of messages. */
const NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];
function fill(ctx: AppContext): number {
  for (let i = 0; pendingMessages(ctx) < TARGET; i++) {
    const name = `${NAMES[i % 10]!}-${NAMES[Math.floor(i / 10) % 10]!}`;
    createFamily(
      ctx,
      familyInput.parse({
        familyName: name,
        address: { line1: `${i} rue de la Roquette`, postalCode: '75011', city: 'Paris' },
        guardians: [{ rank: 1, lastName: name, firstName: 'Élodie', isPayer: true, email: `f${i}@example.fr`, phoneMobile: '0612345678' }],
        children: [{ lastName: name, firstName: 'Zoé', birthDate: '2018-05-04', enrolledFrom: '2025-09-01', className: 'CE2', weekdays: [1, 2, 4, 5] }],
      }),
    );
  }
  return pendingMessages(ctx);
}

/** The outbox's chunks as the desk sends them (bodies only), for the baseline. */
function chunks(ctx: AppContext): string[] {
  const rows = ctx.store.sqlite.prepare('SELECT id, hlc, node, entity, row_id AS rowId, field, value FROM outbox ORDER BY seq').all();
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) out.push(JSON.stringify({ schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: rows.slice(i, i + 1000) }));
  return out;
}

async function baseline(bodies: string[]): Promise<number> {
  const app = Fastify({ bodyLimit: 4 * 1024 * 1024 });
  app.post('/bare', () => Promise.resolve({ ok: true }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const start = performance.now();
  for (const body of bodies) await (await fetch(`${url}/bare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
  const ms = performance.now() - start;
  await app.close();
  return ms;
}

/**
 * The floor under a push: the same chunks stored by the hub itself (the insert, the business
 * conflicts' pass, the commit), called in process — no HTTP, no credential, no validation. The
 * rows go again before the real push.
 */
async function inStore(store: PortalStore, bodies: string[]): Promise<number> {
  const start = performance.now();
  for (const body of bodies) await pushMessages(store, 'bench-store', JSON.parse(body) as Parameters<typeof pushMessages>[2], new Date());
  const ms = performance.now() - start;
  await store.db.execute(sql`DELETE FROM sync_messages WHERE desk_id = 'bench-store'`);
  return ms;
}

async function throughServer(options: StoreOptions, label: string, cleanup: () => Promise<void>): Promise<Record<string, number>> {
  const store = await openPortalStore(options);
  await migratePortalStore(store);
  const app = buildPortal({ store, now: () => new Date(), logLevel: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const a = desk('a');
  const b = desk('b');
  try {
    for (const [ctx, name] of [[a, 'A'], [b, 'B']] as const) await connectServer(ctx, { url, code: (await enrolDesk(store, { name, by: 'bench', now: new Date() })).code });
    const messages = fill(a);
    const bodies = chunks(a);
    const bare = await baseline(bodies);
    const stored = await inStore(store, bodies);
    let start = performance.now();
    await pushOutbox(a);
    const push = performance.now() - start;
    start = performance.now();
    const pulled = await pullChanges(b);
    const pull = performance.now() - start;
    if (pulled.received !== messages || pulled.waiting !== 0) throw new Error(`pull incomplet : ${JSON.stringify(pulled)}`);
    return {
      [`sync_messages_${label}`]: messages,
      [`sync_push_10k_ms_${label}`]: round(push, 1),
      [`sync_pull_10k_ms_${label}`]: round(pull, 1),
      [`sync_baseline_10k_ms_${label}`]: round(bare, 1),
      [`sync_store_10k_ms_${label}`]: round(stored, 1),
    };
  } finally {
    a.dispose();
    b.dispose();
    await app.close();
    await store.close();
    await cleanup();
  }
}

export async function benchSync(databaseUrl: string | null): Promise<Record<string, number | string>> {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-bench-portal-'));
  const results: Record<string, number | string> = await throughServer({ dataDir: folder }, 'pglite', () => Promise.resolve(rmSync(folder, { recursive: true, force: true })));
  if (!databaseUrl) return { ...results, sync_postgres: 'DATABASE_URL absente : PostgreSQL non mesuré' };
  const schema = `bench_${Date.now().toString(36)}`;
  const pg = await throughServer({ databaseUrl, schema }, 'postgres', async () => {
    const drop = await openPortalStore({ databaseUrl, schema });
    await drop.db.execute(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_migrations CASCADE`);
    await drop.close();
  });
  return { ...results, ...pg };
}

/**
 * A new desk's first sync (issue 10, « On the desk »): the demo desk of the bench pushes its whole
 * outbox to a server (not timed), then a new desk pulls and applies all of it through HTTP (timed).
 * Baseline: the same page bodies, captured on the way, fetched from a bare endpoint on loopback
 * and parsed. On PostgreSQL when there is one (pushing a million messages into PGlite is slow).
 */
export async function benchFirstFull(demo: AppContext, databaseUrl: string | null): Promise<Record<string, number | string>> {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-bench-first-'));
  const schema = `bench_first_${Date.now().toString(36)}`;
  const options: StoreOptions = databaseUrl ? { databaseUrl, schema } : { dataDir: folder };
  const store = await openPortalStore(options);
  await migratePortalStore(store);
  const app = buildPortal({ store, now: () => new Date(), logLevel: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const fresh = desk('new');
  try {
    for (const [ctx, name] of [[demo, 'Démonstration'], [fresh, 'Nouveau poste']] as const) {
      await connectServer(ctx, { url, code: (await enrolDesk(store, { name, by: 'bench', now: new Date() })).code });
    }
    const messages = pendingMessages(demo);
    await pushOutbox(demo);
    const bodies: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const text = await response.text();
      bodies.push(text);
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const start = performance.now();
    const pulled = await pullChanges(fresh, recording);
    const ms = performance.now() - start;
    if (pulled.received !== messages || pulled.waiting !== 0) throw new Error(`première synchronisation incomplète : ${JSON.stringify(pulled)} sur ${messages}`);
    return {
      sync_first_full_messages: messages,
      sync_first_full_pages: pulled.pages,
      sync_first_full_ms: round(ms, 1),
      sync_first_full_baseline_ms: round(await bareServe(bodies), 1),
      sync_first_full_store: store.kind,
    };
  } finally {
    fresh.dispose();
    await app.close();
    await store.close();
    if (databaseUrl) {
      const drop = await openPortalStore({ databaseUrl, schema });
      await drop.db.execute(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_migrations CASCADE`);
      await drop.close();
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The bodies served one by one by a bare endpoint, fetched and parsed: the wire and JSON alone. */
async function bareServe(bodies: string[]): Promise<number> {
  const app = Fastify();
  app.get<{ Querystring: { i: string } }>('/bare', (request, reply) => reply.type('application/json').send(bodies[Number(request.query.i)]));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const start = performance.now();
  for (let i = 0; i < bodies.length; i++) await (await fetch(`${url}/bare?i=${i}`)).json();
  const ms = performance.now() - start;
  await app.close();
  return ms;
}
