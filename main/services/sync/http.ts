import { AppError, isAppErrorShape } from '../../../shared/contract/errors.js';
import { BLOB_CONTENT_TYPE } from '../../../shared/contract/sync-documents.js';

/** `fetch`, injectable so that tests can cut the network or lose an answer. */
export type Fetch = typeof fetch;

/**
 * One call to the central server: JSON both ways, its French refusals passed on as they are, and
 * an unreachable server said plainly (the desk keeps working; nothing it holds is lost).
 */
export async function serverCall(fetchImpl: Fetch, base: string, path: string, options: { method: 'GET' | 'POST'; body?: unknown; credential?: string }): Promise<unknown> {
  const response = await send(fetchImpl, base, path, {
    method: options.method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.credential ? { authorization: `Bearer ${options.credential}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  throw refusal(response.status, body);
}

/** A document's raw bytes to or from the server (`/sync/documents/…`); the answer's bytes for a GET. */
export async function serverBytes(fetchImpl: Fetch, base: string, path: string, options: { method: 'GET' | 'PUT'; body?: Uint8Array; credential: string }): Promise<Buffer> {
  const response = await send(fetchImpl, base, path, {
    method: options.method,
    headers: { authorization: `Bearer ${options.credential}`, ...(options.body === undefined ? {} : { 'content-type': BLOB_CONTENT_TYPE }) },
    ...(options.body === undefined ? {} : { body: new Uint8Array(options.body) }),
  });
  if (!response.ok) throw refusal(response.status, await response.json().catch(() => null));
  return Buffer.from(await response.arrayBuffer());
}

/** Unreachable: said plainly (the desk keeps working; nothing it holds is lost). */
async function send(fetchImpl: Fetch, base: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(`${base}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    // Node's own words (« fetch failed ») mean nothing to an agent: the reason in French.
    const why = (error as Error).name === 'TimeoutError' ? 'pas de réponse en 60\u00a0secondes' : 'pas de réponse du réseau';
    throw new AppError({ code: 'INTERNAL', message: `Serveur injoignable (${base})\u00a0: ${why}. Les modifications restent en attente sur ce poste.` });
  }
}

/** The server's French refusal as it is (a 503 — up, but its database down — said retried later), or its status said plainly. */
function refusal(status: number, body: unknown): AppError {
  const error = (body as { error?: unknown } | null)?.error;
  if (isAppErrorShape(error)) return new AppError(status === 503 ? { ...error, message: `${error.message} Les modifications restent en attente sur ce poste.` } : error);
  return new AppError({ code: 'INTERNAL', message: `Le serveur a répondu ${status}\u00a0: serveur indisponible. Les modifications restent en attente sur ce poste.` });
}
