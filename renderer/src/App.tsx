import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { invoke } from './api/client.js';
import { Button } from './components/form.js';
import { Toasts } from './components/Toasts.js';
import { useOperation } from './lib/useOperation.js';
import { router } from './router.js';
import { setDeskToday } from './lib/today.js';
import { Welcome } from './screens/Welcome.js';

/** First start: ask the store whether a choice is needed (demo data or empty base). */
export function App() {
  const setup = useOperation('setup.state', {});
  /** The choice was just made on the welcome screen. */
  const [chosen, setChosen] = useState(false);
  /** The start notice (a restore found half-done and settled) was read. */
  const [noticeRead, setNoticeRead] = useState(false);

  // Every screen counts days from the store's today (its clock), not the browser's.
  if (setup.data) setDeskToday(setup.data.today);

  let content;
  if (chosen || (setup.data && !setup.data.needsChoice)) {
    content = <RouterProvider router={router} />;
  } else if (setup.data) {
    content = (
      <Welcome
        onDone={() => {
          window.location.hash = '#/';
          setChosen(true);
        }}
      />
    );
  } else if (setup.error && !setup.loading) {
    content = (
      <div className="splash" role="alert">
        <p className="splash__brand">Guichet</p>
        <p>{setup.error.message}</p>
        <Button variant="primary" onClick={() => void setup.reload()}>
          Réessayer
        </Button>
      </div>
    );
  } else {
    content = (
      <div className="splash" aria-busy="true">
        <p className="splash__brand">Guichet</p>
        <p className="muted">Chargement…</p>
      </div>
    );
  }

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
      <Toasts />
    </>
  );
}
