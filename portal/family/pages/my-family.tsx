import { formatLongFrenchDate } from '../../../shared/domain/dates.js';
import { formatWeekdays } from '../../../shared/domain/weekdays.js';
import type { Household } from '../household.js';
import type { LinkState } from '../linking.js';
import { ErrorSummary, Field, Notice, PostForm, type FieldErrors } from './forms.js';
import { Layout, type Viewer } from './layout.js';

/** « Ma Famille »: the household as the Caisse knows it, or how to link the espace to its file. */
export function MyFamilyPage(props: { viewer: Viewer; household: Household | null; link: LinkState; values?: Record<string, string>; errors?: FieldErrors }) {
  return (
    <Layout title={props.errors && Object.keys(props.errors).length > 0 ? 'Erreur — Ma famille' : 'Ma famille'} viewer={props.viewer}>
      <h1>Ma famille</h1>
      {props.household ? <HouseholdView household={props.household} /> : <LinkView {...props} />}
    </Layout>
  );
}

function HouseholdView({ household }: { household: Household }) {
  return (
    <>
      <p>
        <strong>{`Dossier n°\u00a0${household.dossierNumber}`}</strong> — {household.familyName}
      </p>
      {household.address.length > 0 ? (
        <p>
          {household.address.map((line) => (
            <span key={line} className="line">
              {line}
            </span>
          ))}
        </p>
      ) : null}
      <h2>Responsables</h2>
      <ul className="cards">
        {household.guardians.map((g) => (
          <li key={g.rank} className="card">
            <p className="name">
              {g.name}
              {g.isPayer ? <span className="tag">payeur</span> : null}
            </p>
            {g.email ? <p>{g.email}</p> : null}
            {g.phone ? <p>{g.phone}</p> : null}
          </li>
        ))}
      </ul>
      <h2>Enfants</h2>
      {household.children.length === 0 ? (
        <p>Aucun enfant inscrit cette année.</p>
      ) : (
        <ul className="cards">
          {household.children.map((c) => (
            <li key={`${c.name}-${c.birthDate}`} className="card">
              <p className="name">{c.name}</p>
              <p>{`Né(e) le ${formatLongFrenchDate(c.birthDate)}`}</p>
              {c.school ? <p>{[c.school, c.className].filter(Boolean).join(', ')}</p> : null}
              <p>{c.weekdays ? `Jours de cantine\u00a0: ${formatWeekdays(c.weekdays)}` : 'Pas de jour de cantine en cours.'}</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        Une information est inexacte&nbsp;? Écrivez-nous&nbsp;: <a href="mailto:dossier@cdeparis11.fr">dossier@cdeparis11.fr</a>.
      </p>
    </>
  );
}

const LINK_LABELS = { dossierNumber: 'Numéro de dossier', childBirthDate: 'Date de naissance d’un enfant' };

function LinkView(props: { viewer: Viewer; link: LinkState; values?: Record<string, string>; errors?: FieldErrors }) {
  const { link } = props;
  if (link.state === 'waiting') {
    return (
      <Notice kind="info">
        <p>{`Votre demande de rattachement est envoyée${link.sentOn ? ` (le ${formatLongFrenchDate(link.sentOn)})` : ''}\u00a0: un agent de la Caisse la compare au dossier. Votre famille apparaîtra ici dès qu’il l’aura validée.`}</p>
      </Notice>
    );
  }
  const errors = props.errors ?? {};
  return (
    <>
      {link.state === 'refused' ? (
        <Notice kind="warning">
          <p>{`Votre demande de rattachement n’a pas été acceptée.${link.note ? ` Message de la Caisse\u00a0: «\u00a0${link.note}\u00a0»` : ''}`}</p>
        </Notice>
      ) : (
        <p>Votre espace n’est pas encore relié au dossier de votre famille.</p>
      )}
      <h2>Relier mon espace au dossier de ma famille</h2>
      <p>Si votre famille a déjà un dossier à la Caisse, donnez son numéro et la date de naissance d’un de vos enfants. Un agent vérifie, puis relie votre espace à ce dossier.</p>
      <ErrorSummary errors={errors} labels={LINK_LABELS} />
      <PostForm action="/ma-famille/relier" csrf={props.viewer.csrf}>
        <Field name="dossierNumber" label="Numéro de dossier" value={props.values?.dossierNumber ?? ''} hint="Il figure en haut de vos factures." error={errors.dossierNumber} />
        <Field name="childBirthDate" label="Date de naissance d’un enfant" type="date" value={props.values?.childBirthDate ?? ''} error={errors.childBirthDate} />
        <button type="submit">Envoyer la demande</button>
      </PostForm>
    </>
  );
}
