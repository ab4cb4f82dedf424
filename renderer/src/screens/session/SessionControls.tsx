import { invoke } from '../../api/client.js';
import { useSession } from '../../state/session.js';
import { toast } from '../../state/toasts.js';
import { errorMessage } from '../../api/errors.js';

/**
 * « Changer d’utilisateur »: the session closes and the page starts again from the login screen
 * (nothing of the previous agent's screens stays in memory).
 */
export async function logOut(): Promise<void> {
  try {
    await invoke('session.logout', {});
  } catch (error) {
    toast.error(errorMessage(error));
    return;
  }
  window.location.hash = '#/';
  window.location.reload();
}

async function lockNow(): Promise<void> {
  try {
    useSession.getState().set(await invoke('session.lock', {}));
  } catch (error) {
    toast.error(errorMessage(error));
  }
}

/** The logged-in agent in the status strip, with « Changer d’utilisateur » and « Verrouiller ». */
export function SessionControls() {
  const account = useSession((s) => s.state?.account);
  if (!account) return null;
  return (
    <span className="status-strip__session">
      <span data-testid="agent-name">Agent&nbsp;: {account.displayName}</span>
      <button type="button" className="status-strip__agent" onClick={() => void logOut()} data-testid="switch-user">
        Changer d’utilisateur
      </button>
      <button type="button" className="status-strip__agent" onClick={() => void lockNow()} data-testid="lock-now">
        Verrouiller
      </button>
    </span>
  );
}
