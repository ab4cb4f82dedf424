import { AppError, isAppErrorShape } from '../../../shared/contract/errors.js';

/** `fetch`, injectable so that tests can cut the network or lose an answer. */
export type Fetch = typeof fetch;

/**
 * One call to the central server: JSON both ways, its French refusals passed on as they are, and
 * an unreachable server said plainly (the desk keeps working; nothing it holds is lost).
 */
export async function serverCall(fetchImpl: Fetch, base: string, path: string, options: { method: 'GET' | 'POST'; body?: unknown; credential?: string }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`${base}${path}`, {
      method: options.method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.credential ? { authorization: `Bearer ${options.credential}` } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    // Node's own words (« fetch failed ») mean nothing to an agent: the reason in French.
    const why = (error as Error).name === 'TimeoutError' ? 'pas de réponse en 60\u00a0secondes' : 'pas de réponse du réseau';
    throw new AppError({ code: 'INTERNAL', message: `Serveur injoignable (${base})\u00a0: ${why}. Les modifications restent en attente sur ce poste.` });
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const error = (body as { error?: unknown } | null)?.error;
  if (isAppErrorShape(error)) throw new AppError(error);
  throw new AppError({ code: 'INTERNAL', message: `Le serveur a répondu ${response.status}\u00a0: serveur indisponible. Les modifications restent en attente sur ce poste.` });
}
