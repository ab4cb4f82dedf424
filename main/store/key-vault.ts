import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './files.js';

/**
 * Where a desk keeps its own copy of the document keys (the key material; the base holds only
 * their ids and their copies wrapped for the recovery code). One shape for every entry point:
 * - the desktop keeps `<userData>/document-keys.vault`, encrypted by the OS (Electron's
 *   safeStorage: DPAPI, Keychain, libsecret — passed in by main/electron, so this stays testable);
 * - the web host and the CLI, which have no OS key store, keep `<data>/document-keys.vault` as
 *   plain JSON readable by its owner only (mode 0600).
 * A vault never loses a key: keys are only ever added (an old backup restored still finds its keys).
 */

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const VAULT_FILE = 'document-keys.vault';
/** The first versions' key files: the web host's and the CLI's in the data folder, the desktop's in its profile. */
export const LEGACY_PLAIN_KEY_FILE = 'document-key.hex';
export const LEGACY_OS_KEY_FILE = 'document-key.bin';

/** For the web host and the CLI: the vault's JSON as it is (the file's mode protects it). */
export const plainProtection: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plainText) => Buffer.from(plainText, 'utf8'),
  decryptString: (encrypted) => encrypted.toString('utf8'),
};

export interface KeyVault {
  /** The keys this desk holds, by id; throws (French) when the vault exists but cannot be read. */
  load(): Map<string, Buffer>;
  /** Adds keys (never removes one); on disk when this returns. */
  add(keys: ReadonlyMap<string, Buffer>): void;
  /** Where, for messages and the desk's status. */
  readonly location: string;
}

const KEY_HEX = /^[0-9a-f]{64}$/;

/** A vault file protected by `protection` (safeStorage on the desktop, plainProtection elsewhere). */
export function fileVault(file: string, protection: SafeStorageLike): KeyVault {
  const load = (): Map<string, Buffer> => {
    if (!existsSync(file)) return new Map();
    if (!protection.isEncryptionAvailable()) {
      throw new Error('le chiffrement du système (safeStorage) n’est pas disponible sur ce poste');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(protection.decryptString(readFileSync(file)));
    } catch (error) {
      throw new Error(`le coffre des clés ${file} est illisible (${(error as Error).message})`, { cause: error });
    }
    const keys = new Map<string, Buffer>();
    const entries = (parsed as { keys?: unknown }).keys;
    if (typeof entries !== 'object' || entries === null) throw new Error(`le coffre des clés ${file} est mal formé`);
    for (const [id, hex] of Object.entries(entries)) {
      if (typeof hex !== 'string' || !KEY_HEX.test(hex)) throw new Error(`le coffre des clés ${file} contient une clé mal formée (${id})`);
      keys.set(id, Buffer.from(hex, 'hex'));
    }
    return keys;
  };
  return {
    location: file,
    load,
    add(keys) {
      if (!protection.isEncryptionAvailable()) throw new Error('le chiffrement du système (safeStorage) n’est pas disponible sur ce poste');
      const all = load();
      for (const [id, key] of keys) all.set(id, key);
      const json = JSON.stringify({ format: 1, keys: Object.fromEntries([...all].map(([id, key]) => [id, key.toString('hex')])) });
      mkdirSync(dirname(file), { recursive: true });
      writeFileAtomic(file, protection.encryptString(json), 0o600);
    },
  };
}

/** The single key file of the first versions (`document-key.hex` / `.bin`), read to be imported. */
export function readLegacyKey(file: string, protection: SafeStorageLike): Buffer | null {
  if (!existsSync(file) || !protection.isEncryptionAvailable()) return null;
  try {
    const hex = protection.decryptString(readFileSync(file)).trim().toLowerCase();
    return KEY_HEX.test(hex) ? Buffer.from(hex, 'hex') : null;
  } catch {
    return null;
  }
}

/** What a desk's context carries for the document keys: its vault, and the first versions' key files to import. */
export interface DocumentKeySource {
  vault: KeyVault;
  legacy: readonly { file: string; protection: SafeStorageLike }[];
}

/** The web host's and the CLI's: the vault and the old key file in the data folder. */
export function dataFolderKeySource(dataDir: string): DocumentKeySource {
  return {
    vault: fileVault(join(dataDir, VAULT_FILE), plainProtection),
    legacy: [{ file: join(dataDir, LEGACY_PLAIN_KEY_FILE), protection: plainProtection }],
  };
}
