import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { invoke } from './api/client.js';
import { Button } from './components/form.js';
import { Toasts } from './components/Toasts.js';
import { useOperation } from './lib/useOperation.js';
import { router } from './router.js';
import { setDeskToday } from './lib/today.js';
import { Welcome } from './screens/Welcome.js';
import { LockOverlay } from './screens/session/LockOverlay.js';
import { FirstRecoveryStep } from './screens/session/FirstRecoveryStep.js';
import { FirstAdmin, Login } from './screens/session/SessionForms.js';
import { useFirstStart } from './state/firstStart.js';
import { useSession, watchSession } from './state/session.js';

function Splash({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  if (message) {
    return (
      <div className="splash" role="alert">
        <p className="splash__brand">Guichet</p>
        <p>{message}</p>
        {onRetry ? (
          <Button variant="primary" onClick={onRetry}>
            Réessayer
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <div className="splash" aria-busy="true">
      <p className="splash__brand">Guichet</p>
      <p className="muted">Chargement…</p>
    </div>
  );
}

/**
 * Who is at the desk first (session.state): no account yet → the administrator's account; nobody
 * logged in → the login screen; else the desk, with the lock over it when the session is locked.
 */
export function App() {
  const session = useSession((s) => s.state);
  const sessionError = useSession((s) => s.error);
  const recoveryStep = useFirstStart((s) => s.recoveryStep);
  useEffect(() => {
    void useSession.getState().load();
    return watchSession();
  }, []);

  let content;
  if (!session) {
    content = sessionError ? <Splash message={sessionError.message} onRetry={() => void useSession.getState().load()} /> : <Splash />;
  } else if (!session.hasAccounts) {
    content = <FirstAdmin />;
  } else if (!session.account) {
    content = <Login />;
  } else if (recoveryStep) {
    content = <FirstRecoveryStep onDone={() => useFirstStart.getState().setRecoveryStep(false)} />;
  } else {
    content = (
      <>
        {/* Under the lock the desk stays mounted, inert: the work in progress is kept. */}
        <div inert={session.locked} className="desk-root">
          <Desk />
        </div>
        {session.locked ? <LockOverlay name={session.account.displayName} /> : null}
      </>
    );
  }

  return (
    <>
      {content}
      <Toasts />
    </>
  );
}

/**
 * First start: ask the store whether a choice is needed (demo data or empty base); above the
 * desk, the start notice (a restore found half-done and settled) until the agent has read it.
 */
function Desk() {
  const setup = useOperation('setup.state', {});
  /** The choice was just made on the welcome screen. */
  const [chosen, setChosen] = useState(false);
  const [noticeRead, setNoticeRead] = useState(false);

  // Every screen counts days from the store's today (its clock), not the browser's.
  if (setup.data) setDeskToday(setup.data.today);

  let content;
  if (chosen || (setup.data && !setup.data.needsChoice)) content = <RouterProvider router={router} />;
  else if (setup.data) {
    content = (
      <Welcome
        onDone={() => {
          window.location.hash = '#/';
          setChosen(true);
        }}
      />
    );
  } else if (setup.error && !setup.loading) content = <Splash message={setup.error.message} onRetry={() => void setup.reload()} />;
  else content = <Splash />;

  return (
    <>
      {setup.data?.notice && !noticeRead ? (
        <div className="alert alert--warn start-notice" role="alert" data-testid="start-notice">
          <p>{setup.data.notice}</p>
          <Button
            onClick={() => {
              setNoticeRead(true);
              void invoke('setup.dismissNotice', {});
            }}
          >
            J’ai compris
          </Button>
        </div>
      ) : null}
      {content}
    </>
  );
}
