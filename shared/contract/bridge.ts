import type { AppErrorShape } from './errors.js';

/** What every transport answers for one operation call. */
export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

/**
 * What the Electron preload exposes on `window.guichet` (and nothing else): one typed invoke.
 * Over HTTP the same call is `POST /api/<operation>` with the JSON input as body, sent with the
 * session cookie the one-time launch URL set; the body of the answer is a DispatchResult.
 */
export interface GuichetBridge {
  invoke(operation: string, input: unknown): Promise<DispatchResult>;
}

export const IPC_CHANNEL = 'guichet:invoke';

/** HTTP status for each error code (the body is the DispatchResult either way). */
export const HTTP_STATUS: Record<AppErrorShape['code'], number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LOCKED: 423,
  TOO_MANY_ATTEMPTS: 429,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};
