import { Link } from 'react-router';

export function NotFound() {
  return (
    <div className="page">
      <h1>Page introuvable</h1>
      <p>
        Cette adresse ne correspond à aucun écran. <Link to="/">Revenir à l’accueil</Link>
      </p>
    </div>
  );
}
