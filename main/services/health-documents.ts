import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/contract/errors.js';
import type { AppContext } from '../context.js';
import { documents } from '../store/schema.js';
import { prepared, record, transaction } from './journal.js';
import { columnRow } from './rows.js';
import { auditOnly } from './billing/sql.js';

/**
 * Health documents (medical certificates): special-category data (DESIGN.md § Data and storage).
 * Checked by their content (PDF, JPEG or PNG), encrypted at rest with AES-256-GCM under a key the
 * process holds (`ctx.documentKey`), stored under `documents/sante/` with a name chosen by the
 * program, indexed in `documents` with the SHA-256 of the plaintext; opened only by the `sante`
 * role, and every opening is audited.
 *
 * File layout: 12-byte IV, 16-byte GCM tag, ciphertext.
 */

export const HEALTH_ROLE = 'sante';
export const MAX_HEALTH_DOCUMENT_BYTES = 10 * 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FOLDER = join('documents', 'sante');

const SIGNATURES: { mime: string; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The MIME type read from the first bytes; null for anything else (whatever the file's name). */
export function sniffMime(content: Buffer): string | null {
  for (const s of SIGNATURES) {
    if (content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b)) return s.mime;
  }
  return null;
}

function requireKey(ctx: AppContext): Buffer {
  if (!ctx.documentKey || ctx.documentKey.length !== 32) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'Aucune clé de chiffrement des documents de santé n’est configurée sur ce poste\u00a0: le certificat ne peut pas être enregistré.',
    });
  }
  return ctx.documentKey;
}

export function encryptDocument(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptDocument(key: Buffer, stored: Buffer): Buffer {
  const iv = stored.subarray(0, IV_BYTES);
  const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

export interface StoreHealthDocumentInput {
  familyId: string;
  childId: string | null;
  requestId: string | null;
  fileName: string;
  base64: string;
}

export function storeHealthDocument(
  ctx: AppContext,
  input: StoreHealthDocumentInput,
): { id: string; sha256: string; mime: string; size: number } {
  const key = requireKey(ctx);
  const content = Buffer.from(input.base64, 'base64');
  if (content.length === 0) throw AppError.invalid('base64', 'Fichier\u00a0: le fichier est vide.');
  if (content.length > MAX_HEALTH_DOCUMENT_BYTES) throw AppError.invalid('base64', 'Fichier\u00a0: 10 Mo au plus.');
  const mime = sniffMime(content);
  if (mime === null) throw AppError.invalid('base64', 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.');
  const { sqlite } = ctx.store;
  if (!prepared(sqlite, 'SELECT id FROM families WHERE id = ?').get(input.familyId)) {
    throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
  }
  if (input.childId !== null && !prepared(sqlite, 'SELECT id FROM children WHERE id = ? AND family_id = ?').get(input.childId, input.familyId)) {
    throw AppError.invalid('childId', 'Enfant\u00a0: cet enfant n’est pas dans ce dossier.');
  }
  if (input.requestId !== null && !prepared(sqlite, 'SELECT id FROM requests WHERE id = ? AND family_id = ?').get(input.requestId, input.familyId)) {
    throw AppError.invalid('requestId', 'Demande\u00a0: cette demande n’est pas dans ce dossier.');
  }

  const id = ctx.newId();
  const storedName = `${ctx.newId()}.bin`;
  const folder = join(ctx.dataDir, FOLDER);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, storedName);
  // Written complete before the row refers to it (`.part` then rename).
  writeFileSync(`${path}.part`, encryptDocument(key, content));
  renameSync(`${path}.part`, path);
  const row = {
    id,
    familyId: input.familyId,
    childId: input.childId,
    requestId: input.requestId,
    kind: 'medical_certificate',
    storedName: `sante/${storedName}`,
    originalName: input.fileName,
    mime,
    size: content.length,
    sha256: sha256(content),
    isHealth: true,
    createdAt: new Date().toISOString(),
    createdBy: ctx.actor,
  };
  transaction(ctx, () => {
    prepared(
      sqlite,
      `INSERT INTO documents (id, family_id, child_id, request_id, kind, stored_name, original_name, mime, size, sha256,
         is_health, created_at, created_by)
       VALUES (@id, @familyId, @childId, @requestId, @kind, @storedName, @originalName, @mime, @size, @sha256, 1, @createdAt, @createdBy)`,
    ).run(row);
    record(ctx, { action: 'document.create', entity: 'documents', entityId: id, familyId: input.familyId, before: null, after: columnRow(documents, row) });
  });
  return { id, sha256: row.sha256, mime, size: row.size };
}

interface DocumentRecord {
  id: string;
  family_id: string | null;
  stored_name: string;
  original_name: string | null;
  mime: string;
  sha256: string;
  is_health: number;
}

/** Decrypts a health document for an agent with the `sante` role; the opening is audited. */
export function openHealthDocument(ctx: AppContext, documentId: string): { mime: string; fileName: string; base64: string } {
  if (!ctx.roles.has(HEALTH_ROLE)) {
    throw new AppError({ code: 'FORBIDDEN', message: 'Votre rôle ne permet pas d’ouvrir les certificats médicaux.' });
  }
  const doc = prepared(ctx.store.sqlite, 'SELECT * FROM documents WHERE id = ?').get(documentId) as DocumentRecord | undefined;
  if (!doc || doc.is_health !== 1) throw AppError.notFound('Ce document de santé n’existe pas (ou plus).');
  const key = requireKey(ctx);
  // Audited before anything is returned (an opening that fails half-way is still recorded).
  // An opening changes no data: an audit entry only, no sync message.
  transaction(ctx, () => {
    auditOnly(ctx, {
      action: 'document.open',
      entity: 'documents',
      entityId: doc.id,
      familyId: doc.family_id,
      before: null,
      after: { original_name: doc.original_name, mime: doc.mime },
    });
  });
  let plaintext: Buffer;
  try {
    plaintext = decryptDocument(key, readFileSync(join(ctx.dataDir, 'documents', doc.stored_name)));
  } catch {
    throw new AppError({ code: 'CONFLICT', message: 'Le document ne peut pas être déchiffré\u00a0: fichier absent, abîmé ou clé différente.' });
  }
  if (sha256(plaintext) !== doc.sha256) {
    throw new AppError({ code: 'CONFLICT', message: 'Le document ne correspond plus à son empreinte SHA-256\u00a0: il a été altéré.' });
  }
  return { mime: doc.mime, fileName: doc.original_name ?? `certificat-${doc.id}`, base64: plaintext.toString('base64') };
}
