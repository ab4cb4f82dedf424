import { AppError, isAppErrorShape, type AppErrorShape } from '../../../shared/contract/errors.js';
import { BLOB_CONTENT_TYPE } from '../../../shared/contract/sync-documents.js';

/** `fetch`, injectable so that tests can cut the network or lose an answer. */
export type Fetch = typeof fetch;

/**
 * The server cannot be reached or cannot serve now: no answer, a 503 (up, its database down), or
 * an answer that is not the server's own refusal (a proxy's page). The desk keeps its changes and
 * tries again; the status strip says « Hors connexion », billing refuses to number without it.
 * Every other refusal is the server's own word, passed as it is.
 */
export class ServerUnavailable extends AppError {
  /** What failed, in a few words and without what it means for the desk (« Serveur injoignable\u00a0: pas de réponse du réseau »). */
  readonly reason: string;

  constructor(shape: AppErrorShape, reason: string) {
    super(shape);
    this.reason = reason;
  }
}

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

/** What an unavailable server means for a sync: nothing of this desk is lost. */
const PENDING = 'Les modifications restent en attente sur ce poste.';

/** Unreachable: said plainly (the desk keeps working; nothing it holds is lost). */
async function send(fetchImpl: Fetch, base: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(`${base}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    // Node's own words (« fetch failed ») mean nothing to an agent: the reason in French.
    const why = (error as Error).name === 'TimeoutError' ? 'pas de réponse en 60\u00a0secondes' : 'pas de réponse du réseau';
    throw new ServerUnavailable({ code: 'INTERNAL', message: `Serveur injoignable (${base})\u00a0: ${why}. ${PENDING}` }, `Serveur injoignable\u00a0: ${why}`);
  }
}

/** The server's French refusal as it is (a 503 — up, but its database down — said retried later), or its status said plainly. */
function refusal(status: number, body: unknown): AppError {
  const error = (body as { error?: unknown } | null)?.error;
  if (isAppErrorShape(error)) {
    return status === 503 ? new ServerUnavailable({ ...error, message: `${error.message} ${PENDING}` }, error.message.replace(/\.$/, '')) : new AppError(error);
  }
  const reason = `Le serveur a répondu ${status}\u00a0: serveur indisponible`;
  return new ServerUnavailable({ code: 'INTERNAL', message: `${reason}. ${PENDING}` }, reason);
}
