import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { checkedUpload, insertUploadedDocument } from './file-store.js';
import { sha256Hex, writeFileAtomic } from '../../store/files.js';
import { transaction } from '../../store/journal.js';
import { prepared } from '../../store/sql.js';

/**
 * Pieces of a request that are not health data (the *certificat de radiation*): the same content
 * checks as the health documents (PDF, JPEG or PNG by their first bytes, 10 Mo at most), stored
 * unencrypted under `documents/pieces/` with a name chosen by the program, indexed in `documents`
 * (`is_health` 0) with the SHA-256 of the content.
 */

export const PIECE_KINDS = ['radiation_certificate'] as const;
export type PieceKind = (typeof PIECE_KINDS)[number];
const FOLDER = join('documents', 'pieces');
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export function storeRequestPiece(
  ctx: AppContext,
  input: { familyId: string; requestId: string; kind: PieceKind; fileName: string; base64: string },
): { id: string; sha256: string; mime: string; size: number } {
  const { content, mime } = checkedUpload(input.base64);
  const { sqlite } = ctx.store;
  const family = prepared(sqlite, 'SELECT status FROM families WHERE id = ?').get(input.familyId) as { status: string } | undefined;
  if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
  if (family.status === 'archived') throw new AppError({ code: 'CONFLICT', message: 'Ce dossier est archivé\u00a0: il ne peut plus être modifié.' });
  if (!prepared(sqlite, 'SELECT id FROM requests WHERE id = ? AND family_id = ?').get(input.requestId, input.familyId)) {
    throw AppError.invalid('requestId', 'Demande\u00a0: cette demande n’est pas dans ce dossier.');
  }
  const id = ctx.newId();
  const storedName = `${ctx.newId()}.${EXTENSIONS[mime] ?? 'bin'}`;
  const folder = join(ctx.dataDir, FOLDER);
  mkdirSync(folder, { recursive: true });
  writeFileAtomic(join(folder, storedName), content);
  const row = {
    id,
    familyId: input.familyId,
    childId: null,
    requestId: input.requestId,
    kind: input.kind,
    storedName: `pieces/${storedName}`,
    originalName: input.fileName,
    mime,
    size: content.length,
    sha256: sha256Hex(content),
    isHealth: false,
    createdAt: new Date().toISOString(),
    createdBy: ctx.actor,
  };
  transaction(ctx, () => insertUploadedDocument(ctx, row));
  return { id, sha256: row.sha256, mime, size: row.size };
}
