import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/contract/errors.js';
import { MAX_PUSH_BYTES, pullQuery, pullResponse, pushRequest, pushResponse } from '../../shared/contract/sync.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { authenticateDesk } from '../desks/enrolment.js';
import type { PortalStore } from '../store/open.js';
import { pullMessages, pushMessages } from './hub.js';

/** `/sync/push` and `/sync/pull`, authenticated by the desk's credential (`Authorization: Bearer …`). */
export function syncRoutes(app: FastifyInstance, options: { store: PortalStore; now: () => Date }): void {
  const { store, now } = options;

  async function desk(request: FastifyRequest): Promise<{ id: string; name: string }> {
    const header = request.headers.authorization;
    const credential = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (!/^[A-Za-z0-9_-]{32,128}$/.test(credential)) {
      throw new AppError({ code: 'UNAUTHENTICATED', message: 'Poste non authentifié\u00a0: enrôlez-le auprès du serveur (Réglages › Serveur).' });
    }
    return authenticateDesk(store, credential, now());
  }

  // The envelope around at most 1 MiB of messages.
  app.post('/sync/push', { bodyLimit: MAX_PUSH_BYTES + 16 * 1024 }, async (request) => {
    const { id } = await desk(request);
    const input = parseOrThrow(pushRequest, request.body);
    return pushResponse.parse(await pushMessages(store, id, input, now()));
  });

  app.get('/sync/pull', async (request) => {
    const { id } = await desk(request);
    const query = parseOrThrow(pullQuery, request.query);
    return pullResponse.parse(await pullMessages(store, id, query));
  });
}
