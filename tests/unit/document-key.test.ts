import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DOCUMENT_KEY_FILE, loadDocumentKey, localDocumentKey, PLAIN_DOCUMENT_KEY_FILE, type SafeStorageLike } from '../../main/store/document-key.js';

/** A stand-in for Electron's safeStorage: XOR with a fixed pad, tagged, so the hex is never in clear. */
function fakeSafeStorage(available = true): SafeStorageLike {
  const pad = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((b) => b ^ pad)]),
    decryptString: (data) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(3).map((b) => b ^ pad)).toString('utf8');
    },
  };
}

describe('the desktop key for health documents', () => {
  const dirs: string[] = [];
  const fileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-key-'));
    dirs.push(dir);
    return join(dir, 'userData', DOCUMENT_KEY_FILE);
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the encrypted file at first start and returns the same key afterwards', () => {
    const file = fileIn();
    const storage = fakeSafeStorage();
    const first = loadDocumentKey(storage, file);
    expect(first.key).not.toBeNull();
    expect(first.key?.length).toBe(32);
    expect(first.key !== null && first.created).toBe(true);
    expect(existsSync(file)).toBe(true);
    const onDisk = readFileSync(file);
    const hex = first.key!.toString('hex');
    expect(onDisk.toString('latin1')).not.toContain(hex);
    expect(onDisk.includes(first.key!)).toBe(false);

    const second = loadDocumentKey(storage, file);
    expect(second.key?.equals(first.key!)).toBe(true);
    expect(second.key !== null && second.created).toBe(false);
    expect(readFileSync(file).equals(onDisk)).toBe(true);
  });

  it('gives no key (and writes nothing) when the OS cannot encrypt', () => {
    const file = fileIn();
    const result = loadDocumentKey(fakeSafeStorage(false), file);
    expect(result.key).toBeNull();
    expect(result.key === null && result.reason).toMatch(/safeStorage/);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps an unreadable key file untouched and gives no key', () => {
    const file = fileIn();
    loadDocumentKey(fakeSafeStorage(), file);
    writeFileSync(file, 'garbage');
    const result = loadDocumentKey(fakeSafeStorage(), file);
    expect(result.key).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });
});

describe('the web host’s and the CLI’s key for health documents', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-data-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is created in the data folder at first use, readable by its owner only, and the same afterwards', () => {
    const dir = dataDir();
    const key = localDocumentKey(dir, null);
    expect(key).toHaveLength(32);
    const file = join(dir, PLAIN_DOCUMENT_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(localDocumentKey(dir, null)!.equals(key!)).toBe(true);
  });

  it('is the environment’s key when one is given, and then no file is written', () => {
    const dir = dataDir();
    const fromEnv = Buffer.alloc(32, 7);
    expect(localDocumentKey(dir, fromEnv)).toBe(fromEnv);
    expect(existsSync(join(dir, PLAIN_DOCUMENT_KEY_FILE))).toBe(false);
  });
});
