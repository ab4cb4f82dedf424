import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../shared/contract/errors.js';
import type { AppContext } from '../context.js';
import { DB_FILE_NAME } from './db.js';
import { copyTreeSynced, syncFile, syncFolder, writeFileAtomic } from './files.js';
import { BACKUP_KEYS_DIR, fileStamp } from './restore.js';

/**
 * A backup is one folder `guichet-<date>` in the destination (a network share in practice):
 * - `guichet.sqlite`: the base, copied by SQLite's online backup API (consistent while the desk
 *   runs), made self-contained (no -wal);
 * - `documents/`: the documents folder (health certificates stay encrypted as they are);
 * - no key: the base names the document keys and holds them wrapped for the recovery code only
 *   (services/keys/); a backup restored elsewhere is read with that code (backups of the first
 *   versions carried the key file in `cles/`: the restore still puts it back);
 * - `sauvegarde.json`: when, the counts, and the result of its verification.
 * It is written as `guichet-<date>.partiel`, verified, then renamed: a folder with the final name
 * is complete. The last attempt and the last good backup are also noted in the data folder
 * (`sauvegardes.json`), readable when the base itself is not (a damaged base offers the last good one).
 */

export const BACKUP_PREFIX = 'guichet-';
const PARTIAL = '.partiel';
const MANIFEST_FILE = 'sauvegarde.json';
/** In the data folder: the last attempt and the last verified backup. */
const BACKUP_STATUS_FILE = 'sauvegardes.json';
const DOCUMENTS_DIR = 'documents';

export interface BackupCounts {
  families: number;
  invoices: number;
  payments: number;
  documents: number;
}

export interface BackupVerification {
  ok: boolean;
  /** French, one line per problem found (empty when ok). */
  problems: string[];
}

export interface BackupManifest {
  /** ISO instant. */
  at: string;
  version: string;
  counts: BackupCounts;
  bytes: number;
  documentFiles: number;
  /** Backups of the first versions: the key files they carry in `cles/`. */
  keyFiles?: string[];
  verification: BackupVerification;
}

export interface BackupEntry extends BackupManifest {
  folder: string;
  name: string;
}

export interface BackupStatus {
  lastAttempt: { at: string; ok: boolean; folder: string | null; message: string | null } | null;
  lastGood: { at: string; folder: string } | null;
}

/** Where a `documents` row's file is: generated PDFs are named from the data folder, uploads from `documents/`. */
function storedDocumentPath(root: string, storedName: string): string {
  return storedName.startsWith(`${DOCUMENTS_DIR}/`) ? join(root, storedName) : join(root, DOCUMENTS_DIR, storedName);
}

export function countsOf(db: Database.Database): BackupCounts {
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { families: count('families'), invoices: count('invoices'), payments: count('payments'), documents: count('documents') };
}

/** Writes one backup of the running desk's data folder into `destination`, verified. */
export async function createBackup(ctx: AppContext, destination: string, options: { now?: Date } = {}): Promise<BackupEntry> {
  const now = options.now ?? new Date();
  const dest = resolve(destination);
  const name = `${BACKUP_PREFIX}${fileStamp(now)}`;
  const folder = join(dest, name);
  const partial = `${folder}${PARTIAL}`;
  try {
    if (existsSync(folder)) throw new AppError({ code: 'CONFLICT', message: `La sauvegarde ${folder} existe déjà\u00a0: attendez une seconde et recommencez.` });
    mkdirSync(dest, { recursive: true });
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial);
    const base = join(partial, DB_FILE_NAME);
    await ctx.store.sqlite.backup(base);
    const copy = new Database(base);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    syncFile(base);
    const documents = join(ctx.dataDir, DOCUMENTS_DIR);
    const documentFiles = existsSync(documents) ? copyTreeSynced(documents, join(partial, DOCUMENTS_DIR)) : 0;
    const { counts, verification } = verifyBackupFolder(partial);
    const manifest: BackupManifest = {
      at: now.toISOString(),
      version: ctx.version,
      counts,
      bytes: folderBytes(partial),
      documentFiles,
      verification,
    };
    writeFileAtomic(join(partial, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2)));
    syncFolder(partial);
    renameSync(partial, folder);
    syncFolder(dest);
    const entry: BackupEntry = { ...manifest, folder, name };
    noteAttempt(ctx.dataDir, {
      at: manifest.at,
      ok: verification.ok,
      folder,
      message: verification.ok ? null : `Sauvegarde écrite mais non vérifiée\u00a0: ${verification.problems.join(' ; ')}`,
    });
    return entry;
  } catch (error) {
    try {
      rmSync(partial, { recursive: true, force: true });
    } catch {
      // The destination itself is unreachable: nothing was written there.
    }
    const message =
      error instanceof AppError ? error.message : `La sauvegarde a échoué (${dest})\u00a0: ${String((error as Error).message ?? error)}`;
    noteAttempt(ctx.dataDir, { at: now.toISOString(), ok: false, folder: null, message });
    if (error instanceof AppError) throw error;
    throw new AppError({ code: 'INTERNAL', message });
  }
}

/**
 * Checks a backup folder on its own: its base opens, `PRAGMA integrity_check` says ok, and every
 * document the base lists is in its `documents/`; health documents need a key file beside them.
 */
export function verifyBackupFolder(folder: string): { counts: BackupCounts; verification: BackupVerification } {
  const problems: string[] = [];
  let counts: BackupCounts = { families: 0, invoices: 0, payments: 0, documents: 0 };
  let db: Database.Database | null = null;
  try {
    db = new Database(join(folder, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = integrity.map((r) => r.integrity_check);
    if (messages.length !== 1 || messages[0] !== 'ok') problems.push(`base endommagée (${messages.slice(0, 3).join(' ; ')})`);
    counts = countsOf(db);
    const rows = db.prepare('SELECT stored_name AS storedName, is_health AS isHealth FROM documents').all() as { storedName: string; isHealth: number }[];
    const missing = rows.filter((r) => !existsSync(storedDocumentPath(folder, r.storedName)));
    if (missing.length > 0) {
      problems.push(`${missing.length} document(s) de la base absent(s) de la copie (${missing.slice(0, 3).map((r) => r.storedName).join(', ')})`);
    }
    if (rows.some((r) => r.isHealth === 1)) {
      const keyring = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'document_keys'").get() !== undefined;
      if (!keyring && !existsSync(join(folder, BACKUP_KEYS_DIR))) {
        problems.push('la clé des documents de santé manque\u00a0: les certificats ne pourraient pas être relus');
      }
      const unnamed = keyring
        ? (db
            .prepare(
              `SELECT COUNT(*) AS n FROM documents d WHERE d.is_health = 1 AND NOT EXISTS (
                 SELECT 1 FROM document_keys k WHERE k.id = d.key_id OR (d.key_id IS NULL AND k.is_legacy = 1))`,
            )
            .get() as { n: number }).n
        : 0;
      if (unnamed > 0 && !existsSync(join(folder, BACKUP_KEYS_DIR))) {
        problems.push(`${unnamed} certificat(s) chiffré(s) par une clé que la base ne connaît pas\u00a0: ils ne pourraient pas être relus`);
      }
    }
  } catch (error) {
    problems.push(`la base copiée ne s’ouvre pas (${(error as Error).message})`);
  } finally {
    db?.close();
  }
  return { counts, verification: { ok: problems.length === 0, problems } };
}

/** The backups in a destination folder, newest first (folders without a readable manifest are skipped). */
export function listBackupFolders(destination: string): BackupEntry[] {
  const dest = resolve(destination);
  if (!existsSync(dest)) return [];
  const entries: BackupEntry[] = [];
  for (const name of readdirSync(dest)) {
    if (!name.startsWith(BACKUP_PREFIX) || name.endsWith(PARTIAL)) continue;
    const manifest = readManifest(join(dest, name));
    if (manifest) entries.push({ ...manifest, folder: join(dest, name), name });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

function readManifest(folder: string): BackupManifest | null {
  try {
    return JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

export function readBackupStatus(dataDir: string): BackupStatus {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, BACKUP_STATUS_FILE), 'utf8')) as Partial<BackupStatus>;
    return { lastAttempt: value.lastAttempt ?? null, lastGood: value.lastGood ?? null };
  } catch {
    return { lastAttempt: null, lastGood: null };
  }
}

function noteAttempt(dataDir: string, attempt: NonNullable<BackupStatus['lastAttempt']>): void {
  const status = readBackupStatus(dataDir);
  const next: BackupStatus = {
    lastAttempt: attempt,
    lastGood: attempt.ok && attempt.folder !== null ? { at: attempt.at, folder: attempt.folder } : status.lastGood,
  };
  try {
    writeFileAtomic(join(dataDir, BACKUP_STATUS_FILE), Buffer.from(JSON.stringify(next, null, 2)));
  } catch (error) {
    console.error('Guichet\u00a0: l’état des sauvegardes n’a pas pu être noté', error);
  }
}

/** Removes a backup folder (rotation). */
export function removeBackupFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/**
 * The newest verified backup known without opening the base (it may be damaged): the one noted in
 * the data folder's `sauvegardes.json`, else the newest verified one in `<data>/sauvegardes`.
 */
export function lastGoodBackup(dataDir: string): BackupEntry | null {
  const noted = readBackupStatus(dataDir).lastGood;
  if (noted) {
    const manifest = readManifest(noted.folder);
    if (manifest?.verification.ok) return { ...manifest, folder: noted.folder, name: basename(noted.folder) };
  }
  return listBackupFolders(join(dataDir, 'sauvegardes')).find((e) => e.verification.ok) ?? null;
}
