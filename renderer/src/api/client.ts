import { type DispatchResult, type GuichetBridge, TOKEN_HEADER, TOKEN_META } from '../../../shared/contract/bridge.js';
import { isAppErrorShape } from '../../../shared/contract/errors.js';
import type { OperationName, OpInput, OpOutput } from '../../../shared/contract/operations.js';
import { ApiError } from './errors.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in web mode (HTTP transport). */
    guichet?: GuichetBridge;
  }
}

function readToken(): string {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  return meta?.content ?? '';
}

async function overHttp(name: string, input: unknown): Promise<DispatchResult> {
  let response: Response;
  try {
    response = await fetch('/api/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: readToken() },
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

/** The one typed door to the services: Electron IPC when available, HTTP otherwise. */
export async function invoke<N extends OperationName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const bridge = window.guichet;
  const result = bridge ? await bridge.invoke(name, input ?? {}) : await overHttp(name, input);
  return unwrap(result) as OpOutput<N>;
}
