import { Notice } from './forms.js';
import { Layout, type Viewer } from './layout.js';

/** « Mon accueil »: what the family has to do, once logged in. */
export function MyHomePage(props: { viewer: Viewer; linked: boolean }) {
  return (
    <Layout title="Mon accueil" viewer={props.viewer}>
      <h1>{`Bonjour ${props.viewer.firstName}`}</h1>
      <h2>À faire</h2>
      {props.linked ? (
        <p>Rien à faire pour le moment.</p>
      ) : (
        <Notice kind="info">
          <p>Votre espace n’est pas encore relié au dossier de votre famille. Dès qu’un agent de la Caisse l’aura relié, vous verrez ici vos factures et vos demandes.</p>
        </Notice>
      )}
    </Layout>
  );
}
