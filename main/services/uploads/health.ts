import { AppError } from '../../../shared/contract/errors.js';
import { HIDDEN_HEALTH_TEXT } from '../../../shared/rules/health-visibility.js';
import { HEALTH_PERMISSION } from '../../../shared/contract/permissions.js';
import type { AppContext } from '../../context.js';
import { documentsFolder } from '../../store/files.js';
import { checkedUpload, commitUpload, type DocumentOwner, indexUpload, type PreparedUpload, readStoredFile, uploadSummary, type UploadSummary } from './file-store.js';
import { sha256Hex } from '../../store/files.js';
import { transaction, audit } from '../../store/journal.js';
import { findRecord } from '../../store/records.js';
import { documents } from '../../store/schema.js';
import { currentKey, damaged, encryptFile, keyForFile, parseFile } from '../keys/index.js';

/**
 * Health documents (medical certificates): special-category data (DESIGN.md § Data and storage).
 * Checked by their content (PDF, JPEG or PNG), encrypted at rest under the keyring's current key
 * (services/keys/: AES-256-GCM, the key id in the file's header, the document id as associated
 * data), stored under `documents/sante/` with a name chosen by the program, indexed in `documents`
 * with the SHA-256 of the plaintext; opened only with the `sante` permission, every opening audited.
 */

const HEALTH_ROLE = HEALTH_PERMISSION;

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
  const { content, mime } = checkedUpload(upload.base64);
  const key = currentKey(ctx);
  const storedName = `${ctx.newId()}.bin`;
  const id = ctx.newId();
  const bytes = encryptFile(key.key, key.id, id, content);
  return {
    path: documentsFolder(ctx, 'sante', storedName),
    bytes,
    document: {
      id,
      keyId: key.id,
      kind: 'medical_certificate',
      storedName: `sante/${storedName}`,
      originalName: upload.fileName,
      mime,
      size: content.length,
      sha256: sha256Hex(content),
      isHealth: true,
      blobSha256: sha256Hex(bytes),
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
  const parsed = parseFile(readStoredFile(ctx, doc));
  const key = keyForFile(ctx, parsed.keyId);
  let plaintext: Buffer;
  try {
    plaintext = parsed.decrypt(key, doc.id);
  } catch {
    throw damaged();
  }
  if (sha256Hex(plaintext) !== doc.sha256) {
    throw new AppError({ code: 'CONFLICT', message: 'Le document ne correspond plus à son empreinte SHA-256\u00a0: il a été altéré.' });
  }
  return { mime: doc.mime, fileName: doc.originalName ?? `certificat-${doc.id}`, base64: plaintext.toString('base64') };
}
