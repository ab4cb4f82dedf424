import type { FamilyAccount } from '../accounts.js';
import { ErrorSummary, Field, Notice, PostForm, type FieldErrors } from './forms.js';
import { Layout, type Viewer } from './layout.js';

/** « Mon espace › Profil, Identifiants »: contact details, e-mail address (the login) and password. */
export type SpaceForm = 'profile' | 'email' | 'password';

const LABELS: Record<string, string> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  phone: 'Téléphone',
  email: 'Nouvelle adresse e-mail',
  current: 'Mot de passe actuel',
  password: 'Nouveau mot de passe',
  confirmation: 'Confirmation du mot de passe',
};

export function MySpacePage(props: { viewer: Viewer; account: FamilyAccount; done?: string | null; form?: SpaceForm; values?: Record<string, string>; errors?: FieldErrors }) {
  const errorsOf = (form: SpaceForm) => (props.form === form ? (props.errors ?? {}) : {});
  const valuesOf = (form: SpaceForm) => (props.form === form ? (props.values ?? {}) : {});
  const profile = { lastName: props.account.lastName, firstName: props.account.firstName, phone: props.account.phone ?? '', ...valuesOf('profile') };
  const hasErrors = Object.keys(props.errors ?? {}).length > 0;
  return (
    <Layout title={hasErrors ? 'Erreur — Mon espace' : 'Mon espace'} viewer={props.viewer}>
      <h1>Mon espace</h1>
      {props.done ? (
        <Notice kind="success">
          <p>{props.done}</p>
        </Notice>
      ) : null}
      <section aria-labelledby="profil-titre" className="card">
        <h2 id="profil-titre">Profil</h2>
        <ErrorSummary errors={errorsOf('profile')} labels={LABELS} idPrefix="profil-" />
        <PostForm action="/mon-espace/profil" csrf={props.viewer.csrf}>
          <Field idPrefix="profil-" name="lastName" label="Nom" autoComplete="family-name" value={profile.lastName} error={errorsOf('profile').lastName} />
          <Field idPrefix="profil-" name="firstName" label="Prénom" autoComplete="given-name" value={profile.firstName} error={errorsOf('profile').firstName} />
          <Field idPrefix="profil-" name="phone" label="Téléphone" type="tel" autoComplete="tel" value={profile.phone} error={errorsOf('profile').phone} required={false} />
          <button type="submit">Enregistrer mon profil</button>
        </PostForm>
      </section>
      <section aria-labelledby="identifiants-titre" className="card">
        <h2 id="identifiants-titre">Identifiants</h2>
        <p>{`Votre identifiant\u00a0: ${props.account.email}`}</p>
        <h3>Changer mon adresse e-mail</h3>
        <ErrorSummary errors={errorsOf('email')} labels={LABELS} idPrefix="adresse-" />
        <PostForm action="/mon-espace/adresse" csrf={props.viewer.csrf}>
          <Field idPrefix="adresse-" name="email" label="Nouvelle adresse e-mail" type="email" autoComplete="email" value={valuesOf('email').email ?? ''} hint={'Un lien de confirmation y sera envoyé\u00a0: elle deviendra votre identifiant une fois confirmée.'} error={errorsOf('email').email} />
          <Field idPrefix="adresse-" name="current" label="Mot de passe actuel" type="password" autoComplete="current-password" error={errorsOf('email').current} />
          <button type="submit">Changer mon adresse</button>
        </PostForm>
        <h3>Changer mon mot de passe</h3>
        <ErrorSummary errors={errorsOf('password')} labels={LABELS} idPrefix="mdp-" />
        <PostForm action="/mon-espace/mot-de-passe" csrf={props.viewer.csrf}>
          <Field idPrefix="mdp-" name="current" label="Mot de passe actuel" type="password" autoComplete="current-password" error={errorsOf('password').current} />
          <Field idPrefix="mdp-" name="password" label="Nouveau mot de passe" type="password" autoComplete="new-password" hint="12 caractères au moins." error={errorsOf('password').password} />
          <Field idPrefix="mdp-" name="confirmation" label="Confirmation du mot de passe" type="password" autoComplete="new-password" error={errorsOf('password').confirmation} />
          <button type="submit">Changer mon mot de passe</button>
        </PostForm>
      </section>
    </Layout>
  );
}

export function ConfirmEmailPage(props: { csrf: string; token: string; state: 'valid' | 'expired' | 'unknown' }) {
  return (
    <Layout title="Confirmer ma nouvelle adresse">
      <h1>Confirmer ma nouvelle adresse</h1>
      {props.state === 'valid' ? (
        <PostForm action="/confirmer-adresse" csrf={props.csrf}>
          <input type="hidden" name="token" value={props.token} />
          <p>Cette adresse deviendra l’identifiant de votre espace famille.</p>
          <button type="submit">Confirmer cette adresse</button>
        </PostForm>
      ) : (
        <Notice kind="warning">
          <p>{props.state === 'expired' ? 'Ce lien de confirmation a expiré\u00a0: demandez de nouveau le changement depuis « Mon espace ».' : 'Ce lien de confirmation n’est plus valable\u00a0: il a déjà servi, ou un lien plus récent l’a remplacé.'}</p>
        </Notice>
      )}
    </Layout>
  );
}
