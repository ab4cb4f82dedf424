import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../main/context.js';
import { connectServer } from '../../main/services/sync/connection.js';
import { enrolDesk, redeemEnrolmentCode } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { migratePortalStore, openPortalStore, type PortalStore, type StoreOptions } from '../../portal/store/open.js';

/**
 * The portal's store tests run on both engines: embedded PGlite in a temporary folder, and the
 * machine's PostgreSQL (127.0.0.1:5432, database `test`, also in CI) in a schema of the run's own,
 * dropped afterwards. `TEST_DATABASE_URL` points elsewhere if needed.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStoreKind {
  name: 'pglite' | 'postgres';
  /** Where a store of this kind lives (for a second store or process on the same database). */
  place(): { options: StoreOptions; env: Record<string, string>; cleanup: () => Promise<void> };
}

export const STORE_KINDS: TestStoreKind[] = [
  {
    name: 'pglite',
    place() {
      const dataDir = mkdtempSync(join(tmpdir(), 'guichet-portal-'));
      return { options: { dataDir }, env: { GUICHET_PORTAL_DATA: dataDir }, cleanup: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'postgres',
    place() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      return {
        options: { databaseUrl: TEST_DATABASE_URL, schema },
        env: { DATABASE_URL: TEST_DATABASE_URL, GUICHET_PORTAL_SCHEMA: schema },
        cleanup: async () => {
          const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await client.query(`DROP SCHEMA IF EXISTS ${schema}_migrations CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

/** A migrated store of the kind, and its disposal (the store closed, its place removed). */
export async function tempPortalStore(kind: TestStoreKind): Promise<{ store: PortalStore; dispose: () => Promise<void> }> {
  const place = kind.place();
  const store = await openPortalStore(place.options);
  await migratePortalStore(store);
  return {
    store,
    dispose: async () => {
      await store.close();
      await place.cleanup();
    },
  };
}

/** A raw query's rows (both drivers answer `{ rows }`; drizzle types them per driver). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A real portal server listening on a free loopback port, on PostgreSQL (the desks' tests talk to it over HTTP). */
export async function tempPortalServer(): Promise<{ store: PortalStore; url: string; close: () => Promise<void> }> {
  const { store, dispose } = await tempPortalStore(STORE_KINDS.find((k) => k.name === 'postgres')!);
  const server = buildPortal({ store, now: () => new Date(), logLevel: false });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    store,
    url,
    close: async () => {
      await server.close();
      await dispose();
    },
  };
}

/** A desk enrolled and its code redeemed at once: its credential and number (the portal's store tests). */
export async function enrolledDesk(store: PortalStore, name: string, now: Date): Promise<{ credential: string; deskId: string; deskNumber: number }> {
  const { code } = await enrolDesk(store, { name, by: 'test', now });
  return redeemEnrolmentCode(store, code, now);
}

/**
 * For a describe block: a migrated store of the kind and the portal's app on it, opened before its
 * tests and closed after them (the hooks are registered here). Read `.store` and `.app` in tests.
 */
export function portalOn(kind: TestStoreKind, now: Date): { store: PortalStore; app: FastifyInstance } {
  const held = {} as { store: PortalStore; app: FastifyInstance; dispose: () => Promise<void> };
  beforeAll(async () => {
    ({ store: held.store, dispose: held.dispose } = await tempPortalStore(kind));
    held.app = buildPortal({ store: held.store, now: () => now, logLevel: false });
  });
  afterAll(async () => {
    await held.app.close();
    await held.dispose();
  });
  return held;
}

/** A test file's real portal server (see `portalServerForFile`). */
export interface FileServer {
  readonly store: PortalStore;
  readonly url: string;
  /** A new server (the file's hooks start one; a test that stopped it starts another). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Every table emptied: no desk, no message, no number block, no document. */
  empty(): Promise<void>;
  /** The desk enrolled under this name and linked, as « Paramètres › Serveur » does. */
  link(desk: AppContext, name: string): Promise<void>;
}

/** For a test file: a real portal server on PostgreSQL (`tempPortalServer`), started before its tests and closed after them. */
export function portalServerForFile(): FileServer {
  let running: { store: PortalStore; url: string; close: () => Promise<void> } | null = null;
  const current = () => {
    if (!running) throw new Error('Le serveur de test n’est pas démarré.');
    return running;
  };
  const server: FileServer = {
    get store() {
      return current().store;
    },
    get url() {
      return current().url;
    },
    async start() {
      running = await tempPortalServer();
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async empty() {
      await current().store.db.execute(sql`TRUNCATE desks, sync_messages, number_blocks, document_blobs`);
    },
    async link(desk, name) {
      const { code } = await enrolDesk(current().store, { name, by: 'test', now: new Date() });
      await connectServer(desk, { url: current().url, code });
    },
  };
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  return server;
}
