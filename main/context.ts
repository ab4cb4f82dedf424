import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DB_FILE_NAME, openStore, type OpenStoreOptions, type Store } from './store/db.js';
import { parisToday } from '../shared/domain/dates.js';
import { Clock } from './store/clock.js';
import { plainProtection, type DocumentKeySource } from './store/key-vault.js';
import { secretFile, type SecretFile } from './store/secret-file.js';
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
  /**
   * Permissions of whoever acts (shared/contract/permissions.ts; `sante` opens medical
   * certificates). Set per call by the dispatch from the logged-in account; the CLI has them all.
   */
  roles: ReadonlySet<string>;
  /**
   * This desk's vault of the keys that encrypt health documents at rest (services/keys/): the
   * desktop's is protected by the OS (safeStorage), the web host's and the CLI's is a 0600 file in
   * the data folder (store/key-vault.ts). Null: no certificate can be stored or opened here.
   */
  documentKeys: DocumentKeySource | null;
  /** The credential that authenticates this desk to the central server (services/sync/). */
  serverCredential: SecretFile;
  /** Tests and the e2e host: dispatch also checks every answer against the contract's output schema. */
  checkOutputs: boolean;
  /**
   * A restore found half-done at the opening and settled (finished or undone): the French notice
   * the desk shows once (`setup.state`), cleared by `setup.dismissNotice`. Null: nothing to say.
   */
  restoreNotice: string | null;
}

export { DB_FILE_NAME } from './store/db.js';

export const SERVER_CREDENTIAL_FILE = 'server-credential';

export interface CreateContextOptions extends OpenStoreOptions {
  dataDir: string;
  actor?: string;
  version?: string;
  today?: () => string;
  now?: () => number;
  /** Default: none (the dispatch gives each call the logged-in account's); the CLI passes all. */
  roles?: Iterable<string>;
  /** Default: none (each entry point passes its vault). */
  documentKeys?: DocumentKeySource | null;
  /** Default: `<data>/server-credential`, 0600 (the web host's and the CLI's); the desktop passes its safeStorage one. */
  serverCredential?: SecretFile;
  /** Default false (production answers are not re-validated); tests turn it on. */
  checkOutputs?: boolean;
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
    roles: new Set(options.roles ?? []),
    documentKeys: options.documentKeys ?? null,
    serverCredential: options.serverCredential ?? secretFile(join(options.dataDir, SERVER_CREDENTIAL_FILE), plainProtection),
    checkOutputs: options.checkOutputs ?? false,
    restoreNotice,
  };
  return ctx;
}

const ROOT = Symbol('guichet.rootContext');
const OWN = Symbol('guichet.viewFields');

/**
 * A per-call view of the process's context with some fields of its own (the caller's actor and
 * roles): every other field is read from the live context and every write goes to it, so that a
 * service replacing `store` (the in-app restore) changes the desk, not a copy.
 */
export function contextView<T extends object>(root: AppContext, fields: T): AppContext & T {
  const base = rootContext(root);
  // A view of a view keeps the first view's own fields (its actor, its roles) under the new ones.
  const own = { ...(root as AppContext & { [OWN]?: object })[OWN], ...fields };
  const ownKeys = new Set<string | symbol>(Reflect.ownKeys(own));
  return new Proxy(base, {
    get: (target, prop): unknown => (prop === ROOT ? target : prop === OWN ? own : ownKeys.has(prop) ? (own as Record<PropertyKey, unknown>)[prop] : (Reflect.get(target, prop) as unknown)),
    set: (target, prop, value) => {
      if (ownKeys.has(prop)) (own as Record<PropertyKey, unknown>)[prop] = value;
      else Reflect.set(target, prop, value);
      return true;
    },
    has: (target, prop) => ownKeys.has(prop) || Reflect.has(target, prop),
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...ownKeys])],
    getOwnPropertyDescriptor: (target, prop) =>
      ownKeys.has(prop)
        ? { value: (own as Record<PropertyKey, unknown>)[prop], writable: true, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(target, prop),
  }) as AppContext & T;
}

/** The process's own context behind a per-call view (itself when it is not a view). */
export function rootContext(ctx: AppContext): AppContext {
  return (ctx as AppContext & { [ROOT]?: AppContext })[ROOT] ?? ctx;
}
