import { Field, PostForm, type FieldErrors } from './forms.js';
import { Layout } from './layout.js';

/** « Accueil public »: log in, create an espace, the guide's questions, how to reach the Caisse. */
export function HomePage(props: { csrf: string; email?: string; loginError?: string | null; errors?: FieldErrors }) {
  return (
    <Layout title="Accueil">
      <h1>Mon Espace Famille</h1>
      <p className="lead">Inscrivez vos enfants à la restauration scolaire, consultez et réglez vos factures, envoyez vos demandes à la Caisse des écoles du 11<sup>e</sup>.</p>
      <div className="columns">
        <section aria-labelledby="connexion-titre" className="card">
          <h2 id="connexion-titre">Mon espace perso</h2>
          {props.loginError ? (
            <p className="error" role="alert" id="connexion-erreur">
              {props.loginError}
            </p>
          ) : null}
          <PostForm action="/connexion" csrf={props.csrf} label="Se connecter">
            <Field name="email" label="Identifiant (adresse e-mail)" type="email" autoComplete="username" value={props.email ?? ''} error={props.errors?.email} />
            <Field name="password" label="Mot de passe" type="password" autoComplete="current-password" error={props.errors?.password} />
            <button type="submit">Se connecter</button>
          </PostForm>
          <p>
            <a href="/mot-de-passe-oublie">J’ai oublié mon mot de passe.</a>
          </p>
        </section>
        <section aria-labelledby="creer-titre" className="card">
          <h2 id="creer-titre">Je n’ai pas d’espace</h2>
          <p>Créez votre espace avec votre adresse e-mail&nbsp;: vous recevrez un lien pour l’activer. Vous pourrez ensuite ajouter votre famille et inscrire vos enfants.</p>
          <p>
            <a className="button" href="/creer-mon-espace">
              Créer mon espace
            </a>
          </p>
        </section>
      </div>
      <section aria-labelledby="tarif-titre">
        <h2 id="tarif-titre">Combien coûte un repas&nbsp;?</h2>
        <p>
          Le prix dépend du quotient familial de la famille. <a href="/estimer-mon-tarif">Estimer mon tarif</a>
        </p>
      </section>
      <Faq />
      <Contact />
    </Layout>
  );
}

const QUESTIONS: [string, string][] = [
  [
    'Dois-je encore remplir le formulaire papier d’inscription\u00a0?',
    'Non. L’inscription en ligne, depuis votre espace, remplace le formulaire papier. Joignez-y les pièces demandées (attestation de quotient familial de la CAF de moins de 3 mois ou avis d’imposition, et, pour une première inscription, le livret de famille ou l’acte de naissance).',
  ],
  [
    'Comment corriger une information de mon dossier\u00a0?',
    'Depuis votre espace (une demande de correction), ou par courriel à dossier@cdeparis11.fr. Un agent de la Caisse l’enregistre.',
  ],
  [
    'Puis-je changer les jours de cantine de mon enfant\u00a0?',
    'Oui, par une demande de changement de rythme. Une fois validée par la Caisse, elle s’applique à partir de la période de facturation suivante\u00a0; d’ici là, les repas du rythme en cours restent facturés.',
  ],
  [
    'Mon enfant a été malade\u00a0: les repas sont-ils remboursés\u00a0?',
    'Seulement selon l’article 8 du règlement intérieur\u00a0: une maladie qui a empêché votre enfant de déjeuner au moins 3 jours de cantine consécutifs, avec le certificat médical original et le visa du directeur ou de la directrice de l’école, reçus dans les 30 jours qui suivent le dernier jour d’absence. Une maladie de deux jours n’est pas remboursée.',
  ],
  [
    'Nous déménageons hors du 11e\u00a0: que faire\u00a0?',
    'Envoyez une demande de radiation avec le certificat de radiation délivré par l’école. Les repas restent dus jusqu’à ce que la Caisse soit prévenue.',
  ],
];

function Faq() {
  return (
    <section aria-labelledby="faq-titre">
      <h2 id="faq-titre">Questions fréquentes</h2>
      {QUESTIONS.map(([question, answer]) => (
        <details key={question}>
          <summary>{question}</summary>
          <p>{answer}</p>
        </details>
      ))}
    </section>
  );
}

function Contact() {
  return (
    <section aria-labelledby="contact" className="card">
      <h2 id="contact">Contacter la CDE</h2>
      <p>
        Par courriel&nbsp;: <a href="mailto:dossier@cdeparis11.fr">dossier@cdeparis11.fr</a> (une question sur votre dossier, une correction). Depuis votre espace, une fois connecté, vos demandes arrivent directement aux agents de la Caisse.
      </p>
    </section>
  );
}
