import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_PUSH_BYTES, pullQuery, pullResponse, pushRequest, pushResponse } from '../../shared/contract/sync.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { requireDesk } from '../desks/bearer.js';
import type { PortalStore } from '../store/open.js';
import { pullMessages, pushMessages } from './hub.js';

/** `/sync/push` and `/sync/pull`, authenticated by the desk's credential (`Authorization: Bearer …`). */
export function syncRoutes(app: FastifyInstance, options: { store: PortalStore; now: () => Date }): void {
  const { store, now } = options;

  const desk = (request: FastifyRequest) => requireDesk(store, request, now());

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
