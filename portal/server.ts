import Fastify, { type FastifyInstance } from 'fastify';
import { enrolRequest, enrolResponse, type HealthResponse } from '../shared/contract/server.js';
import { parseOrThrow } from '../shared/contract/validation.js';
import { redeemEnrolmentCode } from './desks/enrolment.js';
import { documentRoutes } from './documents/routes.js';
import { familyRoutes, notFoundPage } from './family/routes.js';
import { DEFAULT_SETTINGS, type PortalSettings } from './config.js';
import { installErrorHandler } from './http-errors.js';
import { installMail } from './mail/install.js';
import { numberRoutes } from './numbers/routes.js';
import { syncRoutes } from './sync/routes.js';
import { appliedMigrations, shippedMigrations, type PortalStore } from './store/open.js';

/**
 * The central server (issue 10): the sync hub for the desks (`/sync/…`), the numbering of their
 * invoices (`/sync/numbers`) and the family pages (Mon Espace Famille, issue 11), as separate
 * modules on one Fastify app.
 * It keeps no state of its own in memory.
 */
export interface PortalOptions {
  store: PortalStore;
  /** The server's clock (tests inject theirs). */
  now: () => Date;
  /** Pino's level for the JSON-line logs (Fastify's logger), or false for none (tests). */
  logLevel: string | false;
  /** Mode, public address and mail (config.ts); by default development on localhost, mails kept in the database only. */
  settings?: PortalSettings;
}

/** A sync chunk is at most 1 MiB of messages; the envelope gets a little room around it. */
const BODY_LIMIT = 2 * 1024 * 1024;

export function buildPortal(options: PortalOptions): FastifyInstance {
  const app = Fastify({ logger: options.logLevel ? { level: options.logLevel } : false, bodyLimit: BODY_LIMIT, return503OnClosing: true });
  installErrorHandler(app, { htmlNotFound: notFoundPage });

  app.get('/health', async (_request, reply) => {
    const body = await health(options.store);
    return reply.status(body.status === 'ok' ? 200 : 503).send(body);
  });

  app.post('/sync/enrol', async (request) => {
    const input = parseOrThrow(enrolRequest, request.body);
    const now = options.now();
    const desk = await redeemEnrolmentCode(options.store, input.code, now);
    request.log.info({ deskId: desk.deskId }, 'poste enrôlé');
    return enrolResponse.parse({ ...desk, serverTime: now.toISOString() });
  });

  syncRoutes(app, options);
  numberRoutes(app, options);
  // Its own scope: the raw-bytes parser of the documents applies to their routes only.
  void app.register(documentRoutes, { store: options.store, now: options.now });
  const settings = options.settings ?? DEFAULT_SETTINGS;
  installMail(app, { store: options.store, now: options.now, settings });
  // Mon Espace Famille: its own scope (form parsing, cookies, security headers of its pages).
  void app.register(familyRoutes, { store: options.store, now: options.now, settings, kickMail: () => app.mail.kick() });
  return app;
}

/** The database answers and holds this program's migrations, or why not. */
export async function health(store: PortalStore): Promise<HealthResponse> {
  const shipped = shippedMigrations();
  try {
    const applied = await appliedMigrations(store);
    const current = applied === shipped;
    return {
      status: current ? 'ok' : 'unavailable',
      database: store.kind,
      migrations: { applied, shipped },
      message: current ? null : `La base a ${applied} migration(s) sur ${shipped}\u00a0: lancez «\u00a0npm run portal:cli -- migrate\u00a0».`,
    };
  } catch (error) {
    return { status: 'unavailable', database: store.kind, migrations: null, message: `Base de données injoignable\u00a0: ${(error as Error).message}` };
  }
}
