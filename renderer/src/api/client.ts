import type { DispatchResult, GuichetBridge } from '../../../shared/contract/bridge.js';
import { isAppErrorShape } from '../../../shared/contract/errors.js';
import type { OperationName, OpInput, OpOutput } from '../../../shared/contract/operations.js';
import { ApiError } from './errors.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in web mode (HTTP transport). */
    guichet?: GuichetBridge;
  }
}

async function overHttp(name: string, input: unknown): Promise<DispatchResult> {
  let response: Response;
  try {
    response = await fetch('/api/' + name, {
      method: 'POST',
      // The session cookie (HttpOnly, set by the launch URL) goes with it: same origin.
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'Le service Guichet ne répond pas. Vérifiez qu’il est lancé, puis réessayez.',
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({
      code: 'INTERNAL',
      message: `Réponse illisible du service (HTTP ${response.status}).`,
    });
  }
  return body as DispatchResult;
}

function unwrap(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const r = result as DispatchResult;
    if (r.ok) return r.value;
    if (isAppErrorShape(r.error)) throw new ApiError(r.error);
  }
  throw new ApiError({ code: 'INTERNAL', message: 'Réponse inattendue du service.' });
}

type CallListener = (name: OperationName, error: ApiError | null) => void;
const listeners = new Set<CallListener>();

/**
 * Told of every answer (the session's idle timer counts from the last operation; a LOCKED or
 * UNAUTHENTICATED answer brings the lock or the login screen back). Returns the unsubscribe.
 */
export function onCall(listener: CallListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The one typed door to the services: Electron IPC when available, HTTP otherwise. */
export async function invoke<N extends OperationName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const bridge = window.guichet;
  try {
    const result = bridge ? await bridge.invoke(name, input ?? {}) : await overHttp(name, input);
    const value = unwrap(result) as OpOutput<N>;
    for (const l of listeners) l(name, null);
    return value;
  } catch (error) {
    if (error instanceof ApiError) for (const l of listeners) l(name, error);
    throw error;
  }
}
