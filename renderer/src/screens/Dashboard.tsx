import { Link } from 'react-router';
import { formatLongFrenchDate } from '../../../shared/domain/dates.js';
import { formatCount } from '../../../shared/domain/money.js';
import { useOperation } from '../lib/useOperation.js';
import { useSearch } from '../state/search.js';
import { useCan } from '../state/session.js';

export function Dashboard() {
  const { data, error } = useOperation('dashboard.get', {});
  const canCreate = useCan('families.create');
  const canImport = useCan('import.csv');

  const showScope = (scope: 'active' | 'pending' | 'radiated' | 'archived') => () => {
    useSearch.setState({ query: '' });
    useSearch.getState().setScope(scope);
  };

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Accueil</h1>
          <p className="muted">{data ? capitalise(formatLongFrenchDate(data.today, { weekday: true })) : '\u00a0'}</p>
        </div>
      </header>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
      ) : null}
      <section className="cards" aria-label="Chiffres clés" aria-busy={!data && !error}>
        <Link to="/familles" onClick={showScope('active')} className="stat-card" data-testid="stat-active">
          <span className="stat-card__label">Familles actives</span>
          <span className="stat-card__value">{data ? formatCount(data.families.active) : '—'}</span>
        </Link>
        <Link
          to="/familles"
          onClick={showScope('pending')}
          className="stat-card stat-card--warn"
          data-testid="stat-pending"
        >
          <span className="stat-card__label">En attente de validation</span>
          <span className="stat-card__value">{data ? formatCount(data.families.pending) : '—'}</span>
        </Link>
        <div className="stat-card" data-testid="stat-children">
          <span className="stat-card__label">Enfants inscrits</span>
          <span className="stat-card__value">{data ? formatCount(data.children) : '—'}</span>
        </div>
        <div className="stat-card" data-testid="stat-requests">
          <span className="stat-card__label">Demandes en attente</span>
          <span className="stat-card__value">{data ? formatCount(data.requestsWaiting) : '—'}</span>
        </div>
      </section>
      <p className="small-stats">
        <Link to="/familles" onClick={showScope('radiated')}>
          Radiées&nbsp;: <strong>{data ? formatCount(data.families.radiated) : '—'}</strong>
        </Link>
        <span aria-hidden="true"> · </span>
        <Link to="/familles" onClick={showScope('archived')}>
          Archivées&nbsp;: <strong>{data ? formatCount(data.families.archived) : '—'}</strong>
        </Link>
      </p>

      <section className="panel quick">
        <h2>Accès rapides</h2>
        <div className="quick__links">
          <Link to="/familles" className="btn btn--secondary">
            Rechercher une famille <kbd>Ctrl K</kbd>
          </Link>
          {canCreate ? (
            <Link to="/familles/nouvelle" className="btn btn--secondary">
              Créer un dossier famille
            </Link>
          ) : null}
          {canImport ? (
            <Link to="/import" className="btn btn--secondary">
              Importer un fichier CSV
            </Link>
          ) : null}
        </div>
      </section>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}
