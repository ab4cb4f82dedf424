import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.js';

/**
 * The portal's store: embedded PGlite in the data folder by default, a PostgreSQL server when a
 * URL is given. Both speak the same SQL and run the same drizzle-kit migrations at start.
 */

export type PortalDb = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction on the store (drizzle's callback argument). */
export type PortalTx = Parameters<Parameters<PortalDb['transaction']>[0]>[0];

export interface PortalStore {
  db: PortalDb;
  kind: 'pglite' | 'postgres';
  /** Where the migrations journal lives (a schema of its own, per test run on PostgreSQL). */
  migrationsSchema: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PGlite: its folder (`<data>/portal-db`); ignored when `databaseUrl` is given. */
  dataDir?: string;
  /** PostgreSQL: `postgres://…` (the `DATABASE_URL` of the portal's commands). */
  databaseUrl?: string;
  /**
   * PostgreSQL only: the schema that holds the tables (and, as `<schema>_migrations`, their
   * journal). The tests give each run its own; a Caisse's server keeps the default `public`.
   */
  schema?: string;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPortalStore(options: StoreOptions): Promise<PortalStore> {
  if (options.databaseUrl) {
    const name = options.schema ?? 'public';
    if (!IDENTIFIER.test(name)) throw new Error(`Schéma PostgreSQL invalide\u00a0: «\u00a0${name}\u00a0».`);
    const migrationsSchema = name === 'public' ? 'drizzle' : `${name}_migrations`;
    const pool = new pg.Pool({ connectionString: options.databaseUrl, options: `-c search_path=${name}`, max: 10 });
    if (name !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    const db = drizzleNodePg({ client: pool, schema });
    return { db, kind: 'postgres', migrationsSchema, close: () => pool.end() };
  }
  if (!options.dataDir) throw new Error('Le dossier des données du portail est obligatoire (--data), ou DATABASE_URL.');
  const folder = join(options.dataDir, 'portal-db');
  mkdirSync(folder, { recursive: true });
  // PGlite is one process's database: a second opener (the CLI while the server runs) would
  // corrupt it, so the folder is locked while open (PostgreSQL has no such limit).
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, { stale: 30_000, update: 10_000, realpath: false });
  } catch {
    throw new Error(
      `La base PGlite ${folder} est ouverte par un autre programme (le serveur en marche)\u00a0: arrêtez-le le temps de cette commande, ou utilisez PostgreSQL (DATABASE_URL).`,
    );
  }
  try {
    const client = await PGlite.create(folder);
    const db = drizzlePglite({ client, schema });
    return {
      db,
      kind: 'pglite',
      migrationsSchema: 'drizzle',
      close: async () => {
        await client.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * The advisory locks that serialise what must happen one at a time across every portal process
 * on one database (any constants, distinct): pushes (sequence order = commit order), invoice
 * number reservations, desk numbers at enrolment.
 */
const ADVISORY_LOCKS = { push: 0x67_75_69_63, invoiceNumbers: 0x6e_75_6d_73, deskNumbers: 0x64_65_73_6b } as const;

/** `work` in one transaction that first takes the named advisory lock (released at its end). */
export function lockedTransaction<T>(store: PortalStore, lock: keyof typeof ADVISORY_LOCKS, work: (tx: PortalTx) => Promise<T>): Promise<T> {
  return store.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]})`);
    return work(tx);
  });
}

/** Applies the migrations not yet applied, each in its transaction (drizzle's migrators). */
export async function migratePortalStore(store: PortalStore): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS, migrationsSchema: store.migrationsSchema };
  if (store.kind === 'pglite') await migratePglite(store.db as Parameters<typeof migratePglite>[0], config);
  else await migrateNodePg(store.db as Parameters<typeof migrateNodePg>[0], config);
}

/** How many migrations this program ships (its drizzle-kit journal). */
export function shippedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** How many migrations the database has applied (0 when it has never been migrated). */
export async function appliedMigrations(store: PortalStore): Promise<number> {
  const table = `${store.migrationsSchema}.__drizzle_migrations`;
  const [exists] = rows<{ found: string | null }>(await store.db.execute(sql`SELECT to_regclass(${table})::text AS found`));
  if (!exists?.found) return 0;
  const [count] = rows<{ n: number }>(await store.db.execute(sql`SELECT COUNT(*)::int AS n FROM ${sql.identifier(store.migrationsSchema)}.__drizzle_migrations`));
  return count?.n ?? 0;
}

/** The rows of a raw query: both drivers answer `{ rows }` (drizzle types it per driver). */
export function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
