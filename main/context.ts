import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DB_FILE_NAME, openStore, type OpenStoreOptions, type Store } from './store/db.js';
import { parisToday } from '../shared/domain/dates.js';
import { Clock } from './store/clock.js';
import { recoverDataFolder } from './store/restore.js';

/**
 * Everything a service needs, built once per process by each entry point (Electron, web host,
 * CLI, tests): the store, who acts (for the audit), this desktop's sync node and clock.
 */
export interface AppContext {
  store: Store;
  dataDir: string;
  actor: string;
  clock: Clock;
  version: string;
  /** Today in Paris (`YYYY-MM-DD`); injectable so rules can be tested on any day. */
  today(): string;
  newId(): string;
  /** Roles of the agent at this desktop: `sante` opens medical certificates (DESIGN.md). */
  roles: ReadonlySet<string>;
  /**
   * AES-256 key (32 bytes) that encrypts health documents at rest; null: none can be stored.
   * Web host, CLI and tests: env GUICHET_DOCUMENT_KEY (64 hex digits). Desktop: the Electron layer
   * passes one kept encrypted by the OS (safeStorage, main/electron/document-key.ts).
   */
  documentKey: Buffer | null;
  /** Tests and the e2e host: dispatch also checks every answer against the contract's output schema. */
  checkOutputs: boolean;
  /**
   * A restore found half-done at the opening and settled (finished or undone): the French notice
   * the desk shows once (`setup.state`), cleared by `setup.dismissNotice`. Null: nothing to say.
   */
  restoreNotice: string | null;
}

export { DB_FILE_NAME } from './store/db.js';

export interface CreateContextOptions extends OpenStoreOptions {
  dataDir: string;
  actor?: string;
  version?: string;
  today?: () => string;
  now?: () => number;
  /** Default: env GUICHET_ROLES (comma list), else `agent` only (no access to certificates). */
  roles?: Iterable<string>;
  /** Default: env GUICHET_DOCUMENT_KEY (64 hex digits), else null. */
  documentKey?: Buffer | null;
  /** Default false (production answers are not re-validated); tests turn it on. */
  checkOutputs?: boolean;
}

/** Roles from `GUICHET_ROLES` (« agent,sante »); `agent` alone when unset. */
export function rolesFromEnv(value = process.env.GUICHET_ROLES): Set<string> {
  const roles = (value ?? 'agent')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  return new Set(roles.length > 0 ? roles : ['agent']);
}

/** The document key from `GUICHET_DOCUMENT_KEY` (64 hex digits); null when unset or malformed. */
export function documentKeyFromEnv(value = process.env.GUICHET_DOCUMENT_KEY): Buffer | null {
  if (value === undefined || !/^[0-9a-fA-F]{64}$/.test(value.trim())) return null;
  return Buffer.from(value.trim(), 'hex');
}

export function createContext(options: CreateContextOptions): AppContext {
  // A restore left half-done is finished or undone before the base is opened (never an empty base).
  const restoreNotice = recoverDataFolder(options.dataDir);
  const store = openStore(join(options.dataDir, DB_FILE_NAME), options);
  const clock = Clock.load(store, options.now ?? Date.now);
  const ctx: AppContext = {
    store,
    dataDir: options.dataDir,
    actor: options.actor ?? 'agent',
    clock,
    version: options.version ?? '0.1.0',
    today: options.today ?? (() => parisToday()),
    newId: () => randomUUID(),
    roles: new Set(options.roles ?? rolesFromEnv()),
    documentKey: options.documentKey !== undefined ? options.documentKey : documentKeyFromEnv(),
    checkOutputs: options.checkOutputs ?? false,
    restoreNotice,
  };
  return ctx;
}
