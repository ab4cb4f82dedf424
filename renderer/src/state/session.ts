import { useMemo } from 'react';
import { create } from 'zustand';
import type { SessionState } from '../../../shared/contract/accounts.js';
import { allows, OPERATION_ACCESS } from '../../../shared/contract/access.js';
import type { OperationName } from '../../../shared/contract/operations.js';
import { invoke, onCall } from '../api/client.js';
import { ApiError, asApiError } from '../api/errors.js';

interface SessionStore {
  state: SessionState | null;
  error: ApiError | null;
  load(): Promise<void>;
  set(state: SessionState): void;
  /** The server answered LOCKED: the lock goes over the screen, which stays as it is. */
  markLocked(): void;
}

/**
 * Who is logged in on this desk, as the main process says (session.state): the login and
 * first-start screens, the lock overlay and `useCan` read it.
 */
export const useSession = create<SessionStore>((set, get) => ({
  state: null,
  error: null,
  async load() {
    try {
      set({ state: await invoke('session.state', {}), error: null });
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },
  set(state) {
    set({ state, error: null });
  },
  markLocked() {
    const state = get().state;
    if (state?.account && !state.locked) set({ state: { ...state, locked: true } });
  },
}));

/**
 * Whether the logged-in agent may call this operation, by the contract's access table (access.ts,
 * the one the dispatch checks): a screen asks for the operation its button will call, never for a
 * role, and hides what the answer forbids.
 */
export function useCan(operation: OperationName): boolean {
  return useSession((s) => mayCall(s.state, operation));
}

/** Whether the agent may call at least one of these operations (a screen made only of them is shown). */
export function useCanAny(operations: readonly OperationName[]): boolean {
  return useSession((s) => operations.some((operation) => mayCall(s.state, operation)));
}

/** The entries (navigation links) whose operation the agent may call; an entry without `needs` is for all. */
export function useAllowed<T extends { needs?: OperationName }>(entries: readonly T[]): T[] {
  const state = useSession((s) => s.state);
  return useMemo(() => entries.filter((e) => e.needs === undefined || mayCall(state, e.needs)), [entries, state]);
}

function mayCall(state: SessionState | null, operation: OperationName): boolean {
  const account = state?.account;
  if (!account) return OPERATION_ACCESS[operation] === 'public';
  return allows(OPERATION_ACCESS[operation], new Set(account.permissions));
}

let idleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The renderer's own idle timer: `idleLockMs` after the last operation, it asks the main process
 * (which decides: its clock, its check); an answer LOCKED from any operation locks at once, and
 * UNAUTHENTICATED (session gone, account deactivated) brings the login back.
 */
export function watchSession(): () => void {
  const arm = () => {
    clearTimeout(idleTimer);
    const state = useSession.getState().state;
    if (!state?.account || state.locked || state.idleLockMs <= 0) return;
    idleTimer = setTimeout(() => void useSession.getState().load(), state.idleLockMs + 250);
  };
  const stopCalls = onCall((name, error) => {
    if (error?.code === 'LOCKED') useSession.getState().markLocked();
    else if (error?.code === 'UNAUTHENTICATED' && name !== 'session.state') void useSession.getState().load();
    else if (!error && name !== 'session.state') arm();
  });
  const stopState = useSession.subscribe(arm);
  arm();
  return () => {
    stopCalls();
    stopState();
    clearTimeout(idleTimer);
  };
}
