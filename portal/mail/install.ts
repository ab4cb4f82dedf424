import type { FastifyInstance } from 'fastify';
import type { PortalSettings } from '../config.js';
import type { PortalStore } from '../store/open.js';
import { devMailboxRoutes } from './dev-mailbox.js';
import { startMailJob } from './job.js';
import { mailTransport } from './transport.js';

/** What the family pages see of the mail: `app.mail.kick()` after a transaction that enqueued one. */
export interface PortalMail {
  /** Deliver now rather than at the next round (within 5 s), without waiting for it. */
  kick(): void;
  /** Deliver now and wait for it (tests, before reading the `.eml`). */
  flush(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: PortalMail;
  }
}

/**
 * The portal's mail: the transport its settings ask for, the delivery job (stopped when the app
 * closes, before the caller closes the store) and, in development with a mail folder, the
 * development mailbox.
 */
export function installMail(app: FastifyInstance, options: { store: PortalStore; now: () => Date; settings: PortalSettings }): void {
  const transport = mailTransport(options.settings, app.log);
  const job = startMailJob(options.store, transport, { now: options.now, log: app.log });
  app.decorate('mail', { kick: () => job.kick(), flush: () => job.flush() } satisfies PortalMail);
  app.addHook('onClose', async () => {
    await job.stop();
    transport.close();
  });
  if (options.settings.mode === 'development' && options.settings.mailDir) devMailboxRoutes(app, { store: options.store, mailDir: options.settings.mailDir });
}
