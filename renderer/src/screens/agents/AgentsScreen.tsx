import { useState } from 'react';
import { PASSWORD_MIN_LENGTH, type AccountSummary } from '../../../../shared/contract/accounts.js';
import { PERMISSIONS, PERMISSION_HINTS, PERMISSION_LABELS, type Permission } from '../../../../shared/contract/permissions.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { Button, TextField } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useOperation } from '../../lib/useOperation.js';
import { useSession } from '../../state/session.js';
import { toast } from '../../state/toasts.js';

type Open = { dialog: 'edit'; account: AccountSummary | null } | { dialog: 'password'; account: AccountSummary } | { dialog: 'deactivate'; account: AccountSummary } | null;

const PASSWORD_HINT = `${PASSWORD_MIN_LENGTH} caractères au moins\u00a0; l’agent le changera en le donnant à l’administrateur.`;

/** Agents (settings; the route asks for `accounts.list`): accounts, their roles, a new password, deactivation. */
export function AgentsScreen() {
  const selfId = useSession((s) => s.state?.account?.id);
  const list = useOperation('accounts.list', {});
  const [open, setOpen] = useState<Open>(null);

  function done() {
    setOpen(null);
    void list.reload();
    void useSession.getState().load();
  }

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Agents</h1>
          <p className="muted">Les comptes des agents de la Caisse, leurs rôles et la permission pour les documents de santé.</p>
        </div>
        <div className="page__actions">
          <Button variant="primary" onClick={() => setOpen({ dialog: 'edit', account: null })} data-testid="new-agent">
            <Icon name="plus" />
            Nouvel agent
          </Button>
        </div>
      </header>
      {list.error ? (
        <p className="alert alert--error" role="alert">
          {list.error.message}
        </p>
      ) : null}
      {list.data ? (
        <div className="table-wrap">
          <table className="table" data-testid="agents-table">
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Identifiant</th>
                <th scope="col">Rôles</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">État</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id} data-testid="agent-row">
                  <td>{a.displayName}</td>
                  <td>{a.login}</td>
                  <td>{a.permissions.map((p) => PERMISSION_LABELS[p]).join(', ') || 'Aucun'}</td>
                  <td>{a.lastLoginAt ? formatFrenchDate(a.lastLoginAt.slice(0, 10)) : 'Jamais'}</td>
                  <td>{a.active ? 'Actif' : 'Désactivé'}</td>
                  <td className="row-actions">
                    {a.active ? (
                      <>
                        <Button variant="ghost" onClick={() => setOpen({ dialog: 'edit', account: a })} aria-label={`Modifier ${a.displayName}`}>
                          Modifier
                        </Button>
                        <Button variant="ghost" onClick={() => setOpen({ dialog: 'password', account: a })} aria-label={`Nouveau mot de passe pour ${a.displayName}`}>
                          Mot de passe
                        </Button>
                        {a.id !== selfId ? (
                          <Button variant="ghost" onClick={() => setOpen({ dialog: 'deactivate', account: a })} aria-label={`Désactiver ${a.displayName}`}>
                            Désactiver
                          </Button>
                        ) : null}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open?.dialog === 'edit' ? <AgentDialog account={open.account} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.dialog === 'password' ? <PasswordDialog account={open.account} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.dialog === 'deactivate' ? <DeactivateDialog account={open.account} onClose={() => setOpen(null)} onDone={done} /> : null}
    </div>
  );
}

function AgentDialog({ account, onClose, onDone }: { account: AccountSummary | null; onClose(): void; onDone(): void }) {
  const [login, setLogin] = useState(account?.login ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(account?.permissions ?? ['accueil']);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const save = useMutation(() =>
    account
      ? invoke('accounts.update', { id: account.id, displayName, permissions })
      : invoke('accounts.create', { login, displayName, permissions, password, confirmation }),
  );
  const errors = fieldErrors(save.error);
  async function submit() {
    if (await save.run()) {
      toast.success(account ? `Compte de ${displayName} modifié.` : `Compte de ${displayName} créé.`);
      onDone();
    }
  }
  const toggle = (p: Permission, on: boolean) => setPermissions((list) => (on ? [...list, p] : list.filter((q) => q !== p)));
  return (
    <FormDialog title={account ? `Modifier ${account.displayName}` : 'Nouvel agent'} onClose={onClose} onSubmit={() => void submit()} busy={save.busy} error={save.error} submitLabel="Enregistrer" testId="agent-dialog">
      {account ? null : <TextField label="Identifiant" path="login" errors={errors} required value={login} onChange={setLogin} autoComplete="off" />}
      <TextField label="Nom" path="displayName" errors={errors} required value={displayName} onChange={setDisplayName} autoComplete="off" />
      <fieldset className="permission-list">
        <legend>Rôles</legend>
        {PERMISSIONS.map((p) => (
          <label key={p} title={PERMISSION_HINTS[p]}>
            <input type="checkbox" checked={permissions.includes(p)} onChange={(e) => toggle(p, e.target.checked)} /> {PERMISSION_LABELS[p]}
          </label>
        ))}
      </fieldset>
      {errors.permissions ? <p className="field__error">{errors.permissions}</p> : null}
      {account ? null : (
        <>
          <TextField label="Mot de passe" type="password" path="password" errors={errors} required value={password} onChange={setPassword} autoComplete="new-password" hint={PASSWORD_HINT} />
          <TextField label="Mot de passe, une seconde fois" type="password" path="confirmation" errors={errors} required value={confirmation} onChange={setConfirmation} autoComplete="new-password" />
        </>
      )}
    </FormDialog>
  );
}

function PasswordDialog({ account, onClose, onDone }: { account: AccountSummary; onClose(): void; onDone(): void }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const save = useMutation(() => invoke('accounts.setPassword', { id: account.id, password, confirmation }));
  const errors = fieldErrors(save.error);
  async function submit() {
    if (await save.run()) {
      toast.success(`Nouveau mot de passe enregistré pour ${account.displayName}.`);
      onDone();
    }
  }
  return (
    <FormDialog title={`Nouveau mot de passe pour ${account.displayName}`} onClose={onClose} onSubmit={() => void submit()} busy={save.busy} error={save.error} submitLabel="Enregistrer">
      <TextField label="Mot de passe" type="password" path="password" errors={errors} required value={password} onChange={setPassword} autoComplete="new-password" hint={PASSWORD_HINT} />
      <TextField label="Mot de passe, une seconde fois" type="password" path="confirmation" errors={errors} required value={confirmation} onChange={setConfirmation} autoComplete="new-password" />
    </FormDialog>
  );
}

function DeactivateDialog({ account, onClose, onDone }: { account: AccountSummary; onClose(): void; onDone(): void }) {
  const save = useMutation(() => invoke('accounts.deactivate', { id: account.id }));
  async function submit() {
    if (await save.run()) {
      toast.success(`Compte de ${account.displayName} désactivé.`);
      onDone();
    }
  }
  return (
    <FormDialog title={`Désactiver ${account.displayName}`} onClose={onClose} onSubmit={() => void submit()} busy={save.busy} error={save.error} submitLabel="Désactiver" submitVariant="danger">
      <p>{account.displayName} ne pourra plus se connecter. Son nom reste dans l’historique des dossiers.</p>
    </FormDialog>
  );
}
