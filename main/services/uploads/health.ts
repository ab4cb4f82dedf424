import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError } from '../../../shared/contract/errors.js';
import { HIDDEN_HEALTH_TEXT } from '../../../shared/rules/health-visibility.js';
import { HEALTH_PERMISSION } from '../../../shared/contract/permissions.js';
import type { AppContext } from '../../context.js';
import { documentsFolder } from '../../store/files.js';
import { checkedUpload, commitUpload, type DocumentOwner, indexUpload, type PreparedUpload, uploadSummary, type UploadSummary } from './file-store.js';
import { sha256Hex } from '../../store/files.js';
import { transaction, audit } from '../../store/journal.js';
import { findRecord } from '../../store/records.js';
import { documents } from '../../store/schema.js';

/**
 * Health documents (medical certificates): special-category data (DESIGN.md § Data and storage).
 * Checked by their content (PDF, JPEG or PNG), encrypted at rest with AES-256-GCM under a key the
 * process holds (`ctx.documentKey`), stored under `documents/sante/` with a name chosen by the
 * program, indexed in `documents` with the SHA-256 of the plaintext; opened only by the `sante`
 * role, and every opening is audited.
 *
 * File layout: 12-byte IV, 16-byte GCM tag, ciphertext.
 */

const HEALTH_ROLE = HEALTH_PERMISSION;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function requireKey(ctx: AppContext): Buffer {
  if (!ctx.documentKey || ctx.documentKey.length !== 32) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'Aucune clé de chiffrement des documents de santé n’est configurée sur ce poste\u00a0: le certificat ne peut pas être enregistré.',
    });
  }
  return ctx.documentKey;
}

function encryptDocument(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function decryptDocument(key: Buffer, stored: Buffer): Buffer {
  const iv = stored.subarray(0, IV_BYTES);
  const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A medical certificate as uploaded. */
export interface HealthUpload {
  fileName: string;
  base64: string;
}

/**
 * A medical certificate checked (a key is configured, the content is a PDF, JPEG or PNG) and
 * encrypted, under a name chosen by the program: nothing is written yet.
 */
export function prepareHealthDocument(ctx: AppContext, upload: HealthUpload): PreparedUpload {
  const key = requireKey(ctx);
  const { content, mime } = checkedUpload(upload.base64);
  const storedName = `${ctx.newId()}.bin`;
  return {
    path: documentsFolder(ctx, 'sante', storedName),
    bytes: encryptDocument(key, content),
    document: {
      id: ctx.newId(),
      kind: 'medical_certificate',
      storedName: `sante/${storedName}`,
      originalName: upload.fileName,
      mime,
      size: content.length,
      sha256: sha256Hex(content),
      isHealth: true,
    },
  };
}

/** Stores a medical certificate of a family (and of a child, a request): one transaction, file included. */
export function storeHealthDocument(ctx: AppContext, input: HealthUpload & DocumentOwner): UploadSummary {
  const upload = prepareHealthDocument(ctx, input);
  return commitUpload(ctx, upload, () => {
    indexUpload(ctx, upload, { familyId: input.familyId, childId: input.childId, requestId: input.requestId });
    const summary = uploadSummary(upload);
    // The accueil stores the certificate it receives; only the health permission sees its hash.
    return ctx.roles.has(HEALTH_ROLE) ? summary : { ...summary, sha256: HIDDEN_HEALTH_TEXT };
  });
}

/** Whether the agent at this desk may read medical certificates (the `sante` permission). */
export function mayReadHealth(ctx: AppContext): boolean {
  return ctx.roles.has(HEALTH_ROLE);
}

/** Decrypts a health document for an agent with the `sante` role; the opening is audited. */
export function openHealthDocument(ctx: AppContext, documentId: string): { mime: string; fileName: string; base64: string } {
  if (!ctx.roles.has(HEALTH_ROLE)) {
    throw new AppError({ code: 'FORBIDDEN', message: 'Votre rôle ne permet pas d’ouvrir les certificats médicaux.' });
  }
  const doc = findRecord(ctx, documents, documentId);
  if (!doc || !doc.isHealth) throw AppError.notFound('Ce document de santé n’existe pas (ou plus).');
  const key = requireKey(ctx);
  // Audited before anything is returned (an opening that fails half-way is still recorded).
  // An opening changes no data: an audit entry only, no sync message.
  transaction(ctx, () => {
    audit(ctx, {
      action: 'document.open',
      entity: 'documents',
      entityId: doc.id,
      familyId: doc.familyId,
      before: null,
      after: { original_name: doc.originalName, mime: doc.mime },
    });
  });
  let plaintext: Buffer;
  try {
    plaintext = decryptDocument(key, readFileSync(documentsFolder(ctx, doc.storedName)));
  } catch {
    throw new AppError({ code: 'CONFLICT', message: 'Le document ne peut pas être déchiffré\u00a0: fichier absent, abîmé ou clé différente.' });
  }
  if (sha256Hex(plaintext) !== doc.sha256) {
    throw new AppError({ code: 'CONFLICT', message: 'Le document ne correspond plus à son empreinte SHA-256\u00a0: il a été altéré.' });
  }
  return { mime: doc.mime, fileName: doc.originalName ?? `certificat-${doc.id}`, base64: plaintext.toString('base64') };
}
