import { useEffect, useState, type FormEvent } from 'react';
import type { DocumentKeyStatus } from '../../../../shared/contract/keys.js';
import type { OpOutput } from '../../../../shared/contract/operations.js';
import { formatTimestamp } from '../../../../shared/domain/dates.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { Button, TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useDocumentKeys } from '../../state/documentKeys.js';
import { useCan } from '../../state/session.js';
import { toast } from '../../state/toasts.js';
import { RecoveryCodeDialog } from './RecoveryCodeDialog.js';

/**
 * « Clé des documents » (administration): whether the certificates can be opened on this desk,
 * the keys of the base, the recovery code (made once, shown once, renewed) and the key change
 * (rotation), whose re-encryption runs in the background and is followed here every 2 s.
 */

type RecoveryIssued = OpOutput<'documentKeys.setupRecovery'>;

const STATE_LABELS: Record<DocumentKeyStatus['state'], { label: string; badge: string }> = {
  ready: { label: 'Prête', badge: 'badge--backup-ok' },
  locked: { label: 'Verrouillée', badge: 'badge--inv-overdue' },
  none: { label: 'Absente', badge: 'badge--backup-failed' },
};

/** What the state means for the agents, in one sentence. */
const STATE_TEXT: Record<DocumentKeyStatus['state'], string> = {
  ready: 'Les certificats médicaux peuvent être déposés et ouverts sur ce poste.',
  locked: 'Des certificats ne peuvent pas être ouverts sur ce poste tant que le code de secours n’a pas été saisi.',
  none: 'Aucun certificat ne peut être déposé ni ouvert sur ce poste.',
};

/** Polls the status every 2 s while a re-encryption runs. */
function useRotationPolling(running: boolean): void {
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void useDocumentKeys.getState().refresh(), 2000);
    return () => window.clearInterval(timer);
  }, [running]);
}

export function DocumentKeysScreen() {
  const canAdmin = useCan('documentKeys.rotate');
  const status = useDocumentKeys((s) => s.status);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ result: RecoveryIssued; renewed: boolean } | null>(null);
  const [confirmRenew, setConfirmRenew] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);

  useEffect(() => {
    invoke('documentKeys.status', {})
      .then((s) => useDocumentKeys.getState().set(s))
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  }, []);
  useRotationPolling(status?.rotation.running ?? false);

  const setup = useMutation(() => invoke('documentKeys.setupRecovery', {}));
  const renew = useMutation(() => invoke('documentKeys.renewRecovery', {}));
  const rotate = useMutation(() => invoke('documentKeys.rotate', {}));

  async function createCode() {
    const result = await setup.run();
    if (!result) return;
    useDocumentKeys.getState().set(result.status);
    setIssued({ result, renewed: false });
  }
  async function renewCode() {
    const result = await renew.run();
    if (!result) return;
    setConfirmRenew(false);
    useDocumentKeys.getState().set(result.status);
    setIssued({ result, renewed: true });
  }
  async function rotateKey() {
    const result = await rotate.run();
    if (!result) return;
    setConfirmRotate(false);
    useDocumentKeys.getState().set(result);
    toast.success('Nouvelle clé créée\u00a0: les certificats sont chiffrés de nouveau avec elle, en arrière-plan.');
  }

  if (!canAdmin) {
    return (
      <div className="page">
        <header className="page__header">
          <h1>Clé des documents</h1>
        </header>
        <p className="alert alert--error" role="alert">
          Cet écran est réservé aux comptes qui ont le rôle «&nbsp;administration&nbsp;».
        </p>
      </div>
    );
  }

  const ready = status?.state === 'ready';
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Clé des documents</h1>
          <p className="muted">Les clés qui chiffrent les certificats médicaux sur ce poste, leur code de secours et leur changement.</p>
        </div>
      </header>

      {loadError ? (
        <p className="alert alert--error" role="alert">
          {loadError}
        </p>
      ) : null}

      {status ? (
        <>
          <section className="panel" aria-labelledby="keys-state" data-testid="keys-state">
            <h2 id="keys-state">État</h2>
            <p className="keys-state">
              <span className={`badge ${STATE_LABELS[status.state].badge}`} data-testid="keys-state-badge">
                {STATE_LABELS[status.state].label}
              </span>
              <span>{STATE_TEXT[status.state]}</span>
            </p>
            {status.reason ? (
              <p className="muted" data-testid="keys-state-reason">
                {status.reason}
              </p>
            ) : null}
            {status.state === 'locked' ? <RecoverForm hasRecovery={status.recovery.setUp} /> : null}
          </section>

          <section className="panel" aria-labelledby="keys-recovery" data-testid="keys-recovery">
            <h2 id="keys-recovery">Code de secours</h2>
            {status.recovery.setUp ? (
              <p data-testid="keys-recovery-state">
                Créé le {status.recovery.createdAt ? formatTimestamp(status.recovery.createdAt) : '?'}
                {status.recovery.createdBy ? ` par ${status.recovery.createdBy}` : ''}. Il ouvre les certificats sur un autre poste&nbsp;; s’il est perdu,
                renouvelez-le (l’ancien ne servira plus).
              </p>
            ) : (
              <p className="alert alert--warn" data-testid="keys-recovery-state">
                Aucun code de secours&nbsp;: si ce poste est perdu ou remplacé, les certificats déjà déposés ne pourront plus être ouverts.
              </p>
            )}
            {setup.error || renew.error ? (
              <p className="alert alert--error" role="alert">
                {errorMessage(setup.error ?? renew.error)}
              </p>
            ) : null}
            {status.recovery.setUp ? (
              <Button onClick={() => setConfirmRenew(true)} disabled={!ready} data-testid="renew-recovery">
                Renouveler…
              </Button>
            ) : (
              <Button variant="primary" busy={setup.busy} onClick={() => void createCode()} disabled={!ready} data-testid="create-recovery">
                Créer le code de secours
              </Button>
            )}
          </section>

          <section className="panel" aria-labelledby="keys-list">
            <div className="section__header">
              <h2 id="keys-list">Clés</h2>
              <Button onClick={() => setConfirmRotate(true)} disabled={!ready || status.rotation.running} data-testid="rotate-key">
                Changer de clé…
              </Button>
            </div>
            <RotationProgress rotation={status.rotation} />
            <div className="table-wrap">
              <table className="table" data-testid="keys-table">
                <thead>
                  <tr>
                    <th scope="col">Clé</th>
                    <th scope="col">Créée le</th>
                    <th scope="col">Sur ce poste</th>
                    <th scope="col">Certificats chiffrés avec elle</th>
                    <th scope="col">Clé actuelle</th>
                  </tr>
                </thead>
                <tbody>
                  {status.keys.map((key) => (
                    <tr key={key.id} data-testid="key-row">
                      <td>
                        <code>{key.id}</code>
                      </td>
                      <td>{formatTimestamp(key.createdAt)}</td>
                      <td>{key.onThisDesk ? 'Oui' : <strong>Non</strong>}</td>
                      <td>{formatCount(key.documents)}</td>
                      <td>{key.current ? <span className="badge badge--active">Actuelle</span> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}

      {issued ? <RecoveryCodeDialog issued={issued.result} renewed={issued.renewed} onClose={() => setIssued(null)} /> : null}
      {confirmRenew ? (
        <ActionDialog
          title="Renouveler le code de secours"
          submitLabel="Renouveler le code"
          submitVariant="danger"
          onClose={() => {
            setConfirmRenew(false);
            renew.setError(null);
          }}
          onSubmit={() => void renewCode()}
          busy={renew.busy}
          error={renew.error}
          testId="renew-recovery-dialog"
        >
          <p>
            Un nouveau code remplace l’ancien&nbsp;: <strong>la feuille imprimée jusqu’ici ne servira plus à rien</strong>. Le nouveau code sera affiché une seule fois.
          </p>
        </ActionDialog>
      ) : null}
      {confirmRotate ? (
        <ActionDialog
          title="Changer de clé"
          submitLabel="Changer de clé"
          onClose={() => {
            setConfirmRotate(false);
            rotate.setError(null);
          }}
          onSubmit={() => void rotateKey()}
          busy={rotate.busy}
          error={rotate.error}
          testId="rotate-key-dialog"
        >
          <p>
            Une nouvelle clé est créée et sert aux certificats déposés ensuite. Les certificats déjà déposés sont chiffrés de nouveau avec elle, en arrière-plan&nbsp;:
            ils restent consultables pendant ce temps.
          </p>
          <p className="muted">Le code de secours reste le même&nbsp;: la nouvelle clé est protégée par lui.</p>
        </ActionDialog>
      ) : null}
    </div>
  );
}

function RotationProgress({ rotation }: { rotation: DocumentKeyStatus['rotation'] }) {
  if (rotation.running) {
    return (
      <p className="alert alert--warn" role="status" data-testid="rotation-progress">
        Changement de clé en cours&nbsp;: {formatCount(rotation.pending)} certificat{rotation.pending > 1 ? 's' : ''} à chiffrer de nouveau…
      </p>
    );
  }
  if (rotation.lastError) {
    return (
      <p className="alert alert--error" role="alert" data-testid="rotation-error">
        Le changement de clé s’est arrêté&nbsp;: {rotation.lastError}
        {rotation.pending > 0 ? ` (${formatCount(rotation.pending)} certificat${rotation.pending > 1 ? 's' : ''} encore sous une ancienne clé\u00a0; il reprendra au prochain démarrage.)` : ''}
      </p>
    );
  }
  if (rotation.pending > 0) {
    return (
      <p className="muted" data-testid="rotation-progress">
        {formatCount(rotation.pending)} certificat{rotation.pending > 1 ? 's' : ''} encore chiffré{rotation.pending > 1 ? 's' : ''} avec une ancienne clé.
      </p>
    );
  }
  return (
    <p className="muted" data-testid="rotation-done">
      Tous les certificats sont chiffrés avec la clé actuelle.
    </p>
  );
}

/** When the keys are locked: the recovery code, typed, unlocks them on this desk. */
function RecoverForm({ hasRecovery }: { hasRecovery: boolean }) {
  const [code, setCode] = useState('');
  const recover = useMutation(() => invoke('documentKeys.recover', { code }));
  const errors = fieldErrors(recover.error);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const status = await recover.run();
    if (!status) return;
    useDocumentKeys.getState().set(status);
    setCode('');
    toast.success(status.state === 'ready' ? 'Clés retrouvées\u00a0: les certificats s’ouvrent de nouveau sur ce poste.' : 'Code accepté.');
  }
  if (!hasRecovery) {
    return (
      <p className="alert alert--error" data-testid="recover-impossible">
        Aucun code de secours n’a été créé pour cette base&nbsp;: les clés absentes ne peuvent pas être retrouvées sur ce poste. Ouvrez les certificats sur le poste
        qui les a enregistrés.
      </p>
    );
  }
  const otherError = recover.error && Object.keys(errors).length === 0 ? errorMessage(recover.error) : null;
  return (
    <form className="keys-recover" onSubmit={(e) => void submit(e)} noValidate data-testid="recover-form">
      <h3>Déverrouiller avec le code de secours</h3>
      <TextField
        label="Code de secours"
        path="code"
        errors={errors}
        required
        value={code}
        onChange={setCode}
        hint="Les 20 caractères de la feuille imprimée, avec ou sans tirets."
        autoComplete="off"
        maxLength={64}
      />
      {otherError ? (
        <p className="alert alert--error" role="alert">
          {otherError}
        </p>
      ) : null}
      <Button type="submit" variant="primary" busy={recover.busy} data-testid="recover-submit">
        Déverrouiller
      </Button>
    </form>
  );
}
