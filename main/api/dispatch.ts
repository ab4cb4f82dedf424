import { AppError, type AppErrorShape } from '../../shared/contract/errors.js';
import { isOperationName, operations, type OperationName } from '../../shared/contract/operations.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import type { AppContext } from '../context.js';
import { authorize, type CallContext, type Caller } from '../session/index.js';
import { handlers } from './handlers.js';
import { storageFaultMessage } from '../store/storage-faults.js';

export type { DispatchResult } from '../../shared/contract/bridge.js';
import type { DispatchResult } from '../../shared/contract/bridge.js';

/**
 * The one door into the services for every transport: checks the operation name, then who calls
 * (the session's account, its roles, the idle lock: OPERATION_ACCESS) before reading the input,
 * validates the untrusted input with the contract's schema, runs the handler with a per-call
 * context naming the logged-in account, and turns any failure into the one French error shape
 * (internal details stay in the log, never in the message).
 */
export async function dispatch(ctx: AppContext, caller: Caller, name: unknown, input: unknown): Promise<DispatchResult> {
  try {
    if (!isOperationName(name)) {
      throw new AppError({ code: 'NOT_FOUND', message: `Opération inconnue\u00a0: ${String(name).slice(0, 60)}` });
    }
    const call = authorize(ctx, caller, name);
    const value = await run(call, name, input);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

async function run<N extends OperationName>(ctx: CallContext, name: N, input: unknown): Promise<unknown> {
  const parsed = parseOrThrow(operations[name].input, input ?? {});
  const handler = handlers[name] as (ctx: CallContext, input: unknown) => unknown;
  const output = await handler(ctx, parsed);
  if (ctx.checkOutputs) {
    const checked = operations[name].output.safeParse(output);
    if (!checked.success) throw new OutputContractError(name, checked.error.issues);
  }
  return output;
}

/** An answer that does not match the contract's output schema (only checked when testing). */
class OutputContractError extends Error {
  constructor(
    readonly operation: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super(`${operation}: answer outside the contract: ${issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`);
  }
}

function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toJSON();
  console.error('[guichet] erreur interne', error);
  const storage = storageFaultMessage(error);
  if (storage) return { code: 'INTERNAL', message: storage };
  return { code: 'INTERNAL', message: 'Erreur interne\u00a0: l’opération n’a pas été faite. Réessayez ou prévenez le support.' };
}
