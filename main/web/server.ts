import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { HTTP_STATUS, type DispatchResult } from '../../shared/contract/bridge.js';
import type { AppErrorShape } from '../../shared/contract/errors.js';
import { dispatch } from '../api/dispatch.js';
import type { AppContext } from '../context.js';
import { SessionRegistry, type DeskSession } from '../session/index.js';
import { SECURITY_HEADERS } from './headers.js';

/**
 * The HTTP transport (`npm run web`): serves the built renderer and answers the contract's
 * operations at `POST /api/<operation>` on the loopback only. The caller is checked on every
 * request: Host must be this host (DNS-rebinding defence), a present Origin must be this origin.
 * No page carries a secret: the one-time launch URL (`/ouvrir/<code>`, printed at launch) sets an
 * HttpOnly SameSite=Strict cookie holding the session's secret, and every API call is answered for
 * that cookie's session only (CSRF: Origin check + SameSite=Strict + JSON content type required).
 */
export interface WebHostOptions {
  ctx: AppContext;
  /** 0 = any free port. */
  port: number;
  /** Only the loopback is ever bound. */
  host?: '127.0.0.1';
  /** Folder with the built renderer (index.html + assets), normally dist/renderer. */
  rendererDir: string;
  /** The desk sessions (one per launch cookie); a new registry (15 minutes idle lock) when not given. */
  sessions?: SessionRegistry;
}

export interface WebHost {
  url: string;
  port: number;
  /** A new one-time launch URL (`/ouvrir/<code>`): opening it gives the browser its session cookie. */
  launchUrl(): string;
  sessions: SessionRegistry;
  close(): Promise<void>;
}

/** Named by port: two Guichet hosts on one machine (cookies ignore ports) keep their own sessions. */
const SESSION_COOKIE_PREFIX = 'guichet_session_';
const CODE_PATTERN = /^[0-9a-f]{64}$/;

/** CSV imports travel base64 inside the JSON body (30 MB file ≈ 40 MB of base64). */
const BODY_LIMIT = 45 * 1024 * 1024;

const BIND_HOST = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { ctx } = options;
  const sessions = options.sessions ?? new SessionRegistry();
  const rendererDir = resolve(options.rendererDir);
  /** Launch codes not used yet, by their SHA-256 (a code opens one session, once). */
  const launchCodes = new Set<string>();
  /** Sessions by the SHA-256 of their cookie's secret. */
  const byCookie = new Map<string, DeskSession>();

  const sessionOf = (request: FastifyRequest): DeskSession | undefined => {
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE_PREFIX + String(port));
    if (secret === undefined || !CODE_PATTERN.test(secret)) return undefined;
    return byCookie.get(digest(secret).toString('hex'));
  };

  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // An URL that cannot be decoded is the caller's fault: 400, in French.
    frameworkErrors: (_error, _request, reply) => {
      void sendError(reply, 400, { code: 'VALIDATION', message: 'Adresse illisible.' });
    },
  });
  let port = options.port;

  // JSON only (a text/plain "simple request" is refused), and an empty body means `{}`.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(httpError(400, 'Corps de requête illisible : JSON invalide.'), undefined);
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  // Host and Origin, on every request (static files included).
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    const allowedHosts = [`${BIND_HOST}:${port}`, `localhost:${port}`];
    if (typeof host !== 'string' || !allowedHosts.includes(host.toLowerCase())) {
      return forbidden(reply, `Adresse non autorisée : ouvrez Guichet par http://${BIND_HOST}:${port}/`);
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) {
      return forbidden(reply, 'Origine non autorisée : cette requête ne vient pas de la page Guichet.');
    }
    return undefined;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return sendError(reply, 413, { code: 'VALIDATION', message: 'Requête trop volumineuse (45 Mo au plus).' });
    }
    if (status === 415) {
      return sendError(reply, 415, {
        code: 'VALIDATION',
        message: 'Type de contenu non pris en charge : envoyez du JSON (application/json).',
      });
    }
    if (status === 400) {
      const message = error.message.startsWith('Corps de requête') ? error.message : 'Requête invalide.';
      return sendError(reply, 400, { code: 'VALIDATION', message });
    }
    // The static files' refusals (a folder, a hidden file, a path outside) keep their 4xx status.
    if (status === 403 || status === 404) return notFound(reply);
    if (status > 400 && status < 500) return sendError(reply, status, { code: 'VALIDATION', message: 'Requête invalide.' });
    console.error('[guichet] erreur du serveur web', error);
    return sendError(reply, 500, {
      code: 'INTERNAL',
      message: 'Erreur interne : l’opération n’a pas été faite. Réessayez ou prévenez le support.',
    });
  });

  const serveIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!sessionOf(request)) {
      return sendPage(reply, 401, 'Ouvrez Guichet avec le lien affiché au lancement', 'Ce navigateur n’a pas encore ouvert Guichet. Utilisez le lien affiché par «\u00a0npm run web\u00a0» au lancement (il ne sert qu’une fois)\u00a0; pour en obtenir un nouveau, relancez «\u00a0npm run web\u00a0».');
    }
    let html: string;
    try {
      html = await readFile(join(rendererDir, 'index.html'), 'utf8');
    } catch {
      return reply
        .code(503)
        .header('Cache-Control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Guichet</title>' +
            '<p>Les écrans de Guichet ne sont pas construits : lancez <code>npm run build:renderer</code> puis rechargez la page.</p></html>',
        );
    }
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html);
  };

  app.get('/', serveIndex);
  app.get('/index.html', serveIndex);

  // The one-time launch URL: a code that works once gives this browser its session cookie.
  app.get<{ Params: { code: string } }>('/ouvrir/:code', async (request, reply) => {
    const code = request.params.code;
    const key = CODE_PATTERN.test(code) ? digest(code).toString('hex') : '';
    if (!launchCodes.delete(key)) {
      // A browser that already holds its session just goes to the desk.
      if (sessionOf(request)) return reply.header('Cache-Control', 'no-store').redirect('/', 303);
      return sendPage(reply, 403, 'Lien déjà utilisé', 'Ce lien d’ouverture de Guichet a déjà servi ou n’est pas valable. Relancez «\u00a0npm run web\u00a0» pour obtenir un nouveau lien.');
    }
    const secret = randomBytes(32).toString('hex');
    const session = sessions.open();
    byCookie.set(digest(secret).toString('hex'), session);
    return reply
      .code(303)
      .header('Cache-Control', 'no-store')
      .header('Set-Cookie', `${SESSION_COOKIE_PREFIX}${port}=${secret}; Path=/; HttpOnly; SameSite=Strict`)
      .redirect('/', 303);
  });

  app.post<{ Params: { operation: string } }>(
    '/api/:operation',
    {
      // Route-level, so it holds whatever spelling of the URL the router matched.
      onRequest: async (request, reply) => {
        if (!sessionOf(request)) {
          return sendError(reply, HTTP_STATUS.UNAUTHENTICATED, {
            code: 'UNAUTHENTICATED',
            message: 'Session inconnue\u00a0: ouvrez Guichet avec le lien affiché au lancement (relancez «\u00a0npm run web\u00a0» pour en avoir un nouveau).',
          });
        }
        // A form or a « simple » request cannot send JSON: required even for an empty body.
        const type = request.headers['content-type'];
        if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type)) {
          return sendError(reply, 415, { code: 'VALIDATION', message: 'Type de contenu non pris en charge : envoyez du JSON (application/json).' });
        }
        return undefined;
      },
    },
    async (request, reply) => {
      const session = sessionOf(request)!;
      const result: DispatchResult = await dispatch(ctx, session, request.params.operation, request.body);
      const status = result.ok ? 200 : HTTP_STATUS[result.error.code];
      return reply.code(status).header('Cache-Control', 'no-store').send(result);
    },
  );

  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    index: false,
    wildcard: true,
    dotfiles: 'deny',
    decorateReply: false,
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    // Client-side routes (deep links) get the app; anything else is unknown.
    if (isPage) return serveIndex(request, reply);
    return notFound(reply, `${request.method} ${path.slice(0, 80)}`);
  });

  await app.listen({ port: options.port, host: BIND_HOST });
  port = (app.server.address() as AddressInfo).port;

  const url = `http://${BIND_HOST}:${port}/`;
  return {
    url,
    port,
    sessions,
    launchUrl: () => {
      const code = randomBytes(32).toString('hex');
      launchCodes.add(digest(code).toString('hex'));
      return `${url}ouvrir/${code}`;
    },
    close: async () => {
      await app.close();
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The value of one cookie of a Cookie header. */
function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A small French page (no script, no secret). */
function sendPage(reply: FastifyReply, status: number, title: string, text: string): FastifyReply {
  return reply
    .code(status)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>${title} — Guichet</title><main><h1>${title}</h1><p>${text}</p></main></html>`);
}

function sendError(reply: FastifyReply, status: number, error: AppErrorShape): FastifyReply {
  const body: DispatchResult = { ok: false, error };
  return reply.code(status).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(body);
}

function notFound(reply: FastifyReply, what?: string): FastifyReply {
  return sendError(reply, 404, { code: 'NOT_FOUND', message: what ? `Adresse inconnue\u00a0: ${what}` : 'Adresse inconnue.' });
}

function forbidden(reply: FastifyReply, message: string): FastifyReply {
  return sendError(reply, HTTP_STATUS.FORBIDDEN, { code: 'FORBIDDEN', message });
}

function httpError(statusCode: number, message: string): FastifyError {
  const error = new Error(message) as FastifyError;
  error.statusCode = statusCode;
  return error;
}
