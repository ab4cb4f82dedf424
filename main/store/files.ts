import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.js';

/**
 * Where files live: under the data folder (`documents/…`), named by the program (never by what an
 * agent typed), each indexed in the `documents` table with its SHA-256 (print/archive.ts for
 * generated PDFs, uploads/ for uploaded pieces).
 */

const DOCUMENTS_DIR = 'documents';

/** The absolute folder for a kind of document (`factures`, `recus`, …), under the data folder. */
export function documentsFolder(ctx: AppContext, ...parts: string[]): string {
  return join(ctx.dataDir, DOCUMENTS_DIR, ...parts);
}

export const sha256Hex = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

/** Writes a file complete before anything refers to it (`.part`, then rename; no `.part` left on failure). */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const part = `${path}.part`;
  try {
    writeFileSync(part, bytes);
    renameSync(part, path);
  } catch (error) {
    rmSync(part, { force: true });
    throw error;
  }
}
