import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../shared/contract/errors.js';
import { DB_FILE_NAME, DEFAULT_MIGRATIONS_FOLDER, openStore, type OpenStoreOptions } from './db.js';
import { copyTreeSynced, syncFile, syncFolder, writeFileAtomic } from './files.js';

/**
 * Restoring a backup without ever losing a base (issue 9). The process that holds the data folder's
 * lock restores, its store closed (the CLI, or the desk that closes and reopens its own):
 *
 * 1. the journal `restauration.json` is written (atomically) in phase « copie »;
 * 2. the current base is COPIED aside (`guichet.sqlite.avant-restauration-<date>`), never renamed
 *    away; the backup's base, documents folder and key files are written beside the live ones
 *    (`….restauration-en-cours`), each file synced, then the folder synced;
 * 3. the journal moves to phase « échange » — the point of no return;
 * 4. the base is swapped by ONE atomic rename over the old one; the documents folder is swapped as
 *    a folder (old one renamed `documents.avant-restauration-<date>`, new one renamed in), the key
 *    files renamed over theirs; the journal is removed.
 *
 * A start that finds the journal (`recoverDataFolder`, run by every opening) undoes a restore
 * stopped in phase « copie » (the live base was never touched: the partial copies are removed) and
 * finishes one stopped in phase « échange » (every copy is complete and synced): the base is always
 * the whole old one or the whole new one, and the documents follow it. Either way it says so.
 */

const RESTORE_JOURNAL = 'restauration.json';
/**
 * A LOCAL setting put in every restored base. A desk linked to the central server went back in
 * time: what it sent after the backup is on the server (and on the other desks) but no longer
 * here, and the server never sends a desk its own messages. Its next pull asks for them too
 * (main/services/sync/pull.ts), then the setting is removed (docs/decisions.md).
 */
export const SYNC_RESTORED_KEY = 'sync.restoredAt';
const INCOMING = '.restauration-en-cours';
const ASIDE = '.avant-restauration-';
const DOCUMENTS_DIR = 'documents';
const MIGRATIONS_TABLE = '__drizzle_migrations';
/** In a backup folder: the key files. */
export const BACKUP_KEYS_DIR = 'cles';

interface Journal {
  phase: 'copie' | 'echange';
  startedAt: string;
  source: string;
  /** Names relative to the data folder. */
  base: { incoming: string; aside: string | null };
  documents: { incoming: string; aside: string } | null;
  keys: { name: string; incoming: string; aside: string | null }[];
}

export interface RestoreOptions extends OpenStoreOptions {
  now?: Date;
  /** Called between every step (each file written, each rename): the crash tests stop there. */
  step?: (label: string) => void;
}

export interface RestoreResult {
  file: string;
  restoredFrom: string;
  /** Where the replaced base was copied (null when there was none). */
  previousFile: string | null;
  /** Where the replaced documents folder went (null when none was replaced). */
  previousDocuments: string | null;
  /** Key files put in place from the backup. */
  keysRestored: string[];
  /** Migrations applied to the restored base (it came from an older version). */
  migrationsApplied: number;
}

/** What a backup holds: a backup folder (base, documents, keys) or, from older versions, a lone base file. */
interface Source {
  base: string;
  documents: string | null;
  keys: string[];
}

function readSource(path: string): Source {
  if (!existsSync(path)) throw AppError.notFound(`Sauvegarde introuvable\u00a0: ${path}`);
  if (!statSync(path).isDirectory()) return { base: path, documents: null, keys: [] };
  const base = join(path, DB_FILE_NAME);
  if (!existsSync(base)) {
    throw new AppError({ code: 'VALIDATION', message: `Ce dossier n’est pas une sauvegarde Guichet (pas de ${DB_FILE_NAME})\u00a0: ${path}` });
  }
  const documents = join(path, DOCUMENTS_DIR);
  const keysDir = join(path, BACKUP_KEYS_DIR);
  return {
    base,
    documents: existsSync(documents) ? documents : null,
    keys: existsSync(keysDir) ? readdirSync(keysDir).map((name) => join(keysDir, name)) : [],
  };
}

/**
 * Replaces the data folder's base, documents and key files by a backup's. The store must be closed
 * and the data folder's lock held by the caller. Synchronous: a desk restoring in its own process
 * answers nothing else meanwhile.
 */
export function restoreBackup(dataDir: string, sourcePath: string, options: RestoreOptions = {}): RestoreResult {
  const step = options.step ?? (() => {});
  const sourceResolved = resolve(sourcePath);
  const target = resolve(join(dataDir, DB_FILE_NAME));
  if (sourceResolved === target || resolve(sourceResolved) === resolve(dataDir)) {
    throw new AppError({ code: 'CONFLICT', message: 'Ce fichier est la base en service\u00a0: choisissez une sauvegarde.' });
  }
  const source = readSource(sourceResolved);
  const sourceMigrations = checkGuichetFile(source.base, options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER);
  // A restore left half-done earlier is settled first.
  recoverDataFolder(dataDir);

  const stamp = fileStamp(options.now ?? new Date());
  const hasBase = existsSync(target);
  // A damaged base cannot be checkpointed: it is copied aside as it is, with its -wal.
  const damaged = hasBase && !checkpoint(target);
  const hasDocuments = source.documents !== null && existsSync(join(dataDir, DOCUMENTS_DIR));
  const journal: Journal = {
    phase: 'copie',
    startedAt: (options.now ?? new Date()).toISOString(),
    source: sourceResolved,
    base: { incoming: `${DB_FILE_NAME}${INCOMING}`, aside: hasBase ? freeName(dataDir, `${DB_FILE_NAME}${ASIDE}${stamp}`) : null },
    documents: source.documents === null ? null : { incoming: `${DOCUMENTS_DIR}${INCOMING}`, aside: freeName(dataDir, `${DOCUMENTS_DIR}${ASIDE}${stamp}`) },
    keys: source.keys.map((file) => {
      const name = basename(file);
      // The key in service is kept aside only when the backup brings another one.
      const current = join(dataDir, name);
      const differs = existsSync(current) && !readFileSync(current).equals(readFileSync(file));
      return { name, incoming: `${name}${INCOMING}`, aside: differs ? freeName(dataDir, `${name}${ASIDE}${stamp}`) : null };
    }),
  };
  const at = (name: string) => join(dataDir, name);
  removeDatabaseFiles(at(journal.base.incoming));
  if (journal.documents) rmSync(at(journal.documents.incoming), { recursive: true, force: true });
  writeJournal(dataDir, journal);
  step('journal copie');

  try {
    // The current base, copied aside (it stays in place until the one rename).
    if (journal.base.aside !== null) {
      copyFileSync(target, at(journal.base.aside));
      syncFile(at(journal.base.aside));
      if (damaged && existsSync(`${target}-wal`)) copyFileSync(`${target}-wal`, `${at(journal.base.aside)}-wal`);
      step('base copiée à côté');
    }
    copyBase(source.base, at(journal.base.incoming), options.now ?? new Date());
    step('base écrite');
    if (source.documents !== null && journal.documents !== null) copyTreeSynced(source.documents, at(journal.documents.incoming), () => step('document écrit'));
    for (const [i, key] of journal.keys.entries()) {
      if (key.aside !== null) {
        copyFileSync(at(key.name), at(key.aside));
        syncFile(at(key.aside));
      }
      copyFileSync(source.keys[i] as string, at(key.incoming));
      syncFile(at(key.incoming));
      step('clé écrite');
    }
    syncFolder(dataDir);
    step('dossier synchronisé');
  } catch (error) {
    undo(dataDir, journal);
    if (error instanceof AppError) throw error;
    throw new AppError({ code: 'INTERNAL', message: `La restauration a échoué, la base d’avant est intacte\u00a0: ${String((error as Error).message ?? error)}` });
  }

  writeJournal(dataDir, { ...journal, phase: 'echange' });
  step('journal échange');
  finish(dataDir, journal, step);

  const store = openStore(target, options);
  const after = migrationCount(store.sqlite);
  store.close();
  return {
    file: target,
    restoredFrom: sourceResolved,
    previousFile: journal.base.aside === null ? null : at(journal.base.aside),
    previousDocuments: hasDocuments && journal.documents ? at(journal.documents.aside) : null,
    keysRestored: journal.keys.map((k) => k.name),
    migrationsApplied: after - sourceMigrations,
  };
}

/**
 * Run by every opening of a data folder, before its store: settles a restore left half-done
 * (finished or undone) and returns the French notice the desk shows once; null when there was
 * none. Refuses (rather than let an empty base be created) a folder with a restore's leftovers but
 * no base.
 */
export function recoverDataFolder(dataDir: string): string | null {
  const journalFile = join(dataDir, RESTORE_JOURNAL);
  if (existsSync(journalFile)) {
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
    if (journal.phase === 'echange') {
      finish(dataDir, journal);
      const kept = journal.base.aside ? ` L’ancienne base est conservée sous le nom ${journal.base.aside}.` : '';
      return (
        `Une restauration de sauvegarde avait été interrompue (Guichet ou l’ordinateur arrêté) alors que la sauvegarde était entièrement copiée\u00a0: ` +
        `elle a été terminée à ce démarrage. Les données en service sont celles de la sauvegarde ${journal.source}.${kept}`
      );
    }
    undo(dataDir, journal);
    return (
      'Une restauration de sauvegarde avait été interrompue (Guichet ou l’ordinateur arrêté) avant la fin de sa copie\u00a0: ' +
      `elle a été annulée à ce démarrage. Les données en service sont celles d’avant la restauration, intactes\u00a0; recommencez-la si besoin (${journal.source}).`
    );
  }
  if (!existsSync(join(dataDir, DB_FILE_NAME)) && existsSync(dataDir)) {
    const leftovers = readdirSync(dataDir).filter((name) => name.includes(INCOMING) || name.includes(ASIDE));
    if (leftovers.length > 0) {
      throw new AppError({
        code: 'CONFLICT',
        message:
          `Le dossier de données ${dataDir} contient les restes d’une restauration (${leftovers.slice(0, 3).join(', ')}) mais pas de base\u00a0: ` +
          'Guichet ne crée pas de base vide à sa place. Restaurez une sauvegarde («\u00a0npm run cli -- restore DOSSIER\u00a0») ou prévenez le support.',
      });
    }
  }
  return null;
}

/** Phase « échange »: every copy is complete; each rename is done once (this runs again after a crash). */
function finish(dataDir: string, journal: Journal, step: (label: string) => void = () => {}): void {
  const at = (name: string) => join(dataDir, name);
  if (existsSync(at(journal.base.incoming))) {
    // The old base was checkpointed: its -wal holds nothing, and must not be replayed on the new one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${at(DB_FILE_NAME)}${suffix}`, { force: true });
    step('wal retiré');
    renameSync(at(journal.base.incoming), at(DB_FILE_NAME));
    syncFolder(dataDir);
    step('base échangée');
  }
  if (journal.documents && existsSync(at(journal.documents.incoming))) {
    if (existsSync(at(DOCUMENTS_DIR))) {
      renameSync(at(DOCUMENTS_DIR), at(journal.documents.aside));
      step('documents mis de côté');
    }
    renameSync(at(journal.documents.incoming), at(DOCUMENTS_DIR));
    syncFolder(dataDir);
    step('documents échangés');
  }
  for (const key of journal.keys) {
    if (existsSync(at(key.incoming))) {
      renameSync(at(key.incoming), at(key.name));
      step('clé échangée');
    }
  }
  syncFolder(dataDir);
  rmSync(join(dataDir, RESTORE_JOURNAL), { force: true });
  syncFolder(dataDir);
  step('terminé');
}

/** Phase « copie »: the live files were never touched; the partial copies (and the copies aside) go. */
function undo(dataDir: string, journal: Journal): void {
  const at = (name: string) => join(dataDir, name);
  removeDatabaseFiles(at(journal.base.incoming));
  if (journal.base.aside !== null) rmSync(at(journal.base.aside), { force: true });
  if (journal.documents) rmSync(at(journal.documents.incoming), { recursive: true, force: true });
  for (const key of journal.keys) {
    rmSync(at(key.incoming), { force: true });
    if (key.aside !== null) rmSync(at(key.aside), { force: true });
  }
  syncFolder(dataDir);
  rmSync(join(dataDir, RESTORE_JOURNAL), { force: true });
  syncFolder(dataDir);
}

function writeJournal(dataDir: string, journal: Journal): void {
  writeFileAtomic(join(dataDir, RESTORE_JOURNAL), Buffer.from(JSON.stringify(journal, null, 2)));
}

/** A consistent, self-contained copy of the backup's base (any -wal beside it folded in), synced. */
function copyBase(from: string, to: string, restoredAt: Date): void {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
  // Marked in the copy, before the swap: a restore finished by the next start carries it too.
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SYNC_RESTORED_KEY, restoredAt.toISOString());
  } finally {
    copy.close();
  }
  syncFile(to);
}

/** Opens the file read-only and checks it is a Guichet store this version can open. */
function checkGuichetFile(file: string, migrationsFolder: string = DEFAULT_MIGRATIONS_FOLDER): number {
  const notGuichet = () => new AppError({ code: 'VALIDATION', message: `Ce fichier n’est pas une sauvegarde Guichet\u00a0: ${file}` });
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
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/**
 * Folds the WAL into the main file, so that the main file alone is the whole base. False when the
 * base is damaged (nothing to fold: it is replaced as it is).
 */
function checkpoint(file: string): boolean {
  const busy = () => new AppError({ code: 'CONFLICT', message: 'La base est en cours d’utilisation\u00a0: fermez Guichet avant de restaurer une sauvegarde.' });
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { timeout: 2000 });
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy !== 0) throw busy();
    return true;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (/^(SQLITE_CORRUPT.*|SQLITE_NOTADB)$/.test(String((error as { code?: unknown }).code))) return false;
    throw busy();
  } finally {
    db?.close();
  }
}

function freeName(dataDir: string, name: string): string {
  let free = name;
  for (let i = 2; existsSync(join(dataDir, free)); i++) free = `${name}-${i}`;
  return free;
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
export function fileStamp(date: Date): string {
  return stampFormat.format(date).replace(' ', 'T').replace(/:/g, '-');
}
