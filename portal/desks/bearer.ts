import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/contract/errors.js';
import type { PortalStore } from '../store/open.js';
import { authenticateDesk } from './enrolment.js';

/** The desk calling, by its credential (`Authorization: Bearer …`); a French 401 otherwise. */
export async function requireDesk(store: PortalStore, request: FastifyRequest, now: Date): Promise<{ id: string; name: string }> {
  const header = request.headers.authorization;
  const credential = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(credential)) {
    throw new AppError({ code: 'UNAUTHENTICATED', message: 'Poste non authentifié\u00a0: enrôlez-le auprès du serveur (Réglages › Serveur).' });
  }
  return authenticateDesk(store, credential, now);
}
