import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openStore, type OpenStoreOptions, type Store } from './store/db.js';
import { parisToday } from '../shared/domain/dates.js';
import { Clock } from './services/clock.js';

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
}

export const DB_FILE_NAME = 'guichet.sqlite';

export interface CreateContextOptions extends OpenStoreOptions {
  dataDir: string;
  actor?: string;
  version?: string;
  today?: () => string;
  now?: () => number;
}

export function createContext(options: CreateContextOptions): AppContext {
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
  };
  return ctx;
}
