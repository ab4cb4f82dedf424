import type { FastifyPluginCallback } from 'fastify';
import { AppError } from '../../shared/contract/errors.js';
import { BLOB_ADDRESS, BLOB_CONTENT_TYPE, MAX_BLOB_BYTES } from '../../shared/contract/sync-documents.js';
import { requestDesk } from '../desks/bearer.js';
import type { PortalStore } from '../store/open.js';
import { readBlob, storeBlob } from './blobs.js';

/**
 * `PUT` and `GET /sync/documents/:sha256`: the raw bytes of a document, for enrolled desks only
 * (never the family pages: health documents travel here, encrypted).
 */
export const documentRoutes: FastifyPluginCallback<{ store: PortalStore; now: () => Date }> = (app, options, done) => {
  const { store, now } = options;

  function address(params: unknown): string {
    const sha256 = (params as { sha256?: string }).sha256 ?? '';
    if (!BLOB_ADDRESS.test(sha256)) throw AppError.invalid('sha256', 'Adresse de document invalide\u00a0: 64 chiffres hexadécimaux (SHA-256) attendus.');
    return sha256;
  }

  // The bytes as they come, within the upload limit (this scope only; JSON stays the default elsewhere).
  app.addContentTypeParser(BLOB_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.put('/sync/documents/:sha256', { bodyLimit: MAX_BLOB_BYTES }, async (request, reply) => {
    const desk = await requestDesk(store, request, now());
    const sha256 = address(request.params);
    if (!Buffer.isBuffer(request.body)) {
      throw AppError.invalid('content', `Document refusé\u00a0: le contenu est attendu brut (${BLOB_CONTENT_TYPE}).`);
    }
    const { stored } = await storeBlob(store, { sha256, bytes: request.body, deskId: desk.id, now: now() });
    return reply.status(stored ? 201 : 200).send({ sha256, stored });
  });

  app.get('/sync/documents/:sha256', async (request, reply) => {
    await requestDesk(store, request, now());
    const bytes = await readBlob(store, address(request.params));
    return reply.type(BLOB_CONTENT_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
  done();
};
