import { z } from 'zod';
import { id, op, trimmed } from './common.js';

/** Uploaded pieces: medical certificates (health data, encrypted, restricted) and other pieces of a request. */

/** A file as the screens send it: its name and its bytes, base64 (10 Mo at most once decoded). */
/** An uploaded file is 10 Mo at most (the desk checks it; the server's document store allows for its encryption). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadedFile = z.object({
  fileName: trimmed(200, 'Nom du fichier obligatoire.'),
  base64: z.string({ error: 'Fichier obligatoire.' }).min(1, { error: 'Fichier obligatoire.' }).max(14_000_000, { error: 'Fichier trop volumineux (10 Mo au plus).' }),
});

const uploaded = z.object({ id: z.string(), sha256: z.string(), mime: z.string(), size: z.number() });

export const uploadOperations = {
  'documents.uploadHealth': op(
    z.object({
      familyId: id,
      childId: id.nullable().optional().transform((v) => v ?? null),
      requestId: id.nullable().optional().transform((v) => v ?? null),
      ...uploadedFile.shape,
    }),
    uploaded,
  ),
  'documents.openHealth': op(
    z.object({ documentId: id }),
    z.object({ mime: z.string(), fileName: z.string(), base64: z.string() }),
  ),
  /** A piece of a request as deposited (not a medical certificate), fetched from the server when this desk lacks it. */
  'documents.openPiece': op(
    z.object({ documentId: id }),
    z.object({ mime: z.string(), fileName: z.string(), base64: z.string() }),
  ),
  'documents.uploadPiece': op(
    z.object({
      familyId: id,
      requestId: id,
      kind: z.enum(['radiation_certificate'], { error: 'Type de pièce inconnu.' }),
      ...uploadedFile.shape,
    }),
    uploaded,
  ),
} as const;
