import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { invoke } from './api/client.js';
import { errorMessage } from './api/errors.js';
import { Button } from './components/form.js';
import { Toasts } from './components/Toasts.js';
import { router } from './router.js';
import { Welcome } from './screens/Welcome.js';

type Phase = { kind: 'loading' } | { kind: 'welcome' } | { kind: 'ready' } | { kind: 'failed'; message: string };

/** First start: ask the store whether a choice is needed (demo data or empty base). */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    invoke('setup.state', {})
      .then((state) => {
        if (alive) setPhase(state.needsChoice ? { kind: 'welcome' } : { kind: 'ready' });
      })
      .catch((error: unknown) => {
        if (alive) setPhase({ kind: 'failed', message: errorMessage(error) });
      });
    return () => {
      alive = false;
    };
  }, [attempt]);

  let content;
  if (phase.kind === 'loading') {
    content = (
      <div className="splash" aria-busy="true">
        <p className="splash__brand">Guichet</p>
        <p className="muted">Chargement…</p>
      </div>
    );
  } else if (phase.kind === 'failed') {
    content = (
      <div className="splash" role="alert">
        <p className="splash__brand">Guichet</p>
        <p>{phase.message}</p>
        <Button
          variant="primary"
          onClick={() => {
            setPhase({ kind: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          Réessayer
        </Button>
      </div>
    );
  } else if (phase.kind === 'welcome') {
    content = (
      <Welcome
        onDone={() => {
          window.location.hash = '#/';
          setPhase({ kind: 'ready' });
        }}
      />
    );
  } else {
    content = <RouterProvider router={router} />;
  }

  return (
    <>
      {content}
      <Toasts />
    </>
  );
}
