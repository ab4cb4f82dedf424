import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, type AppErrorCode, type AppErrorShape } from '../shared/contract/errors.js';

/** The portal's answers to a refusal: the shared error shape, French, with its HTTP status. */
const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
};

export function installErrorHandler(app: FastifyInstance, options: { htmlNotFound?: (reply: FastifyReply) => FastifyReply } = {}): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return reply.status(STATUS[error.code]).send({ error: error.toJSON() });
    if (databaseUnreachable(error)) {
      request.log.error({ err: error }, 'base de données injoignable');
      return reply.status(503).send(refusal('INTERNAL', 'Serveur indisponible : sa base de données ne répond pas ; réessayez plus tard.'));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return reply.status(413).send(refusal('VALIDATION', 'Requête trop volumineuse.'));
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(status).send(refusal('VALIDATION', 'Requête invalide (corps illisible ou mal formé).'));
    }
    request.log.error({ err: error }, 'requête en échec');
    return reply.status(500).send(refusal('INTERNAL', 'Erreur interne du serveur\u00a0; réessayez plus tard.'));
  });
  app.setNotFoundHandler((request, reply) => {
    // A parent's browser gets a page; a desk or a script, the JSON refusal.
    if (options.htmlNotFound && request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '')) return options.htmlNotFound(reply);
    return reply.status(404).send(refusal('NOT_FOUND', 'Adresse inconnue du serveur Guichet.'));
  });
}

/**
 * The database cannot be reached (down, restarting, refusing connections): the server is
 * unavailable, not broken — 503, which the desks read as « serveur indisponible » and retry later.
 * Node's socket errors and PostgreSQL's classes 08 (connection) and 57P (shutdown), whichever
 * driver error wraps them (drizzle puts the driver's in `cause`).
 */
function databaseUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(code) || /^(08|57P)/.test(code))) return true;
    if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test((e as Error).message ?? '')) return true;
  }
  return false;
}

const refusal = (code: AppErrorCode, message: string): { error: AppErrorShape } => ({ error: { code, message } });
