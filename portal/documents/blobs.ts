import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.js';
import type { PortalStore } from '../store/open.js';
import { documentBlobs } from '../store/schema.js';

/**
 * The documents' contents on the server, addressed by their SHA-256 (DESIGN.md « Sync »). The
 * server checks the bytes against their address before storing them, and stores each content
 * once: a second upload of the same address changes nothing. It never decrypts anything.
 */

export async function storeBlob(store: PortalStore, input: { sha256: string; bytes: Uint8Array; deskId: string; now: Date }): Promise<{ stored: boolean }> {
  const actual = createHash('sha256').update(input.bytes).digest('hex');
  if (actual !== input.sha256) {
    throw AppError.invalid('sha256', 'Document refusé\u00a0: son contenu ne correspond pas à son empreinte SHA-256 (envoi abîmé ou altéré).');
  }
  const inserted = await store.db
    .insert(documentBlobs)
    .values({ sha256: input.sha256, size: input.bytes.byteLength, content: input.bytes, deskId: input.deskId, receivedAt: input.now })
    .onConflictDoNothing({ target: documentBlobs.sha256 })
    .returning({ sha256: documentBlobs.sha256 });
  return { stored: inserted.length > 0 };
}

export async function readBlob(store: PortalStore, sha256: string): Promise<Uint8Array> {
  const [row] = await store.db.select({ content: documentBlobs.content }).from(documentBlobs).where(eq(documentBlobs.sha256, sha256));
  if (!row) throw AppError.notFound('Ce document n’est pas (encore) sur le serveur\u00a0: le poste qui l’a enregistré ne l’a pas encore envoyé.');
  return row.content;
}
