import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './files.js';
import type { SafeStorageLike } from './key-vault.js';

/**
 * One secret of this desk in a file of its own (the server credential): protected by the OS on
 * the desktop (safeStorage, passed in by main/electron), readable by its owner only (0600) for the
 * web host and the CLI — the same two protections as the document keys' vault.
 */
export interface SecretFile {
  read(): string | null;
  write(value: string): void;
  readonly location: string;
}

export function secretFile(path: string, protection: SafeStorageLike): SecretFile {
  return {
    location: path,
    read() {
      if (!existsSync(path)) return null;
      if (!protection.isEncryptionAvailable()) throw new Error('le chiffrement du système (safeStorage) n’est pas disponible sur ce poste');
      return protection.decryptString(readFileSync(path));
    },
    write(value) {
      if (!protection.isEncryptionAvailable()) throw new Error('le chiffrement du système (safeStorage) n’est pas disponible sur ce poste');
      writeFileAtomic(path, protection.encryptString(value), 0o600);
    },
  };
}
