import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { documents } from '../../store/schema.js';
import { prepared, record } from '../journal.js';
import { columnRow } from '../rows.js';

/**
 * Where the documents live: under the data folder (`documents/…`), named by the program
 * (never by what an agent typed), each indexed in the `documents` table with its SHA-256.
 * Generating a document again overwrites its file and updates its index row.
 */

export const DOCUMENTS_DIR = 'documents';

/** The absolute folder for a kind of document (`factures`, `recus`, …), under the data folder. */
export function documentsFolder(ctx: AppContext, ...parts: string[]): string {
  return join(ctx.dataDir, DOCUMENTS_DIR, ...parts);
}

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

// ─── Uploaded pieces (medical certificates, certificats de radiation) ─────────────────────────

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The MIME type read from the first bytes; null for anything else (whatever the file's name). */
function sniffMime(content: Buffer): string | null {
  for (const s of SIGNATURES) {
    if (content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b)) return s.mime;
  }
  return null;
}

/** An uploaded file, checked by its content: not empty, 10 Mo at most, a PDF, JPEG or PNG by its first bytes. */
export function checkedUpload(base64: string): { content: Buffer; mime: string } {
  const content = Buffer.from(base64, 'base64');
  if (content.length === 0) throw AppError.invalid('base64', 'Fichier\u00a0: le fichier est vide.');
  if (content.length > MAX_UPLOAD_BYTES) throw AppError.invalid('base64', 'Fichier\u00a0: 10 Mo au plus.');
  const mime = sniffMime(content);
  if (mime === null) throw AppError.invalid('base64', 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.');
  return { content, mime };
}

export interface UploadedDocumentRow {
  id: string;
  familyId: string;
  childId: string | null;
  requestId: string | null;
  kind: string;
  storedName: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
  isHealth: boolean;
  createdAt: string;
  createdBy: string;
}

/** Indexes an uploaded file already written under `documents/`, with its audit entry (call inside the transaction). */
export function insertUploadedDocument(ctx: AppContext, row: UploadedDocumentRow): void {
  prepared(
    ctx.store.sqlite,
    `INSERT INTO documents (id, family_id, child_id, request_id, kind, stored_name, original_name, mime, size, sha256,
       is_health, created_at, created_by)
     VALUES (@id, @familyId, @childId, @requestId, @kind, @storedName, @originalName, @mime, @size, @sha256, @isHealth, @createdAt, @createdBy)`,
  ).run({ ...row, isHealth: row.isHealth ? 1 : 0 });
  record(ctx, { action: 'document.create', entity: 'documents', entityId: row.id, familyId: row.familyId, before: null, after: columnRow(documents, { ...row }) });
}
