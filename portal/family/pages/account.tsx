import { ACTIVATION_HOURS, RESET_HOURS } from '../../../shared/contract/family-accounts.js';
import { ErrorSummary, Field, Notice, PostForm, type FieldErrors } from './forms.js';
import { Layout } from './layout.js';

/** The pages that create, activate and recover an espace. */

const CREATE_LABELS: Record<string, string> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  email: 'Adresse e-mail',
  phone: 'Téléphone',
  password: 'Mot de passe',
  confirmation: 'Confirmation du mot de passe',
  consent: 'Accord',
};

export function CreateAccountPage(props: { csrf: string; values: Record<string, string>; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <Layout title={Object.keys(errors).length > 0 ? 'Erreur — Créer mon espace' : 'Créer mon espace'}>
      <h1>Créer mon espace</h1>
      <p>Tous les champs sont obligatoires, sauf le téléphone.</p>
      <ErrorSummary errors={errors} labels={CREATE_LABELS} />
      <PostForm action="/creer-mon-espace" csrf={props.csrf}>
        <Field name="lastName" label="Nom" autoComplete="family-name" value={values.lastName} error={errors.lastName} />
        <Field name="firstName" label="Prénom" autoComplete="given-name" value={values.firstName} error={errors.firstName} />
        <Field name="email" label="Adresse e-mail" type="email" autoComplete="email" value={values.email} error={errors.email} hint="Ce sera votre identifiant. Le lien d’activation y sera envoyé." />
        <Field name="phone" label="Téléphone" type="tel" autoComplete="tel" value={values.phone} error={errors.phone} required={false} />
        <Field name="password" label="Mot de passe" type="password" autoComplete="new-password" error={errors.password} hint="12 caractères au moins. Une phrase est plus facile à retenir qu’un mot compliqué." />
        <Field name="confirmation" label="Confirmation du mot de passe" type="password" autoComplete="new-password" error={errors.confirmation} />
        <div className={errors.consent ? 'field checkbox has-error' : 'field checkbox'}>
          {errors.consent ? (
            <p className="error" id="champ-consent-erreur">
              {errors.consent}
            </p>
          ) : null}
          <input id="champ-consent" name="consent" type="checkbox" value="oui" defaultChecked={values.consent === 'oui'} aria-describedby={errors.consent ? 'champ-consent-erreur' : undefined} aria-invalid={errors.consent ? true : undefined} />
          <label htmlFor="champ-consent">J’accepte que la Caisse des écoles du 11<sup>e</sup> traite ces informations pour gérer mon espace et le dossier de restauration scolaire de ma famille.</label>
        </div>
        <button type="submit">Créer mon espace</button>
      </PostForm>
      <p>
        Vous avez déjà un espace&nbsp;? <a href="/">Connectez-vous</a>.
      </p>
    </Layout>
  );
}

/** After « Créer mon espace » and « J’ai oublié mon mot de passe »: the same words whatever the address. */
export function CheckMailPage(props: { email: string; reason: 'created' | 'forgot' }) {
  return (
    <Layout title="Consultez votre messagerie">
      <h1>Consultez votre messagerie</h1>
      <Notice kind="info">
        {props.reason === 'created' ? (
          <p>
            Si l’adresse <strong>{props.email}</strong> peut recevoir un lien, un e-mail vient de lui être envoyé pour activer votre espace. Le lien est valable {`${ACTIVATION_HOURS}\u00a0heures`}.
          </p>
        ) : (
          <p>
            Si un espace existe pour l’adresse <strong>{props.email}</strong>, un e-mail vient de lui être envoyé\u00a0: un lien pour choisir un nouveau mot de passe (valable {`${RESET_HOURS}\u00a0heures`}), ou, si l’espace n’a jamais été activé, un nouveau lien d’activation.
          </p>
        )}
      </Notice>
      <p>Rien reçu après quelques minutes&nbsp;? Regardez dans les courriels indésirables, puis demandez un nouveau lien&nbsp;:</p>
      <p>
        <a href="/mot-de-passe-oublie">Recevoir un nouveau lien</a>
      </p>
    </Layout>
  );
}

export function ActivatePage(props: { csrf: string; token: string; state: 'valid' | 'expired' | 'unknown' }) {
  return (
    <Layout title="Activer mon espace">
      <h1>Activer mon espace</h1>
      {props.state === 'valid' ? (
        <PostForm action="/activer" csrf={props.csrf}>
          <input type="hidden" name="token" value={props.token} />
          <p>Un dernier clic pour activer votre espace famille.</p>
          <button type="submit">Activer mon espace</button>
        </PostForm>
      ) : (
        <LinkProblem state={props.state} what="d’activation" />
      )}
    </Layout>
  );
}

function LinkProblem(props: { state: 'expired' | 'unknown'; what: string }) {
  return (
    <Notice kind="warning">
      <p>
        {props.state === 'expired'
          ? `Ce lien ${props.what} a expiré.`
          : `Ce lien ${props.what} n’est plus valable\u00a0: il a déjà servi, ou un lien plus récent l’a remplacé.`}{' '}
        <a href="/mot-de-passe-oublie">Demandez un nouveau lien</a>, ou <a href="/">connectez-vous</a> si votre espace est déjà activé.
      </p>
    </Notice>
  );
}

export function ForgotPage(props: { csrf: string; email?: string; errors: FieldErrors }) {
  return (
    <Layout title="Mot de passe oublié">
      <h1>J’ai oublié mon mot de passe</h1>
      <p>Donnez l’adresse e-mail de votre espace&nbsp;: vous recevrez un lien pour choisir un nouveau mot de passe. Si votre espace n’a jamais été activé, vous recevrez un nouveau lien d’activation.</p>
      <ErrorSummary errors={props.errors} labels={{ email: 'Adresse e-mail' }} />
      <PostForm action="/mot-de-passe-oublie" csrf={props.csrf}>
        <Field name="email" label="Adresse e-mail" type="email" autoComplete="email" value={props.email ?? ''} error={props.errors.email} />
        <button type="submit">Recevoir le lien</button>
      </PostForm>
    </Layout>
  );
}

export function ResetPage(props: { csrf: string; token: string; state: 'valid' | 'expired' | 'unknown'; errors: FieldErrors }) {
  return (
    <Layout title="Nouveau mot de passe">
      <h1>Choisir un nouveau mot de passe</h1>
      {props.state === 'valid' ? (
        <>
          <ErrorSummary errors={props.errors} labels={{ password: 'Mot de passe', confirmation: 'Confirmation du mot de passe' }} />
          <PostForm action="/nouveau-mot-de-passe" csrf={props.csrf}>
            <input type="hidden" name="token" value={props.token} />
            <Field name="password" label="Nouveau mot de passe" type="password" autoComplete="new-password" error={props.errors.password} hint="12 caractères au moins." />
            <Field name="confirmation" label="Confirmation du mot de passe" type="password" autoComplete="new-password" error={props.errors.confirmation} />
            <button type="submit">Enregistrer le mot de passe</button>
          </PostForm>
        </>
      ) : (
        <LinkProblem state={props.state} what="de nouveau mot de passe" />
      )}
    </Layout>
  );
}

/** A message page (activated, password changed, too many attempts, form expired, not found). */
export function MessagePage(props: { title: string; kind: 'info' | 'success' | 'warning'; message: string; link?: { href: string; label: string } }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <Notice kind={props.kind}>
        <p>{props.message}</p>
      </Notice>
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </Layout>
  );
}
