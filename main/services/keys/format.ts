import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The encrypted file of a health document, format 1:
 *   `GCHD` · version (1 byte, 1) · key id length (1 byte) · key id (ASCII) · IV (12) · tag (16) · ciphertext
 * AES-256-GCM with a 16-byte tag (enforced when decrypting), and as associated data the header and
 * the document's id: a file copied under another document's name does not decrypt.
 * Files of the first versions have no header (IV · tag · ciphertext, no associated data): they are
 * read with the first key until the rotation rewrites them.
 */

const MAGIC = Buffer.from('GCHD', 'ascii');
const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[a-z0-9]{1,32}$/;

export interface ParsedFile {
  /** Null: the first format (no header). */
  keyId: string | null;
  decrypt(key: Buffer, documentId: string): Buffer;
}

export function encryptFile(key: Buffer, keyId: string, documentId: string, plaintext: Buffer): Buffer {
  if (!KEY_ID.test(keyId)) throw new Error(`identifiant de clé invalide\u00a0: ${keyId}`);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT, keyId.length]), Buffer.from(keyId, 'ascii')]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([header, Buffer.from(documentId, 'utf8')]));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer | null): Buffer {
  if (tag.length !== TAG_BYTES) throw new Error('étiquette d’authentification tronquée');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Reads a stored file's header; `decrypt` throws when the key, the id or the bytes are wrong. */
export function parseFile(stored: Buffer): ParsedFile {
  const hasHeader = stored.length > MAGIC.length + 2 && stored.subarray(0, MAGIC.length).equals(MAGIC);
  if (hasHeader) {
    const version = stored[MAGIC.length];
    const idLength = stored[MAGIC.length + 1] ?? 0;
    const headerEnd = MAGIC.length + 2 + idLength;
    const keyId = stored.subarray(MAGIC.length + 2, headerEnd).toString('ascii');
    if (version === FORMAT && KEY_ID.test(keyId) && stored.length < headerEnd + IV_BYTES + TAG_BYTES) {
      return { keyId, decrypt: () => { throw new Error('fichier tronqué'); } };
    }
    if (version === FORMAT && KEY_ID.test(keyId)) {
      const header = stored.subarray(0, headerEnd);
      const iv = stored.subarray(headerEnd, headerEnd + IV_BYTES);
      const tag = stored.subarray(headerEnd + IV_BYTES, headerEnd + IV_BYTES + TAG_BYTES);
      const ciphertext = stored.subarray(headerEnd + IV_BYTES + TAG_BYTES);
      return { keyId, decrypt: (key, documentId) => gcmOpen(key, iv, tag, ciphertext, Buffer.concat([header, Buffer.from(documentId, 'utf8')])) };
    }
    if (version !== FORMAT && version !== undefined && version > FORMAT) {
      throw new Error(`format de fichier ${version} inconnu de cette version de Guichet`);
    }
  }
  // The first format (a first-format file starting by chance with `GCHD` lands here too).
  return {
    keyId: null,
    decrypt: (key) => gcmOpen(key, stored.subarray(0, IV_BYTES), stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), stored.subarray(IV_BYTES + TAG_BYTES), null),
  };
}
