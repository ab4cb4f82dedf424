import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { record } from '../../store/journal.js';
import { columnRow } from '../../store/rows.js';
import { documents } from '../../store/schema.js';
import { prepared } from '../../store/sql.js';

/** Uploaded pieces (medical certificates, certificats de radiation): checked by content, indexed, audited. */

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
