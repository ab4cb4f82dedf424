import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { findRecord } from '../../store/records.js';
import { documents } from '../../store/schema.js';
import { documentsFolder } from '../../store/files.js';
import { sha256Hex } from '../../store/files.js';
import { checkedUpload, commitUpload, indexUpload, type PreparedUpload, readStoredFile, uploadSummary, type UploadSummary } from './file-store.js';

/**
 * Pieces of a request that are not health data (the *certificat de radiation*): the same content
 * checks as the health documents (a PDF that parses, a JPEG or PNG that decodes, 10 Mo at most), stored
 * unencrypted under `documents/pieces/` with a name chosen by the program, indexed in `documents`
 * (`is_health` 0) with the SHA-256 of the content.
 */

type PieceKind = 'radiation_certificate';
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** A piece checked by its content, under a name chosen by the program: nothing is written yet. */
export function prepareRequestPiece(ctx: AppContext, input: { kind: PieceKind; fileName: string; base64: string }): PreparedUpload {
  const { content, mime } = checkedUpload(input.base64);
  const storedName = `${ctx.newId()}.${EXTENSIONS[mime] ?? 'bin'}`;
  return {
    path: documentsFolder(ctx, 'pieces', storedName),
    bytes: content,
    document: {
      id: ctx.newId(),
      kind: input.kind,
      storedName: `pieces/${storedName}`,
      originalName: input.fileName,
      mime,
      size: content.length,
      sha256: sha256Hex(content),
      isHealth: false,
      keyId: null,
      blobSha256: sha256Hex(content),
    },
  };
}

/** Stores a piece of a request: one transaction, file included. */
export function storeRequestPiece(
  ctx: AppContext,
  input: { familyId: string; requestId: string; kind: PieceKind; fileName: string; base64: string },
): UploadSummary {
  const upload = prepareRequestPiece(ctx, input);
  return commitUpload(ctx, upload, () => {
    indexUpload(ctx, upload, { familyId: input.familyId, childId: null, requestId: input.requestId });
    return uploadSummary(upload);
  });
}

/** A piece as deposited (never a health document), checked against its SHA-256 before it is shown. */
export function openRequestPiece(ctx: AppContext, documentId: string): { mime: string; fileName: string; base64: string } {
  const doc = findRecord(ctx, documents, documentId);
  if (!doc || doc.isHealth || doc.storedName.startsWith('documents/')) throw AppError.notFound('Cette pièce n’existe pas (ou plus).');
  const content = readStoredFile(ctx, doc);
  if (sha256Hex(content) !== doc.sha256) {
    throw new AppError({ code: 'CONFLICT', message: 'Le document ne correspond plus à son empreinte SHA-256\u00a0: il a été altéré.' });
  }
  return { mime: doc.mime, fileName: doc.originalName ?? `piece-${doc.id}`, base64: content.toString('base64') };
}
