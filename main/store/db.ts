import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

/** The store's file in the data folder. */
export const DB_FILE_NAME = 'guichet.sqlite';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  /** Raw connection, for prepared statements on hot paths (search, bulk loads) and backups. */
  sqlite: Database.Database;
  db: Db;
  file: string;
  close(): void;
}

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenStoreOptions {
  /** Where the drizzle-kit migration files are (the packaged app ships them as resources). */
  migrationsFolder?: string;
}

/**
 * Opens (creating if needed) the SQLite file with the pragmas DESIGN.md asks for and applies
 * pending migrations. drizzle's migrator runs them in one transaction: all or none.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER });
  return {
    sqlite,
    db,
    file,
    close: () => sqlite.close(),
  };
}
