import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where files live: under the data folder (`documents/…`), named by the program (never by what an
 * agent typed), each indexed in the `documents` table with its SHA-256 (print/archive.ts for
 * generated PDFs, uploads/ for uploaded pieces).
 */

const DOCUMENTS_DIR = 'documents';

/** The absolute folder for a kind of document (`factures`, `recus`, …), under the data folder. */
export function documentsFolder(ctx: { dataDir: string }, ...parts: string[]): string {
  return join(ctx.dataDir, DOCUMENTS_DIR, ...parts);
}

export const sha256Hex = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

/**
 * Writes a file complete and on disk before anything refers to it: `.part`, written and synced,
 * renamed, then its folder synced so that the rename itself survives a power cut (no `.part` left
 * on failure). A certificate indexed by a committed row must exist after any crash.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, mode?: number): void {
  const part = `${path}.part`;
  try {
    const fd = openSync(part, 'w', mode);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(part, path);
  } catch (error) {
    rmSync(part, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
}

/** Syncs a file's content to the disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Syncs a folder's entries (its renames); Windows cannot open a folder, and its NTFS journal keeps them. */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies a folder and everything under it, each file synced to the disk and each folder's entries
 * synced (a backup or a restore is on disk when this returns). `step` is called after each file
 * (the restore's crash tests stop there).
 */
export function copyTreeSynced(from: string, to: string, step: () => void = () => {}): number {
  let files = 0;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      files += copyTreeSynced(source, target, step);
    } else if (entry.isFile()) {
      copyFileSync(source, target);
      syncFile(target);
      files++;
      step();
    }
  }
  syncFolder(to);
  return files;
}
