import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.js';
import { serverCall, ServerUnavailable, type Fetch } from '../../main/services/sync/http.js';

/** What the desk makes of each kind of failure: « the server is unavailable » (retry later) or the server's own refusal. */
const BASE = 'https://guichet.test';
const answering =
  (status: number, body: unknown): Fetch =>
  () =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
const call = (fetchImpl: Fetch) => serverCall(fetchImpl, BASE, '/sync/push', { method: 'POST', body: {} });
const caught = (fetchImpl: Fetch) => call(fetchImpl).then(() => expect.fail('refused expected'), (error: unknown) => error as AppError);

describe('the server unavailable, or its own refusal', () => {
  it('no answer: unavailable, said with the address, the reason short', async () => {
    const error = await caught(() => Promise.reject(new TypeError('fetch failed')));
    expect(error).toBeInstanceOf(ServerUnavailable);
    expect(error).toMatchObject({ code: 'INTERNAL', message: `Serveur injoignable (${BASE})\u00a0: pas de réponse du réseau. Les modifications restent en attente sur ce poste.` });
    expect((error as ServerUnavailable).reason).toBe('Serveur injoignable\u00a0: pas de réponse du réseau');
  });

  it('a 503 (its database down): unavailable, the server’s words kept', async () => {
    const error = await caught(answering(503, { error: { code: 'INTERNAL', message: 'Serveur indisponible\u00a0: sa base de données ne répond pas.' } }));
    expect(error).toBeInstanceOf(ServerUnavailable);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Serveur indisponible\u00a0: sa base de données ne répond pas. Les modifications restent en attente sur ce poste.' });
    expect((error as ServerUnavailable).reason).toBe('Serveur indisponible\u00a0: sa base de données ne répond pas');
  });

  it('an answer that is not the server’s (a proxy’s page): unavailable, whatever its status', async () => {
    for (const status of [502, 404]) {
      const error = await caught(answering(status, '<html>'));
      expect(error).toBeInstanceOf(ServerUnavailable);
      expect(error.message).toBe(`Le serveur a répondu ${status}\u00a0: serveur indisponible. Les modifications restent en attente sur ce poste.`);
    }
  });

  it('the server’s own refusals pass as they are, an internal error too', async () => {
    for (const [status, refusal] of [
      [409, { code: 'CONFLICT', message: 'Numéros réservés par le poste «\u00a0A\u00a0».' }],
      [500, { code: 'INTERNAL', message: 'Erreur interne du serveur\u00a0; réessayez plus tard.' }],
    ] as const) {
      const error = await caught(answering(status, { error: refusal }));
      expect(error).toBeInstanceOf(AppError);
      expect(error).not.toBeInstanceOf(ServerUnavailable);
      expect(error.toJSON()).toEqual(refusal);
    }
  });
});
