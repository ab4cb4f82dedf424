import type { AppContext } from '../../context.js';
import { documentsFolder } from '../../store/files.js';
import { sha256Hex } from '../../store/files.js';
import { checkedUpload, commitUpload, indexUpload, type PreparedUpload, uploadSummary, type UploadSummary } from './file-store.js';

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
