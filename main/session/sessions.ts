import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/contract/errors.js';

/**
 * The sessions of the desk, kept in the main process (never in the renderer): one per Electron
 * window, one per launch cookie of the web host. A session knows who is logged in (an account id,
 * looked up again on every call, so a deactivation takes effect at once), when it last ran an
 * operation (the idle lock) and whether it is locked. Wrong passwords are counted per identifiant:
 * after `maxFailures` in a row, each new try waits `slowdownMs`.
 */
const IDLE_LOCK_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;
const SLOWDOWN_MS = 30 * 1000;

export interface SessionOptions {
  /** Idle time before a session locks itself (default 15 minutes). */
  idleLockMs?: number;
  /** Injectable clock (milliseconds), for the idle lock and the slowdown. */
  now?: () => number;
  maxFailures?: number;
  slowdownMs?: number;
}

export class DeskSession {
  readonly kind = 'desk';
  accountId: string | null = null;
  locked = false;
  lastActivityAt: number;

  constructor(
    readonly id: string,
    readonly registry: SessionRegistry,
  ) {
    this.lastActivityAt = registry.now();
  }

  /** Locks the session when it has been idle too long; true when it is locked. */
  checkIdle(): boolean {
    if (this.accountId !== null && !this.locked && this.registry.now() - this.lastActivityAt >= this.registry.idleLockMs) this.locked = true;
    return this.locked;
  }

  touch(): void {
    this.lastActivityAt = this.registry.now();
  }

  logIn(accountId: string): void {
    this.accountId = accountId;
    this.locked = false;
    this.touch();
  }

  logOut(): void {
    this.accountId = null;
    this.locked = false;
  }
}

/** The CLI and the tests: an IT tool on the data folder itself, acting under its own name with every permission. */
export interface SystemCaller {
  readonly kind: 'system';
  readonly actor: string;
}

export type Caller = DeskSession | SystemCaller;

export function systemCaller(actor: string): SystemCaller {
  return { kind: 'system', actor };
}

interface Failures {
  count: number;
  /** No new try before this instant (ms). */
  until: number;
}

export class SessionRegistry {
  readonly idleLockMs: number;
  readonly now: () => number;
  private readonly maxFailures: number;
  private readonly slowdownMs: number;
  private readonly sessions = new Map<string, DeskSession>();
  private readonly failures = new Map<string, Failures>();

  constructor(options: SessionOptions = {}) {
    this.idleLockMs = options.idleLockMs ?? IDLE_LOCK_MS;
    this.now = options.now ?? Date.now;
    this.maxFailures = options.maxFailures ?? MAX_FAILURES;
    this.slowdownMs = options.slowdownMs ?? SLOWDOWN_MS;
  }

  /** A new session under a random secret id (32 bytes, hex), or under `id` when given. */
  open(id: string = randomBytes(32).toString('hex')): DeskSession {
    const session = new DeskSession(id, this);
    this.sessions.set(id, session);
    return session;
  }

  get(id: string): DeskSession | undefined {
    return this.sessions.get(id);
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  /** Refuses a try while the identifiant is slowed down after too many wrong passwords. */
  checkAttempt(login: string): void {
    const f = this.failures.get(login);
    if (!f || f.count < this.maxFailures) return;
    const wait = f.until - this.now();
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new AppError({
        code: 'TOO_MANY_ATTEMPTS',
        message: `Trop de mots de passe erronés\u00a0: attendez ${seconds}\u00a0seconde${seconds > 1 ? 's' : ''} avant de réessayer.`,
      });
    }
  }

  failed(login: string): void {
    const f = this.failures.get(login) ?? { count: 0, until: 0 };
    f.count += 1;
    if (f.count >= this.maxFailures) f.until = this.now() + this.slowdownMs;
    this.failures.set(login, f);
  }

  succeeded(login: string): void {
    this.failures.delete(login);
  }
}
