import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../shared/contract/operations.js';
import { invoke } from '../api/client.js';
import { errorMessage } from '../api/errors.js';
import { Button } from '../components/form.js';
import { useCan } from '../state/session.js';
import { plural } from '../lib/text.js';
import { toast } from '../state/toasts.js';

type DemoProgress = OpOutput<'setup.demoProgress'>;

/** « environ 45 s », « environ 1 min 20 s » (rounded to 5 s): what is left, honestly approximate. */
function aboutDuration(ms: number): string {
  const seconds = Math.max(5, Math.round(ms / 5000) * 5);
  if (seconds < 60) return `environ ${seconds}\u00a0s`;
  const rest = seconds % 60;
  return `environ ${Math.floor(seconds / 60)}\u00a0min${rest > 0 ? ` ${rest}\u00a0s` : ''}`;
}

/** While the demo loads: asks where it is twice a second (the load answers between its steps). */
function useDemoProgress(active: boolean): DemoProgress | null {
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const poll = async () => {
      try {
        const p = await invoke('setup.demoProgress', {});
        if (!stopped && p.running) setProgress(p);
      } catch {
        // a missed poll is harmless: the next one comes
      }
      if (!stopped) timer = setTimeout(() => void poll(), 500);
    };
    let timer = setTimeout(() => void poll(), 200);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active]);
  return active ? progress : null;
}

/** First start: demo data of the 11e, or an empty base. */
export function Welcome({ onDone }: { onDone(): void }) {
  // The first start's choice belongs to the administration (setup.loadDemo, setup.startEmpty).
  const canChoose = useCan('setup.startEmpty');
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useDemoProgress(busy === 'demo');
  const percent = Math.round((progress?.fraction ?? 0) * 100);

  async function loadDemo() {
    setBusy('demo');
    setError(null);
    try {
      const result = await invoke('setup.loadDemo', {});
      toast.success(
        `Données de démonstration chargées\u00a0: ${plural(result.families, 'famille', 'familles')}, ${plural(result.children, 'enfant', 'enfants')}, ${plural(result.schools, 'école', 'écoles')}, années scolaires ${result.schoolYears.join(' et ')}.`,
      );
      for (const warning of result.warnings) toast.error(warning);
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
        {canChoose ? (
          <p>Cette base est vide. Comment voulez-vous commencer&nbsp;?</p>
        ) : (
          <p data-testid="welcome-needs-admin">
            Cette base est vide. Un administrateur doit d’abord choisir de charger les données de démonstration ou de commencer
            avec une base vide.
          </p>
        )}
        {canChoose ? (
        <div className="welcome__choices">
          <Button variant="primary" busy={busy === 'demo'} disabled={busy !== null} onClick={() => void loadDemo()}>
            Charger les données de démonstration (11e arrondissement, ~9&nbsp;000 familles)
          </Button>
          <Button disabled={busy !== null} busy={busy === 'empty'} onClick={() => void startEmpty()}>
            Commencer avec une base vide
          </Button>
        </div>
        ) : null}
        {!canChoose ? null : busy === 'demo' ? (
          <div className="progress progress--running" data-testid="demo-progress">
            <div className="progress__head">
              <span className="progress__label" data-testid="demo-progress-step">
                {progress?.step ?? 'Préparation'}
              </span>
              <span className="progress__count num" aria-hidden="true">
                {percent}&nbsp;%
              </span>
            </div>
            <div
              className="progress__track"
              role="progressbar"
              aria-label="Chargement des données de démonstration"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${percent}\u00a0% — ${progress?.step ?? 'Préparation'}`}
            >
              <div className="progress__bar" style={{ width: `${percent}%` }} />
            </div>
            <div className="progress__foot" aria-live="polite">
              <span className="muted" data-testid="demo-progress-remaining">
                {progress?.remainingMs != null ? `Encore ${aboutDuration(progress.remainingMs)}.` : 'Estimation du temps restant…'}
              </span>
            </div>
          </div>
        ) : (
          <p className="muted">
            Le chargement des données de démonstration prend environ une minute sur un poste de bureau, davantage sur
            une machine chargée&nbsp;: une barre indique l’étape en cours et le temps restant.
          </p>
        )}
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
