import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key that encrypts health documents at rest (ctx.documentKey), on a desktop: 32 random bytes
 * generated at first start, kept in `<userData>/document-key.bin` encrypted by the OS (Electron's
 * safeStorage: DPAPI, Keychain, libsecret). No electron import here: main.ts passes safeStorage in,
 * so this stays testable under Node.
 */

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const DOCUMENT_KEY_FILE = 'document-key.bin';

export type DocumentKeyResult = { key: Buffer; created: boolean } | { key: null; reason: string };

/**
 * Reads (or, when absent, creates) the encrypted key file. Never throws: without a key, storing a
 * certificate fails later with its own French message; `reason` says why, for the log.
 * An existing file that cannot be decrypted is left untouched (overwriting it would make the
 * documents already stored unreadable).
 */
export function loadDocumentKey(safeStorage: SafeStorageLike, file: string): DocumentKeyResult {
  try {
    if (!safeStorage.isEncryptionAvailable()) {
      return { key: null, reason: 'le chiffrement du système (safeStorage) n’est pas disponible' };
    }
    let created = false;
    if (!existsSync(file)) {
      const hex = randomBytes(32).toString('hex');
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, safeStorage.encryptString(hex), { mode: 0o600 });
      renameSync(tmp, file);
      created = true;
    }
    const hex = safeStorage.decryptString(readFileSync(file)).trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) {
      return { key: null, reason: `le fichier ${file} ne contient pas une clé valide` };
    }
    return { key: Buffer.from(hex, 'hex'), created };
  } catch (error) {
    return { key: null, reason: `la clé des documents de santé n’a pas pu être lue (${(error as Error).message})` };
  }
}
