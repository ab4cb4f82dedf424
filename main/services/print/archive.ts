import { mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { AppContext } from '../../context.js';
import { documentsFolder, sha256Hex, writeFileAtomic } from '../../store/files.js';
import { prepared } from '../../store/sql.js';

/**
 * Generated PDFs kept under the data folder (`documents/factures/…`) and indexed with their
 * SHA-256. Generating a document again overwrites its file and updates its index row.
 */

/** « Mars / Avril 2026 » → « mars-avril-2026 » (letters, digits and dashes only). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Records (or refreshes) a file already written under the data folder. */
export function indexDocument(
  ctx: AppContext,
  file: { path: string; kind: string; familyId: string | null; size: number; sha256: string },
): void {
  const storedName = relative(ctx.dataDir, file.path).split(sep).join('/');
  prepared(
    ctx.store.sqlite,
    `INSERT INTO documents (id, family_id, child_id, kind, stored_name, original_name, mime, size, sha256, is_health, created_at, created_by)
     VALUES (@id, @family_id, NULL, @kind, @stored_name, NULL, 'application/pdf', @size, @sha256, 0, @created_at, @created_by)
     ON CONFLICT(stored_name) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, created_at = excluded.created_at, created_by = excluded.created_by`,
  ).run({
    id: ctx.newId(),
    family_id: file.familyId,
    kind: file.kind,
    stored_name: storedName,
    size: file.size,
    sha256: file.sha256,
    created_at: new Date().toISOString(),
    created_by: ctx.actor,
  });
}

/** Writes one PDF atomically under the data folder and indexes it. */
export function storeDocument(
  ctx: AppContext,
  input: { folder: string[]; fileName: string; kind: string; familyId: string | null; bytes: Uint8Array },
): string {
  const path = join(documentsFolder(ctx, ...input.folder), input.fileName);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, input.bytes);
  const sha256 = sha256Hex(input.bytes);
  indexDocument(ctx, { path, kind: input.kind, familyId: input.familyId, size: input.bytes.byteLength, sha256 });
  return path;
}
