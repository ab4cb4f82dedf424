import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The key that encrypts health documents at rest (ctx.documentKey): 32 random bytes generated at
 * first start and kept beside the data. One source for every entry point:
 * - the desktop keeps `<userData>/document-key.bin` encrypted by the OS (Electron's safeStorage:
 *   DPAPI, Keychain, libsecret; main/electron passes safeStorage in, so this stays testable);
 * - the web host and the CLI, which have no OS key store, keep `<data>/document-key.hex`, readable
 *   by its owner only (mode 0600) — unless `GUICHET_DOCUMENT_KEY` gives the key.
 */

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const DOCUMENT_KEY_FILE = 'document-key.bin';
/** The web host's and the CLI's key file, in the data folder (no OS protection: file mode 0600). */
export const PLAIN_DOCUMENT_KEY_FILE = 'document-key.hex';

/** Stores the key as its hex text: for the web host and the CLI, which have no OS key store. */
const plainKeyStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plainText) => Buffer.from(plainText, 'utf8'),
  decryptString: (encrypted) => encrypted.toString('utf8'),
};

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

/**
 * The key of the web host and the CLI: `GUICHET_DOCUMENT_KEY` when set (64 hex digits), else the
 * data folder's key file, created at first use. Null (with a warning on stderr) only when neither
 * can be had.
 */
export function localDocumentKey(dataDir: string, fromEnv: Buffer | null): Buffer | null {
  if (fromEnv) return fromEnv;
  const loaded = loadDocumentKey(plainKeyStorage, join(dataDir, PLAIN_DOCUMENT_KEY_FILE));
  if (loaded.key === null) console.warn(`Guichet : pas de clé pour les documents de santé — ${loaded.reason}.`);
  return loaded.key;
}
