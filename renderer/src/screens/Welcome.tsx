import { useState } from 'react';
import { invoke } from '../api/client.js';
import { errorMessage } from '../api/errors.js';
import { Button } from '../components/form.js';
import { plural } from '../lib/text.js';
import { toast } from '../state/toasts.js';

/** First start: demo data of the 11e, or an empty base. */
export function Welcome({ onDone }: { onDone(): void }) {
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function loadDemo() {
    setBusy('demo');
    setError(null);
    try {
      const result = await invoke('setup.loadDemo', {});
      toast.success(
        `Données de démonstration chargées\u00a0: ${plural(result.families, 'famille', 'familles')}, ${plural(result.children, 'enfant', 'enfants')}, ${plural(result.schools, 'école', 'écoles')}.`,
      );
      onDone();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  }

  async function startEmpty() {
    setBusy('empty');
    setError(null);
    try {
      await invoke('setup.startEmpty', {});
      onDone();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  }

  return (
    <div className="welcome">
      <div className="welcome__card" aria-busy={busy !== null}>
        <span className="brand__logo brand__logo--large" aria-hidden="true">G</span>
        <h1>Bienvenue dans Guichet</h1>
        <p className="welcome__lead">
          Le back-office de la Caisse des écoles du 11e arrondissement&nbsp;: familles, enfants, rythmes
          de cantine et quotient familial.
        </p>
        <p>Cette base est vide. Comment voulez-vous commencer&nbsp;?</p>
        <div className="welcome__choices">
          <Button variant="primary" busy={busy === 'demo'} disabled={busy !== null} onClick={() => void loadDemo()}>
            Charger les données de démonstration (11e arrondissement, ~9&nbsp;000 familles)
          </Button>
          <Button disabled={busy !== null} busy={busy === 'empty'} onClick={() => void startEmpty()}>
            Commencer avec une base vide
          </Button>
        </div>
        {busy === 'demo' ? (
          <p className="muted" role="status">
            Création des données de démonstration… cela peut prendre quelques secondes.
          </p>
        ) : null}
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
