import type { FastifyInstance } from 'fastify';
import { reserveNumbersRequest, reserveNumbersResponse } from '../../shared/contract/numbers.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { requestDesk } from '../desks/bearer.js';
import type { PortalStore } from '../store/open.js';
import { reserveNumbers } from './reservations.js';

/** `POST /sync/numbers`: a block of invoice or credit-note numbers for a desk's run. */
export function numberRoutes(app: FastifyInstance, options: { store: PortalStore; now: () => Date }): void {
  const { store, now } = options;
  app.post('/sync/numbers', async (request) => {
    const desk = await requestDesk(store, request, now());
    const input = parseOrThrow(reserveNumbersRequest, request.body);
    const block = await reserveNumbers(store, desk, input, now());
    request.log.info({ deskId: desk.id, ...block }, 'numéros réservés');
    return reserveNumbersResponse.parse(block);
  });
}
