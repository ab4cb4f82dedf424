import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/contract/accounts.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button, TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useFirstStart } from '../../state/firstStart.js';
import { useSession } from '../../state/session.js';

/** The card both screens before the desk share (first start, login), in the welcome's style. */
export function Card({ title, lead, children }: { title: string; lead?: string; children: React.ReactNode }) {
  return (
    <main className="welcome">
      <div className="welcome__card">
        <span className="brand__logo brand__logo--large" aria-hidden="true">G</span>
        <h1>{title}</h1>
        {lead ? <p className="welcome__lead">{lead}</p> : null}
        {children}
      </div>
    </main>
  );
}

/** A message for the whole form when no field carries it (a refusal, the slowdown). */
function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = fieldErrors(error);
  if (Object.keys(fields).length > 0) return null;
  return (
    <p className="alert alert--error" role="alert" data-testid="session-error">
      {errorMessage(error)}
    </p>
  );
}

/** First start: nobody has an account yet; the administrator creates theirs, and is logged in. */
export function FirstAdmin() {
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const create = useMutation(() => invoke('session.createFirstAdmin', { login, displayName, password, confirmation }));
  const errors = fieldErrors(create.error);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const state = await create.run();
    if (!state) return;
    useFirstStart.getState().setRecoveryStep(true);
    useSession.getState().set(state);
  }
  return (
    <Card title="Créer le compte administrateur" lead={'Premier démarrage de Guichet\u00a0: le compte de l’administrateur gère ensuite les comptes des autres agents.'}>
      <form className="session-form" onSubmit={(e) => void submit(e)} noValidate data-testid="first-admin-form">
        <TextField label="Identifiant" path="login" errors={errors} required value={login} onChange={setLogin} autoComplete="username" hint={'Par exemple «\u00a0cmartin\u00a0»\u00a0: lettres sans accent, chiffres, point ou tiret.'} />
        <TextField label="Nom" path="displayName" errors={errors} required value={displayName} onChange={setDisplayName} autoComplete="name" hint="Prénom et nom, affichés en bas de l’écran et dans l’historique." />
        <TextField label="Mot de passe" type="password" path="password" errors={errors} required value={password} onChange={setPassword} autoComplete="new-password" hint={`${PASSWORD_MIN_LENGTH} caractères au moins\u00a0; une phrase se retient mieux qu’un mot.`} />
        <TextField label="Mot de passe, une seconde fois" type="password" path="confirmation" errors={errors} required value={confirmation} onChange={setConfirmation} autoComplete="new-password" />
        <FormError error={create.error} />
        <Button type="submit" variant="primary" busy={create.busy}>
          Créer le compte administrateur
        </Button>
      </form>
    </Card>
  );
}

/** The login screen: it opens the desk. */
export function Login() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const run = useMutation(() => invoke('session.login', { login, password }));
  const errors = fieldErrors(run.error);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const state = await run.run();
    if (state) useSession.getState().set(state);
    else setPassword('');
  }
  return (
    <Card title="Guichet" lead="Caisse des écoles du 11e arrondissement">
      <form className="session-form" onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
        <TextField label="Identifiant" path="login" errors={errors} required value={login} onChange={setLogin} autoComplete="username" />
        <TextField label="Mot de passe" type="password" path="password" errors={errors} required value={password} onChange={setPassword} autoComplete="current-password" />
        <FormError error={run.error} />
        <Button type="submit" variant="primary" busy={run.busy}>
          Se connecter
        </Button>
      </form>
    </Card>
  );
}
