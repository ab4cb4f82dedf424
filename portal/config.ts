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

/**
 * What the family pages and the mail need to know about where they run. From the environment:
 * `GUICHET_PORTAL_MODE` (`development` by default: the development mailbox, mails as `.eml` files;
 * `production`), `GUICHET_PUBLIC_URL` (the address parents use: every link in a mail is built from
 * it, never from a request's Host header), `SMTP_URL` (`smtp://user:pass@host:587`; none: mails
 * are written under `<data>/mail/`), `MAIL_FROM`.
 */
export interface PortalSettings {
  mode: 'development' | 'production';
  publicUrl: string;
  /** Where mails are written as `.eml` files when there is no SMTP server (null: nowhere, PostgreSQL without a data folder). */
  mailDir: string | null;
  smtpUrl: string | null;
  mailFrom: string;
}

const MAIL_FROM = 'Caisse des écoles du 11e <ne-pas-repondre@cdeparis11.fr>';

/** The settings of a portal built without any (the sync tests): development, nothing written outside the database. */
export const DEFAULT_SETTINGS: PortalSettings = { mode: 'development', publicUrl: 'http://localhost:5180', mailDir: null, smtpUrl: null, mailFrom: MAIL_FROM };

export function portalSettings(values: { data?: string | boolean | undefined; port?: number }, env: NodeJS.ProcessEnv): PortalSettings {
  const store = storeOptions(values, env);
  const dataDir = store.dataDir ?? (env.GUICHET_PORTAL_DATA ? resolve(env.GUICHET_PORTAL_DATA) : null);
  return {
    mode: env.GUICHET_PORTAL_MODE === 'production' ? 'production' : 'development',
    publicUrl: (env.GUICHET_PUBLIC_URL?.trim() || `http://localhost:${values.port ?? 5180}`).replace(/\/+$/, ''),
    mailDir: dataDir ? resolve(dataDir, 'mail') : null,
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM?.trim() || MAIL_FROM,
  };
}
