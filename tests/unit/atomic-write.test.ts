import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The real node:fs, with its fsync watched: what reaches the disk is what a test can see here.
const synced: number[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    fsyncSync: (fd: number) => {
      synced.push(fd);
      fs.fsyncSync(fd);
    },
  };
});
const { writeFileAtomic } = await import('../../main/store/files.js');

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'guichet-atomic-'));
  synced.length = 0;
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('a document written to disk', () => {
  it('is complete under its name, synced with its folder, and leaves no .part', () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const path = join(folder, 'certificat.bin');
    writeFileAtomic(path, bytes);
    expect(Buffer.compare(readFileSync(path), Buffer.from(bytes))).toBe(0);
    expect(readdirSync(folder)).toEqual(['certificat.bin']);
    // The file, then its folder (the rename) on POSIX systems.
    expect(synced).toHaveLength(process.platform === 'win32' ? 1 : 2);
  });

  it('leaves nothing behind when it cannot be written', () => {
    expect(() => writeFileAtomic(join(folder, 'absent', 'x.pdf'), new Uint8Array([1, 2, 3]))).toThrow();
    expect(readdirSync(folder)).toEqual([]);
  });
});
