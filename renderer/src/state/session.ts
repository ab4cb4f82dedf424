import { create } from 'zustand';
import type { SessionState } from '../../../shared/contract/accounts.js';
import type { Permission } from '../../../shared/contract/permissions.js';
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

/** Whether the logged-in agent holds this permission (screens hide what the agent may not do). */
export function useCan(permission: Permission): boolean {
  return useSession((s) => s.state?.account?.permissions.includes(permission) ?? false);
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
