import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/contract/errors.js';
import type { AppContext } from '../context.js';
import { documents } from '../store/schema.js';
import { MAX_HEALTH_DOCUMENT_BYTES, sniffMime } from './health-documents.js';
import { prepared, record, transaction } from './journal.js';
import { columnRow } from './rows.js';

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
  const content = Buffer.from(input.base64, 'base64');
  if (content.length === 0) throw AppError.invalid('base64', 'Fichier\u00a0: le fichier est vide.');
  if (content.length > MAX_HEALTH_DOCUMENT_BYTES) throw AppError.invalid('base64', 'Fichier\u00a0: 10 Mo au plus.');
  const mime = sniffMime(content);
  if (mime === null) throw AppError.invalid('base64', 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.');
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
  const path = join(folder, storedName);
  writeFileSync(`${path}.part`, content);
  renameSync(`${path}.part`, path);
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
    sha256: createHash('sha256').update(content).digest('hex'),
    isHealth: false,
    createdAt: new Date().toISOString(),
    createdBy: ctx.actor,
  };
  transaction(ctx, () => {
    prepared(
      sqlite,
      `INSERT INTO documents (id, family_id, child_id, request_id, kind, stored_name, original_name, mime, size, sha256,
         is_health, created_at, created_by)
       VALUES (@id, @familyId, @childId, @requestId, @kind, @storedName, @originalName, @mime, @size, @sha256, 0, @createdAt, @createdBy)`,
    ).run(row);
    record(ctx, { action: 'document.create', entity: 'documents', entityId: id, familyId: input.familyId, before: null, after: columnRow(documents, row) });
  });
  return { id, sha256: row.sha256, mime, size: row.size };
}
