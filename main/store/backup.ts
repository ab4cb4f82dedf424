import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/contract/errors.js';
import { DB_FILE_NAME, type AppContext } from '../context.js';
import { DEFAULT_MIGRATIONS_FOLDER, openStore, type OpenStoreOptions } from './db.js';

/**
 * Backups and restores of the store file.
 * - backup: SQLite's online backup API (consistent copy while the application runs), written
 *   under a temporary name then renamed, so a half-written backup never carries the final name.
 * - restore: the application must not have the store open (the CLI opens nothing; the desktop
 *   closes its store first). The source is checked to be a Guichet store, the current file is kept
 *   beside as `guichet.sqlite.avant-restauration-<date>`, the source is copied in place (again
 *   through the backup API, which folds in any -wal of the source), then opened once so that
 *   pending migrations are applied.
 */

const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface BackupResult {
  file: string;
  bytes: number;
}

export async function backup(ctx: AppContext, destFile: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const dest = resolve(destFile);
  if (resolve(ctx.store.file) === dest) {
    throw new AppError({ code: 'CONFLICT', message: 'La sauvegarde ne peut pas remplacer la base elle-même.' });
  }
  if (existsSync(dest) && !options.force) {
    throw new AppError({
      code: 'CONFLICT',
      message: `Le fichier ${dest} existe déjà\u00a0: choisissez un autre nom (ou forcez le remplacement).`,
    });
  }
  const partial = `${dest}.partiel`;
  removeDatabaseFiles(partial);
  try {
    await ctx.store.sqlite.backup(partial);
    // A backup is one self-contained file: no -wal beside it.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    removeDatabaseFiles(dest);
    renameSync(partial, dest);
  } catch (error) {
    removeDatabaseFiles(partial);
    if (error instanceof AppError) throw error;
    throw new AppError({ code: 'INTERNAL', message: `La sauvegarde a échoué\u00a0: ${String((error as Error).message ?? error)}` });
  }
  return { file: dest, bytes: statSync(dest).size };
}

export interface RestoreResult {
  file: string;
  restoredFrom: string;
  /** Where the replaced store was kept (null when there was none). */
  previousFile: string | null;
  /** Migrations applied to the restored file (it came from an older version). */
  migrationsApplied: number;
}

export async function restore(
  dataDir: string,
  sourceFile: string,
  options: OpenStoreOptions & { now?: Date } = {},
): Promise<RestoreResult> {
  const source = resolve(sourceFile);
  const target = resolve(join(dataDir, DB_FILE_NAME));
  if (!existsSync(source)) throw AppError.notFound(`Fichier introuvable\u00a0: ${source}`);
  if (source === target) {
    throw new AppError({ code: 'CONFLICT', message: 'Ce fichier est la base en service\u00a0: choisissez une sauvegarde.' });
  }
  const sourceMigrations = checkGuichetFile(source, options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER);

  let previousFile: string | null = null;
  if (existsSync(target)) {
    checkpoint(target);
    previousFile = freeName(`${target}.avant-restauration-${stamp(options.now ?? new Date())}`);
    renameSync(target, previousFile);
    removeDatabaseFiles(target);
  }
  const partial = `${target}.restauration-en-cours`;
  removeDatabaseFiles(partial);
  try {
    const from = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await from.backup(partial);
    } finally {
      from.close();
    }
    renameSync(partial, target);
    const store = openStore(target, options);
    const after = migrationCount(store.sqlite);
    store.close();
    return { file: target, restoredFrom: source, previousFile, migrationsApplied: after - sourceMigrations };
  } catch (error) {
    // Put the previous store back: a failed restore leaves things as they were.
    removeDatabaseFiles(partial);
    if (previousFile !== null) {
      removeDatabaseFiles(target);
      renameSync(previousFile, target);
    }
    if (error instanceof AppError) throw error;
    throw new AppError({ code: 'INTERNAL', message: `La restauration a échoué\u00a0: ${String((error as Error).message ?? error)}` });
  }
}

/** Opens the file read-only and checks it is a Guichet store this version can open. */
function checkGuichetFile(file: string, migrationsFolder: string): number {
  const notGuichet = () =>
    new AppError({ code: 'VALIDATION', message: `Ce fichier n’est pas une sauvegarde Guichet\u00a0: ${file}` });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw notGuichet();
  }
  try {
    let tables: { name: string }[];
    try {
      tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    } catch {
      throw notGuichet(); // SQLITE_NOTADB: not an SQLite file at all
    }
    const names = new Set(tables.map((t) => t.name));
    if (!names.has('families') || !names.has(MIGRATIONS_TABLE)) throw notGuichet();
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError({ code: 'VALIDATION', message: `Cette sauvegarde est endommagée (${String(check)})\u00a0: ${file}` });
    }
    const newest = (db.prepare(`SELECT MAX(created_at) AS at FROM ${MIGRATIONS_TABLE}`).get() as { at: number | null }).at;
    if (newest !== null && newest > newestKnownMigration(migrationsFolder)) {
      throw new AppError({
        code: 'CONFLICT',
        message: 'Cette sauvegarde vient d’une version plus récente de Guichet\u00a0: mettez à jour Guichet avant de la restaurer.',
      });
    }
    return migrationCount(db);
  } finally {
    db.close();
  }
}

function migrationCount(db: Database.Database): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${MIGRATIONS_TABLE}`).get() as { n: number }).n;
}

function newestKnownMigration(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/** Folds the WAL into the main file so that renaming the main file moves everything. */
function checkpoint(file: string): void {
  const db = new Database(file, { timeout: 2000 });
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy !== 0) throw new Error('busy');
  } catch {
    throw new AppError({
      code: 'CONFLICT',
      message: 'La base est en cours d’utilisation : fermez Guichet avant de restaurer une sauvegarde.',
    });
  } finally {
    db.close();
  }
}

function freeName(file: string): string {
  let name = file;
  for (let i = 2; existsSync(name); i++) name = `${file}-${i}`;
  return name;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

const stampFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Paris time, 2026-11-27T07-14-03 (no colons: Windows file names). */
function stamp(date: Date): string {
  return stampFormat.format(date).replace(' ', 'T').replace(/:/g, '-');
}
