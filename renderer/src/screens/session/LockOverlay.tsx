import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button, TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useSession } from '../../state/session.js';
import { logOut } from './SessionControls.js';

/**
 * The lock, over the current screen: the screen under it stays mounted (no navigation, no reload),
 * so a form half typed is still there once the password is given again.
 */
export function LockOverlay({ name }: { name: string }) {
  const [password, setPassword] = useState('');
  const unlock = useMutation(() => invoke('session.unlock', { password }));
  const errors = fieldErrors(unlock.error);
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    card.current?.querySelector('input')?.focus();
  }, []);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const state = await unlock.run();
    if (state) useSession.getState().set(state);
    else setPassword('');
  }
  const otherError = unlock.error && Object.keys(errors).length === 0 ? errorMessage(unlock.error) : null;
  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-overlay">
      <div className="welcome__card lock-overlay__card" ref={card}>
        <h1 id="lock-title">Session verrouillée</h1>
        <p>
          {name}, saisissez votre mot de passe pour reprendre là où vous en étiez&nbsp;: votre travail est gardé.
        </p>
        <form className="session-form" onSubmit={(e) => void submit(e)} noValidate>
          <TextField label="Mot de passe" type="password" path="password" errors={errors} required value={password} onChange={setPassword} autoComplete="current-password" />
          {otherError ? (
            <p className="alert alert--error" role="alert">
              {otherError}
            </p>
          ) : null}
          <div className="session-form__actions">
            <Button type="submit" variant="primary" busy={unlock.busy}>
              Déverrouiller
            </Button>
            <Button onClick={() => void logOut()}>Changer d’utilisateur</Button>
          </div>
        </form>
      </div>
    </div>
  );
}
