import type { AppContext } from '../../context.js';
import { documentsFolder } from '../../store/files.js';
import { sha256Hex } from '../../store/files.js';
import { checkedUpload, commitUpload, indexUpload, type PreparedUpload, uploadSummary, type UploadSummary } from './file-store.js';

/**
 * Pieces of a request that are not health data (the *certificat de radiation*): the same content
 * checks as the health documents (PDF, JPEG or PNG by their first bytes, 10 Mo at most), stored
 * unencrypted under `documents/pieces/` with a name chosen by the program, indexed in `documents`
 * (`is_health` 0) with the SHA-256 of the content.
 */

export const PIECE_KINDS = ['radiation_certificate'] as const;
export type PieceKind = (typeof PIECE_KINDS)[number];
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export function storeRequestPiece(
  ctx: AppContext,
  input: { familyId: string; requestId: string; kind: PieceKind; fileName: string; base64: string },
): UploadSummary {
  const { content, mime } = checkedUpload(input.base64);
  const storedName = `${ctx.newId()}.${EXTENSIONS[mime] ?? 'bin'}`;
  const upload: PreparedUpload = {
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
    },
  };
  return commitUpload(ctx, upload, () => {
    indexUpload(ctx, upload, { familyId: input.familyId, childId: null, requestId: input.requestId });
    return uploadSummary(upload);
  });
}
