import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '../../shared/contract/errors.js';
import { writeFileAtomic } from './files.js';

/**
 * The data folder belongs to one process at a time (the desktop, the web host, or a CLI command
 * that writes): a lock held for the process's lifetime, so that a second Guichet, or a restore
 * from another process, is refused instead of writing under the first one's feet.
 *
 * proper-lockfile makes the lock (a folder created atomically, its mtime refreshed every few
 * seconds, released on exit); beside it, `guichet.verrou.json` says who holds it. A process killed
 * without a chance to release (SIGKILL, power cut) leaves the folder behind: the next start takes it
 * over at once when the holder's pid is dead on this computer, else once its mtime is stale.
 */

const LOCK_DIR = 'guichet.verrou';
const OWNER_FILE = 'guichet.verrou.json';
/** A lock not refreshed for this long is taken over (the holder froze, or runs on another computer that died). */
const STALE_MS = 30_000;

export interface DataLock {
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
  since: string;
  /** A CLI command holds the folder for a moment: another command waits for it; a desk holds it for its lifetime. */
  kind: 'cli' | 'desk';
}

/** How long a CLI command waits for another one that holds the folder (a desk's lock is refused at once). */
const CLI_WAIT_MS = 120_000;

export function lockDataFolder(dataDir: string, options: { kind?: Owner['kind'] } = {}): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const kind = options.kind ?? 'desk';
  const deadline = Date.now() + CLI_WAIT_MS;
  let release: () => void;
  for (;;) {
    try {
      release = acquire(dataDir, true);
      break;
    } catch (error) {
      // A command waits for another command to finish (scripts run one after the other).
      if (kind !== 'cli' || !(error instanceof AppError) || readOwner(dataDir)?.kind === 'desk' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  const owner: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), kind };
  writeFileAtomic(join(dataDir, OWNER_FILE), Buffer.from(JSON.stringify(owner)));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(join(dataDir, OWNER_FILE), { force: true });
      try {
        release();
      } catch {
        // Already gone (removed by hand): nothing left to release.
      }
    },
  };
}

function acquire(dataDir: string, retryDeadOwner: boolean): () => void {
  try {
    return lockfile.lockSync(dataDir, {
      lockfilePath: join(dataDir, LOCK_DIR),
      realpath: false,
      stale: STALE_MS,
      // A lock that could not be refreshed (disk gone): say so; the process keeps running.
      onCompromised: (error) => console.error(`Guichet\u00a0: le verrou du dossier de données n’est plus tenu (${error.message}).`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = readOwner(dataDir);
    if (retryDeadOwner && owner !== null && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid)) {
      // Left by a process that died on this computer: take it over now.
      rmSync(join(dataDir, LOCK_DIR), { recursive: true, force: true });
      return acquire(dataDir, false);
    }
    throw lockedError(dataDir, owner);
  }
}

/** The French refusal when another process holds the folder. */
function lockedError(dataDir: string, owner: Owner | null): AppError {
  const who = owner ? ` (programme n°\u00a0${owner.pid} sur ${owner.host}, depuis ${owner.since.slice(0, 16).replace('T', ' ')} UTC)` : '';
  return new AppError({
    code: 'CONFLICT',
    message: `Le dossier de données ${dataDir} est déjà utilisé par un autre Guichet${who}\u00a0: fermez-le d’abord (une seule application à la fois sur un dossier de données).`,
  });
}

function readOwner(dataDir: string): Owner | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Partial<Owner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return { pid: value.pid, host: value.host, since: typeof value.since === 'string' ? value.since : '', kind: value.kind === 'cli' ? 'cli' : 'desk' };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
