import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_PUSH_BYTES, pullQuery, pushRequest, pushResponse } from '../../shared/contract/sync.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { requestDesk } from '../desks/bearer.js';
import type { PortalStore } from '../store/open.js';
import { pullPage, pushMessages } from './hub.js';

/** `/sync/push` and `/sync/pull`, authenticated by the desk's credential (`Authorization: Bearer …`). */
export function syncRoutes(app: FastifyInstance, options: { store: PortalStore; now: () => Date }): void {
  const { store, now } = options;

  const desk = (request: FastifyRequest) => requestDesk(store, request, now());

  // The envelope around at most 1 MiB of messages.
  app.post('/sync/push', { bodyLimit: MAX_PUSH_BYTES + 16 * 1024 }, async (request) => {
    const { id } = await desk(request);
    const input = parseOrThrow(pushRequest, request.body);
    return pushResponse.parse(await pushMessages(store, id, input, now()));
  });

  // The page's JSON comes from the database as it is sent (hub.ts).
  app.get('/sync/pull', async (request, reply) => {
    const { id } = await desk(request);
    const query = parseOrThrow(pullQuery, request.query);
    return reply.type('application/json; charset=utf-8').send(await pullPage(store, id, query));
  });
}
