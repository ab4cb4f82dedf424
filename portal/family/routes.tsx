import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './account-routes.js';
import { familyKit, type FamilyOptions } from './kit.js';
import { spaceRoutes } from './space-routes.js';

/**
 * Mon Espace Famille's pages (issue 11), a module of its own beside the sync hub: server-rendered
 * HTML (React to static markup, no script), forms posted as `x-www-form-urlencoded` with a CSRF
 * token, a server-side session. Security headers and the CSP apply to these routes. Each area of
 * the espace registers its own routes with the shared kit (kit.tsx).
 */
export type { FamilyOptions } from './kit.js';
export { notFoundPage } from './kit.js';

const CSS = readFileSync(new URL('./famille.css', import.meta.url));

export async function familyRoutes(app: FastifyInstance, options: FamilyOptions): Promise<void> {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: options.settings.mode === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.get('/famille.css', (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));
  const kit = familyKit(options);
  accountRoutes(app, kit);
  spaceRoutes(app, kit);
}
