import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import { MAX_UPLOAD_BYTES } from '../../../shared/contract/uploads.js';
import type { AppContext } from '../../context.js';
import { documentsFolder, writeFileAtomic } from '../../store/files.js';
import { record, transaction } from '../../store/journal.js';
import { columnRow } from '../../store/rows.js';
import { documents } from '../../store/schema.js';
import { inspectUpload, type UploadMime } from './inspect.js';
import { nowIso, prepared } from '../../store/sql.js';
import { requireWritableFamily } from '../families/index.js';

/**
 * Uploaded pieces (medical certificates, certificats de radiation): checked by content, written
 * under `documents/`, indexed and audited. The file is written complete before its row, and removed
 * when the transaction that indexes it fails: no row without its file, no file without its row.
 */


const SIGNATURES: { mime: UploadMime; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The MIME type read from the first bytes; null for anything else (whatever the file's name). */
function sniffMime(content: Buffer): UploadMime | null {
  for (const s of SIGNATURES) {
    if (content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b)) return s.mime;
  }
  return null;
}

/**
 * An uploaded file, checked by its content: not empty, 10 Mo at most, a PDF, JPEG or PNG by its
 * first bytes, then by its structure (inspect.ts: the PDF parses, the image decodes, no second format).
 */
export function checkedUpload(base64: string): { content: Buffer; mime: UploadMime } {
  const content = Buffer.from(base64, 'base64');
  if (content.length === 0) throw AppError.invalid('base64', 'Fichier\u00a0: le fichier est vide.');
  if (content.length > MAX_UPLOAD_BYTES) throw AppError.invalid('base64', 'Fichier\u00a0: 10 Mo au plus.');
  const mime = sniffMime(content);
  if (mime === null) throw AppError.invalid('base64', 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.');
  inspectUpload(content, mime);
  return { content, mime };
}

/** Who a document belongs to. */
export interface DocumentOwner {
  familyId: string;
  childId: string | null;
  requestId: string | null;
}

/** A checked upload, ready to be written: its bytes (encrypted or not), where, and its index row. */
export interface PreparedUpload {
  /** Absolute path of the file to write, under `documents/`. */
  path: string;
  bytes: Buffer;
  document: {
    id: string;
    kind: string;
    /** Relative to `documents/`. */
    storedName: string;
    originalName: string;
    mime: string;
    /** Size and SHA-256 of the plaintext. */
    size: number;
    sha256: string;
    isHealth: boolean;
    /** The key a health document is encrypted under; null for a piece stored as it is. */
    keyId: string | null;
    /** SHA-256 of the bytes written (the encrypted file of a health document): its address on the server. */
    blobSha256: string;
  };
}

/** What an upload operation answers. */
export interface UploadSummary {
  id: string;
  sha256: string;
  mime: string;
  size: number;
}

export const uploadSummary = ({ document: d }: PreparedUpload): UploadSummary => ({ id: d.id, sha256: d.sha256, mime: d.mime, size: d.size });

/**
 * Writes the prepared file, then runs `work` (which indexes it, with whatever else the operation
 * writes) as one transaction; if the transaction fails, the file is removed.
 */
export function commitUpload<T>(ctx: AppContext, upload: PreparedUpload, work: () => T): T {
  mkdirSync(dirname(upload.path), { recursive: true });
  writeFileAtomic(upload.path, upload.bytes);
  try {
    return transaction(ctx, work);
  } catch (error) {
    rmSync(upload.path, { force: true });
    throw error;
  }
}

/**
 * Indexes an upload for its owner, with its audit entry and sync messages (call inside
 * `commitUpload`'s work): the family must be writable, the child and the request its own.
 */
export function indexUpload(ctx: AppContext, upload: PreparedUpload, owner: DocumentOwner): void {
  const { sqlite } = ctx.store;
  requireWritableFamily(ctx, owner.familyId);
  if (owner.childId !== null && !prepared(sqlite, 'SELECT id FROM children WHERE id = ? AND family_id = ?').get(owner.childId, owner.familyId)) {
    throw AppError.invalid('childId', 'Enfant\u00a0: cet enfant n’est pas dans ce dossier.');
  }
  if (owner.requestId !== null && !prepared(sqlite, 'SELECT id FROM requests WHERE id = ? AND family_id = ?').get(owner.requestId, owner.familyId)) {
    throw AppError.invalid('requestId', 'Demande\u00a0: cette demande n’est pas dans ce dossier.');
  }
  const row = { ...upload.document, ...owner, createdAt: nowIso(), createdBy: ctx.actor };
  prepared(
    sqlite,
    `INSERT INTO documents (id, family_id, child_id, request_id, kind, stored_name, original_name, mime, size, sha256,
       is_health, key_id, blob_sha256, created_at, created_by)
     VALUES (@id, @familyId, @childId, @requestId, @kind, @storedName, @originalName, @mime, @size, @sha256, @isHealth, @keyId, @blobSha256, @createdAt, @createdBy)`,
  ).run({ ...row, isHealth: row.isHealth ? 1 : 0 });
  record(ctx, { action: 'document.create', entity: 'documents', entityId: row.id, familyId: row.familyId, before: null, after: columnRow(documents, { ...row }) });
}

/**
 * A document's stored file as this desk has it. A document from another desk whose file has not
 * reached this one yet says so (sync fetches it: services/sync/documents.ts).
 */
export function readStoredFile(ctx: AppContext, doc: { storedName: string; blobSha256: string | null }): Buffer {
  try {
    return readFileSync(documentsFolder(ctx, doc.storedName));
  } catch {
    throw new AppError({
      code: 'CONFLICT',
      message:
        doc.blobSha256 !== null
          ? 'Ce document n’est pas encore sur ce poste\u00a0: il sera récupéré à la prochaine synchronisation.'
          : 'Le document ne peut pas être ouvert\u00a0: son fichier est absent de ce poste.',
    });
  }
}
