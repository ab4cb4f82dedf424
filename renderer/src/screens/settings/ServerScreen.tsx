import { useState, type FormEvent } from 'react';
import { formatLongFrenchDateTime } from '../../../../shared/domain/dates.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { Button, ErrorSummary, TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { syncText } from '../../lib/syncText.js';
import { useMutation } from '../../lib/useMutation.js';
import { useCan } from '../../state/session.js';
import { useSync } from '../../state/sync.js';
import { toast } from '../../state/toasts.js';

/**
 * « Serveur » (administration): which central server this desk syncs with, its state, and, for a
 * desk not yet enrolled, the address and the one-time code given by `portal:cli desk enrol`.
 * The state is the shared one that the status strip's SyncIndicator polls (always mounted by Layout).
 */
export function ServerScreen() {
  const status = useSync((s) => s.status);
  const syncNow = useSync((s) => s.syncNow);
  const show = useSync((s) => s.show);
  const canConnect = useCan('sync.connect');
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const connect = useMutation(() => invoke('sync.connect', { url, code }));
  const errors = fieldErrors(connect.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await connect.run();
    if (result === undefined) return;
    toast.success(`Poste relié au serveur sous le nom «\u00a0${result.server?.deskName ?? ''}\u00a0».`);
    setCode('');
    // The first sync runs on: its progress shows here and in the status strip.
    show(result);
  }

  const text = status ? syncText(status) : null;
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Serveur</h1>
          <p className="muted">Le serveur central relie les postes de la Caisse&nbsp;: chacun y envoie ses modifications et reçoit celles des autres. Sans lui, tout reste enregistré sur ce poste.</p>
        </div>
        {status && status.state !== 'none' ? (
          <div className="page__actions">
            <Button variant="primary" onClick={() => void syncNow()} disabled={status.state === 'running'} data-testid="server-sync-now">
              Synchroniser maintenant
            </Button>
          </div>
        ) : null}
      </header>

      {status && text ? (
        <section className="panel" aria-labelledby="server-state">
          <h2 id="server-state">État</h2>
          <dl className="kv kv--wide">
            <dt>Serveur</dt>
            <dd data-testid="server-url">{status.server ? <code>{status.server.url}</code> : 'Aucun'}</dd>
            {status.server ? (
              <>
                <dt>Nom de ce poste</dt>
                <dd>{status.server.deskName}</dd>
              </>
            ) : null}
            <dt>Synchronisation</dt>
            <dd data-testid="server-state">
              {text.progress ? <progress className="sync-progress" max={100} value={text.progress.percent} aria-label={text.progress.label} /> : null} {text.label}
            </dd>
            <dt>Dernière synchronisation réussie</dt>
            <dd>{status.lastSyncAt ? formatLongFrenchDateTime(status.lastSyncAt) : 'Aucune'}</dd>
            <dt>Modifications en attente d’envoi</dt>
            <dd>{formatCount(status.pending)}</dd>
            {status.error ? (
              <>
                <dt>Dernier échec</dt>
                <dd className="backups-failure" data-testid="server-error">
                  {status.error}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {status?.state === 'none' && canConnect ? (
        <section className="panel" aria-labelledby="server-connect">
          <h2 id="server-connect">Relier ce poste au serveur</h2>
          <p className="muted">
            Sur le serveur, l’administrateur crée le poste et obtient un code d’enrôlement (valable 24 heures, une seule fois)&nbsp;: «&nbsp;npm run portal:cli -- desk enrol --name
            "Accueil 1"&nbsp;».
          </p>
          <form onSubmit={(e) => void submit(e)} className="form-grid" noValidate>
            <ErrorSummary error={connect.error} />
            <TextField label="Adresse du serveur" path="url" errors={errors} required value={url} onChange={setUrl} placeholder="https://guichet.cde11.paris" autoComplete="url" />
            <TextField label="Code d’enrôlement" path="code" errors={errors} required value={code} onChange={setCode} placeholder="ABCD-EFGH-JKMN" />
            <div>
              <Button type="submit" variant="primary" busy={connect.busy} data-testid="server-connect">
                Relier ce poste
              </Button>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}
