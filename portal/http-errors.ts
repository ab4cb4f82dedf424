import type { FastifyInstance } from 'fastify';
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

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) return reply.status(STATUS[error.code]).send({ error: error.toJSON() });
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return reply.status(413).send(refusal('VALIDATION', 'Requête trop volumineuse.'));
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(status).send(refusal('VALIDATION', 'Requête invalide (corps illisible ou mal formé).'));
    }
    request.log.error({ err: error }, 'requête en échec');
    return reply.status(500).send(refusal('INTERNAL', 'Erreur interne du serveur\u00a0; réessayez plus tard.'));
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(refusal('NOT_FOUND', 'Adresse inconnue du serveur Guichet.')));
}

const refusal = (code: AppErrorCode, message: string): { error: AppErrorShape } => ({ error: { code, message } });
