import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { StoreOptions } from './store/open.js';

/**
 * Where the portal's store is, for `npm run portal` and `npm run portal:cli`: PostgreSQL when
 * `DATABASE_URL` is set, else PGlite in `--data DIR` (or `GUICHET_PORTAL_DATA`, or
 * `~/.guichet-portail`).
 */
export function storeOptions(values: { data?: string | boolean | undefined }, env: NodeJS.ProcessEnv): StoreOptions & { description: string } {
  const url = env.DATABASE_URL?.trim();
  if (url) return { databaseUrl: url, ...(env.GUICHET_PORTAL_SCHEMA ? { schema: env.GUICHET_PORTAL_SCHEMA } : {}), description: `PostgreSQL (${redact(url)})` };
  const dataDir = resolve(typeof values.data === 'string' ? values.data : (env.GUICHET_PORTAL_DATA ?? resolve(homedir(), '.guichet-portail')));
  return { dataDir, description: `PGlite (${dataDir})` };
}

/** A URL without its password, for logs and messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'adresse illisible';
  }
}
