import { useState } from 'react';
import type { BackupState, BackupSummary } from '../../../../shared/contract/backups.js';
import { formatTimestamp } from '../../../../shared/domain/dates.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { MutationDialog } from '../../components/ActionDialog.js';
import { FormDialog } from '../../components/Dialog.js';
import { Button, SelectField, TextField } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';

/**
 * « Sauvegardes » (administration): the last backup and the next one, the destination and the
 * schedule, « Sauvegarder maintenant », the backups kept, and « Restaurer… » one of them after a
 * confirmation that compares what will be replaced with what comes back.
 */

const FREQUENCIES = [
  { value: 'daily', label: 'Chaque jour' },
  { value: 'off', label: 'Jamais (à la main seulement)' },
] as const;

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatCount(Math.max(1, Math.round(bytes / 1024)))}\u00a0Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')}\u00a0Mo`;
}

/** `2026-12-01T12:30` (Paris local) → « 01/12/2026 à 12:30 ». */
function localTime(local: string): string {
  const [date = '', time = ''] = local.split('T');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} à ${time.slice(0, 5)}`;
}

type Counts = BackupSummary['counts'];
const COUNT_ROWS: readonly { key: keyof Counts; label: string }[] = [
  { key: 'families', label: 'Familles' },
  { key: 'invoices', label: 'Factures' },
  { key: 'payments', label: 'Paiements' },
  { key: 'documents', label: 'Documents' },
];

export function BackupsScreen() {
  const state = useOperation('backups.state', {});
  const list = useOperation('backups.list', {});
  const [editing, setEditing] = useState(false);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const backupNow = useMutation(() => invoke('backups.run', {}));

  function reload() {
    void state.reload();
    void list.reload();
  }

  async function runNow() {
    const result = await backupNow.run();
    if (result === undefined) return;
    if (result.verified) toast.success(`Sauvegarde faite et vérifiée (${size(result.bytes)}).`);
    else toast.error(`Sauvegarde écrite mais sa vérification a échoué\u00a0: ${result.problems.join(' ; ')}`);
    reload();
  }

  const s = state.data;
  const error = state.error ?? list.error;
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Sauvegardes</h1>
          <p className="muted">La base et les documents, copiés et vérifiés dans le dossier des sauvegardes. Les certificats y restent chiffrés, sans leur clé&nbsp;: sur un autre poste, le code de secours les rouvre.</p>
        </div>
        <div className="page__actions">
          <Button variant="primary" onClick={() => void runNow()} disabled={backupNow.busy || s?.running} data-testid="backup-now">
            <Icon name="download" />
            {backupNow.busy ? 'Sauvegarde en cours…' : 'Sauvegarder maintenant'}
          </Button>
        </div>
      </header>

      {error ? (
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
      ) : null}
      {backupNow.error ? (
        <p className="alert alert--error" role="alert" data-testid="backup-error">
          {errorMessage(backupNow.error)}
        </p>
      ) : null}

      {s ? (
        <section className="panel" aria-labelledby="backups-summary" data-testid="backups-summary">
          <h2 id="backups-summary">État</h2>
          <dl className="kv kv--wide backups-facts">
            <dt>Dernière sauvegarde</dt>
            <dd data-testid="backup-last">
              {s.last ? (
                <>
                  {formatTimestamp(s.last.at)} · {size(s.last.bytes)} ·{' '}
                  {s.last.verified ? <span className="badge badge--backup-ok">Vérifiée</span> : <span className="badge badge--backup-failed">Non vérifiée</span>}
                </>
              ) : (
                'Aucune'
              )}
            </dd>
            {s.lastError ? (
              <>
                <dt>Dernier échec</dt>
                <dd className="backups-failure" data-testid="backup-last-error">
                  {s.lastError}
                </dd>
              </>
            ) : null}
            <dt>Prochaine sauvegarde</dt>
            <dd data-testid="backup-next">{s.next ? localTime(s.next) : 'Aucune (sauvegardes programmées désactivées)'}</dd>
            <dt>Dossier des sauvegardes</dt>
            <dd>
              <code data-testid="backup-destination">{s.settings.destination}</code>
            </dd>
            <dt>Programme</dt>
            <dd data-testid="backup-schedule">
              {s.settings.frequency === 'daily' ? `Chaque jour à ${s.settings.time} (rattrapée au démarrage si Guichet était fermé)` : 'Désactivé'} ·
              garde 7 sauvegardes quotidiennes, 4 hebdomadaires, 12 mensuelles
            </dd>
          </dl>
          <Button onClick={() => setEditing(true)} data-testid="backup-settings">
            Modifier le dossier et le programme…
          </Button>
        </section>
      ) : null}

      {list.data ? (
        <section className="panel" aria-labelledby="backups-list">
          <h2 id="backups-list">Sauvegardes gardées</h2>
          {list.data.length === 0 ? (
            <p className="muted" data-testid="no-backups">
              Aucune sauvegarde dans ce dossier.
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="backups-table">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Taille</th>
                    <th scope="col">Vérification</th>
                    <th scope="col">Familles</th>
                    <th scope="col">Factures</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((b) => (
                    <tr key={b.name} data-testid="backup-row">
                      <td>{formatTimestamp(b.at)}</td>
                      <td>{size(b.bytes)}</td>
                      <td>
                        {b.verified ? (
                          <span className="badge badge--backup-ok">Vérifiée</span>
                        ) : (
                          <span className="badge badge--backup-failed" title={b.problems.join(' ; ')}>
                            Non vérifiée
                          </span>
                        )}
                      </td>
                      <td>{formatCount(b.counts.families)}</td>
                      <td>{formatCount(b.counts.invoices)}</td>
                      <td className="row-actions">
                        <Button variant="ghost" onClick={() => setRestoring(b)} disabled={!b.verified} aria-label={`Restaurer la sauvegarde du ${formatTimestamp(b.at)}`} data-testid="restore-backup">
                          Restaurer…
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {editing && s ? (
        <SettingsDialog
          settings={s.settings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
      {restoring && s ? (
        <MutationDialog
          title="Restaurer une sauvegarde"
          submitLabel="Restaurer cette sauvegarde"
          submitVariant="danger"
          wide
          testId="restore-dialog"
          action={() => invoke('backups.restore', { name: restoring.name })}
          success={(r) => `Sauvegarde restaurée (${formatCount(r.counts.families)} familles). La base d’avant est gardée à côté.`}
          onClose={() => setRestoring(null)}
          onDone={() => {
            setRestoring(null);
            // Every screen shows data of the restored base: start them again.
            window.location.hash = '#/';
            window.location.reload();
          }}
        >
          <RestoreComparison current={s.current} backup={restoring} />
        </MutationDialog>
      ) : null}
    </div>
  );
}

function RestoreComparison({ current, backup }: { current: BackupState['current']; backup: BackupSummary }) {
  return (
    <>
      <p>
        Les données en service sont <strong>remplacées</strong> par celles de la sauvegarde du <strong>{formatTimestamp(backup.at)}</strong>&nbsp;: tout ce qui a
        été saisi depuis n’y est pas.
      </p>
      <table className="table" data-testid="restore-comparison">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Données</span>
            </th>
            <th scope="col">En service{current.lastChange ? ` (modifiées le ${formatTimestamp(current.lastChange)})` : ''}</th>
            <th scope="col">Sauvegarde du {formatTimestamp(backup.at)}</th>
          </tr>
        </thead>
        <tbody>
          {COUNT_ROWS.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{formatCount(current.counts[row.key])}</td>
              <td>{formatCount(backup.counts[row.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Une copie de la base en service et son dossier de documents sont gardés à côté, dans le dossier des données
        («&nbsp;avant-restauration&nbsp;»)&nbsp;: rien n’est effacé.
      </p>
    </>
  );
}

function SettingsDialog({ settings, onClose, onSaved }: { settings: BackupState['settings']; onClose(): void; onSaved(): void }) {
  const [destination, setDestination] = useState(settings.destination);
  const [frequency, setFrequency] = useState<string>(settings.frequency);
  const [time, setTime] = useState(settings.time);
  const save = useMutation(() => invoke('backups.settings', { destination, frequency: frequency === 'off' ? 'off' : 'daily', time }));
  const errors = fieldErrors(save.error);
  async function submit() {
    if ((await save.run()) === undefined) return;
    toast.success('Réglages des sauvegardes enregistrés.');
    onSaved();
  }
  return (
    <FormDialog title="Dossier et programme des sauvegardes" submitLabel="Enregistrer" onClose={onClose} onSubmit={() => void submit()} busy={save.busy} error={save.error} testId="backup-settings-dialog">
      <TextField
        label="Dossier des sauvegardes"
        path="destination"
        errors={errors}
        required
        value={destination}
        onChange={setDestination}
        hint="Un partage réseau de la Caisse de préférence (par exemple \\\\serveur\\sauvegardes\\guichet), pas le disque de ce poste seul."
      />
      <SelectField label="Sauvegardes programmées" path="frequency" errors={errors} value={frequency} onChange={setFrequency} options={FREQUENCIES} />
      <TextField label="Heure" path="time" errors={errors} value={time} onChange={setTime} hint="Heure de la journée, par exemple 12:30." inputMode="numeric" maxLength={5} />
    </FormDialog>
  );
}
