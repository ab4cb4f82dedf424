import { formatLongFrenchDate } from '../../../shared/domain/dates.js';
import type { LinkState } from '../linking.js';
import { Notice } from './forms.js';
import { Layout, type Viewer } from './layout.js';

/** « Mon accueil »: what the family has to do, once logged in. */
export function MyHomePage(props: { viewer: Viewer; link: LinkState }) {
  const { link } = props;
  return (
    <Layout title="Mon accueil" viewer={props.viewer}>
      <h1>{`Bonjour ${props.viewer.firstName}`}</h1>
      <h2>À faire</h2>
      {link.state === 'linked' ? (
        <p>Rien à faire pour le moment.</p>
      ) : link.state === 'waiting' ? (
        <Notice kind="info">
          <p>{`Votre demande de rattachement au dossier de votre famille${link.sentOn ? `, envoyée le ${formatLongFrenchDate(link.sentOn)},` : ''} attend la validation d’un agent de la Caisse.`}</p>
        </Notice>
      ) : (
        <Notice kind={link.state === 'refused' ? 'warning' : 'info'}>
          <p>
            {link.state === 'refused' ? 'Votre demande de rattachement n’a pas été acceptée. ' : 'Votre espace n’est pas encore relié au dossier de votre famille. '}
            <a href="/ma-famille">Relier mon espace au dossier de ma famille</a>
          </p>
        </Notice>
      )}
    </Layout>
  );
}
