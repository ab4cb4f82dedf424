import { dispatch as dispatchAs, type DispatchResult } from '../../main/api/dispatch.js';
import type { AppContext } from '../../main/context.js';
import { systemCaller } from '../../main/session/index.js';

export type { DispatchResult };

/**
 * The dispatch as the CLI calls it: under the context's actor, with every permission. Tests of a
 * service's behaviour use it; the role matrix and the session tests call the real one with a desk
 * session (tests/integration/permissions.test.ts, sessions.test.ts).
 */
export function dispatch(ctx: AppContext, name: unknown, input: unknown): Promise<DispatchResult> {
  return dispatchAs(ctx, systemCaller(ctx.actor), name, input);
}
