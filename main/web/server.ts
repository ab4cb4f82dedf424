import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { HTTP_STATUS, TOKEN_HEADER, type DispatchResult } from '../../shared/contract/bridge.js';
import type { AppErrorShape } from '../../shared/contract/errors.js';
import { dispatch } from '../api/dispatch.js';
import type { AppContext } from '../context.js';
import { SECURITY_HEADERS, fillToken } from './headers.js';

/**
 * The HTTP transport (`npm run web`): serves the built renderer and answers the contract's
 * operations at `POST /api/<operation>` on the loopback only. The caller is checked on every
 * request: Host must be this host (DNS-rebinding defence), a present Origin must be this origin,
 * and API calls must carry the per-launch token that only the served index.html contains.
 */
export interface WebHostOptions {
  ctx: AppContext;
  /** 0 = any free port. */
  port: number;
  /** Only the loopback is ever bound. */
  host?: '127.0.0.1';
  /** Folder with the built renderer (index.html + assets), normally dist/renderer. */
  rendererDir: string;
  /** Per-launch secret; a random one (32 bytes, hex) when not given. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** CSV imports travel base64 inside the JSON body (30 MB file ≈ 40 MB of base64). */
const BODY_LIMIT = 45 * 1024 * 1024;

const BIND_HOST = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { ctx } = options;
  const token = options.token ?? randomBytes(32).toString('hex');
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(token)) {
    throw new Error('Jeton de session refusé\u00a0: 16 à 256 caractères parmi A-Z, a-z, 0-9, «\u00a0-\u00a0» et «\u00a0_\u00a0».');
  }
  const rendererDir = resolve(options.rendererDir);
  const tokenDigest = digest(token);

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, trustProxy: false });
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
    console.error('[guichet] erreur du serveur web', error);
    return sendError(reply, 500, {
      code: 'INTERNAL',
      message: 'Erreur interne : l’opération n’a pas été faite. Réessayez ou prévenez le support.',
    });
  });

  const serveIndex = async (_request: FastifyRequest, reply: FastifyReply) => {
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
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(fillToken(html, token));
  };

  app.get('/', serveIndex);
  app.get('/index.html', serveIndex);

  app.post<{ Params: { operation: string } }>(
    '/api/:operation',
    {
      // Route-level, so it holds whatever spelling of the URL the router matched.
      onRequest: async (request, reply) => {
        const given = request.headers[TOKEN_HEADER];
        if (typeof given !== 'string' || !timingSafeEqual(digest(given), tokenDigest)) {
          return forbidden(reply, 'Jeton de session invalide\u00a0: rechargez la page Guichet (ou relancez «\u00a0npm run web\u00a0»).');
        }
        return undefined;
      },
    },
    async (request, reply) => {
      const result: DispatchResult = await dispatch(ctx, request.params.operation, request.body);
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
    return sendError(reply, 404, { code: 'NOT_FOUND', message: `Adresse inconnue\u00a0: ${request.method} ${path.slice(0, 80)}` });
  });

  await app.listen({ port: options.port, host: BIND_HOST });
  port = (app.server.address() as AddressInfo).port;

  return {
    url: `http://${BIND_HOST}:${port}/`,
    port,
    token,
    close: async () => {
      await app.close();
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function sendError(reply: FastifyReply, status: number, error: AppErrorShape): FastifyReply {
  const body: DispatchResult = { ok: false, error };
  return reply.code(status).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(body);
}

function forbidden(reply: FastifyReply, message: string): FastifyReply {
  return sendError(reply, HTTP_STATUS.FORBIDDEN, { code: 'FORBIDDEN', message });
}

function httpError(statusCode: number, message: string): FastifyError {
  const error = new Error(message) as FastifyError;
  error.statusCode = statusCode;
  return error;
}
