import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../main/store/data-lock.js';
import { ROOT, runCli, TSX } from '../helpers/cli.js';

const CHILD = join(__dirname, 'data-lock-child.ts');
let dataDir: string;
let child: ChildProcess | null = null;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'guichet-lock-'));
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Another process holding the data folder, as a running desk does. */
function holder(): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', TSX, CHILD, dataDir], { cwd: ROOT });
    proc.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) done(proc);
    });
    proc.on('exit', () => fail(new Error('the holder stopped')));
  });
}

const exited = (proc: ChildProcess) => new Promise<void>((done) => (proc.exitCode !== null || proc.signalCode !== null ? done() : proc.on('exit', () => done())));

describe('the data folder lock', () => {
  it('refuses a second holder in French, and is free again once released', () => {
    const first = lockDataFolder(dataDir);
    expect(() => lockDataFolder(dataDir)).toThrow(/est déjà utilisé par un autre Guichet \(programme n°\u00a0\d+ .*\)\u00a0: fermez-le d’abord/);
    first.release();
    lockDataFolder(dataDir).release();
  });

  it('makes a restore and the other commands refuse while another process holds it', async () => {
    child = await holder();
    const [restore, backup] = await Promise.all([
      runCli(['restore', join(dataDir, 'nimporte'), '--data', dataDir]),
      runCli(['backup', '--data', dataDir]),
    ]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('est déjà utilisé par un autre Guichet');
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('est déjà utilisé par un autre Guichet');
    expect(existsSync(join(dataDir, 'guichet.sqlite'))).toBe(false);
  });

  it('makes a command wait for another command to finish, rather than refuse it', async () => {
    const other = lockDataFolder(dataDir, { kind: 'cli' });
    const waiting = runCli(['migrate', '--data', dataDir]);
    setTimeout(() => other.release(), 1500);
    const result = await waiting;
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dataDir, 'guichet.sqlite'))).toBe(true);
  });

  it('is taken over at once from a process killed without releasing it (its pid is dead)', async () => {
    child = await holder();
    child.kill('SIGKILL');
    await exited(child);
    expect(existsSync(join(dataDir, 'guichet.verrou'))).toBe(true); // left behind by the killed holder
    const lock = lockDataFolder(dataDir);
    lock.release();
    expect(existsSync(join(dataDir, 'guichet.verrou'))).toBe(false);
  });
});
