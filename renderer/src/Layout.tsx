import { useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSearch } from './state/search.js';
import { useStatus } from './state/status.js';
import { SessionControls } from './screens/session/SessionControls.js';
import { SyncIndicator } from './screens/session/SyncIndicator.js';
import { useAllowed, useCan } from './state/session.js';
import type { OperationName } from '../../shared/contract/operations.js';
import { Icon, type IconName } from './components/Icon.js';
import { useRequestsWaiting } from './screens/requests/waiting.js';
import { useDocumentKeys } from './state/documentKeys.js';


/** The « Facturation » group of the sidebar, in order; `needs`: the operation its screen is for (router.tsx). */
const BILLING_LINKS: readonly { to: string; icon: IconName; label: string; needs?: OperationName }[] = [
  { to: '/facturation', icon: 'invoice', label: 'Facturation' },
  { to: '/encaissements', icon: 'wallet', label: 'Encaissements', needs: 'payments.record' },
  { to: '/impayes', icon: 'alert', label: 'Impayés' },
  { to: '/calendrier', icon: 'calendar', label: 'Calendrier' },
  { to: '/tarifs', icon: 'tag', label: 'Tarifs' },
];

/** The « Réglages » group, each entry shown to whoever may call the operation its screen is for. */
const SETTINGS_LINKS: readonly { to: string; icon: IconName; label: string; needs: OperationName; testId: string }[] = [
  { to: '/agents', icon: 'users', label: 'Agents', needs: 'accounts.list', testId: 'nav-agents' },
  { to: '/parametres/sauvegardes', icon: 'archive', label: 'Sauvegardes', needs: 'backups.state', testId: 'nav-backups' },
  { to: '/parametres/serveur', icon: 'server', label: 'Serveur', needs: 'sync.connect', testId: 'nav-server' },
  { to: '/parametres/cle', icon: 'key', label: 'Clé des documents', needs: 'documentKeys.rotate', testId: 'nav-document-keys' },
];

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
  }
  return false;
}

export function Layout() {
  const navigate = useNavigate();
  const location = useLocation();
  const version = useStatus((s) => s.version);
  const requestsWaiting = useRequestsWaiting((s) => s.count);
  const openConflicts = useRequestsWaiting((s) => s.conflictsOpen);
  // The screens hide what the agent may not do (the dispatch refuses it anyway): each entry asks
  // for the operation its screen is for, as the route does (router.tsx, RequireAccess).
  const canCreateFamily = useCan('families.create');
  const canImport = useCan('import.csv');
  const canKeys = useCan('documentKeys.rotate');
  const billingLinks = useAllowed(BILLING_LINKS);
  const settingsLinks = useAllowed(SETTINGS_LINKS);

  // The requests waiting and the conflicts to settle (navigation badges), refreshed on each screen change.
  useEffect(() => {
    void useRequestsWaiting.getState().refresh();
  }, [location.pathname]);
  useEffect(() => {
    void useStatus.getState().loadInfo();
  }, []);
  // The document keys' state (banner), refreshed on each screen change too.
  useEffect(() => {
    void useDocumentKeys.getState().refresh();
  }, [location.pathname]);

  // Ctrl+K (or « / » outside a field) goes to the search box, from any screen.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (document.querySelector('dialog[open]')) return;
      const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      useSearch.getState().requestFocus();
      if (!window.location.hash.match(/^#\/familles\/?$/)) void navigate('/familles');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Aller au contenu
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand__logo" aria-hidden="true">G</span>
          <span className="brand__text">
            <strong>Guichet</strong>
            <span>Caisse des écoles du 11e</span>
          </span>
        </div>
        <nav className="nav" aria-label="Navigation principale">
          <NavLink to="/" end className="nav__link" title="Accueil">
            <span className="nav__icon"><Icon name="home" /></span>
            <span className="nav__label">Accueil</span>
          </NavLink>
          <NavLink
            to="/familles"
            title="Familles"
            className={({ isActive }) =>
              'nav__link' + (isActive && location.pathname !== '/familles/nouvelle' ? ' active' : '')
            }
          >
            <span className="nav__icon"><Icon name="users" /></span>
            <span className="nav__label">Familles</span>
            <kbd className="nav__kbd" title="Raccourci&nbsp;: Ctrl+K">Ctrl K</kbd>
          </NavLink>
          {canCreateFamily ? (
            <NavLink to="/familles/nouvelle" className="nav__link" title="Nouvelle famille">
              <span className="nav__icon"><Icon name="plus" /></span>
              <span className="nav__label">Nouvelle famille</span>
            </NavLink>
          ) : null}
          <NavLink to="/demandes" className="nav__link" data-testid="nav-requests" title="Demandes">
            <span className="nav__icon"><Icon name="file" /></span>
            <span className="nav__label">Demandes</span>
            {requestsWaiting ? (
              <span className="nav__count" data-testid="nav-requests-waiting" title={`${requestsWaiting} en attente`}>
                {requestsWaiting}
              </span>
            ) : null}
          </NavLink>
          <NavLink to="/conflits" className="nav__link" data-testid="nav-conflicts" title="Conflits">
            <span className="nav__icon"><Icon name="alert" /></span>
            <span className="nav__label">Conflits</span>
            {openConflicts ? (
              <span className="nav__count" data-testid="nav-conflicts-open" title={`${openConflicts} à trancher`}>
                {openConflicts}
              </span>
            ) : null}
          </NavLink>
          <NavLink to="/etablissements" className="nav__link" data-testid="nav-schools" title="Établissements">
            <span className="nav__icon"><Icon name="school" /></span>
            <span className="nav__label">Établissements</span>
          </NavLink>
          {canImport ? (
            <NavLink to="/import" className="nav__link" title="Import CSV">
              <span className="nav__icon"><Icon name="upload" /></span>
              <span className="nav__label">Import CSV</span>
            </NavLink>
          ) : null}
          <span className="nav__group" aria-hidden="true">
            <span className="nav__label">Facturation</span>
          </span>
          {billingLinks.map((link) => (
            <NavLink key={link.to} to={link.to} className="nav__link" title={link.label}>
              <span className="nav__icon"><Icon name={link.icon} /></span>
              <span className="nav__label">{link.label}</span>
            </NavLink>
          ))}
          {settingsLinks.length > 0 ? (
            <span className="nav__group" aria-hidden="true">
              <span className="nav__label">Réglages</span>
            </span>
          ) : null}
          {settingsLinks.map((link) => (
            <NavLink key={link.to} to={link.to} className="nav__link" data-testid={link.testId} title={link.label}>
              <span className="nav__icon"><Icon name={link.icon} /></span>
              <span className="nav__label">{link.label}</span>
            </NavLink>
          ))}
        </nav>
        <div className="sidebar__foot">
          {version ? <span>Version {version}</span> : null}
        </div>
      </aside>
      <div className="workspace">
        <DocumentKeysBanner isAdmin={canKeys} onKeysScreen={location.pathname === '/parametres/cle'} />
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="status-strip" data-testid="status-strip">
          <SyncIndicator />
          <span aria-hidden="true">·</span>
          <SessionControls />
          <span className="status-strip__hint">Ctrl+K ou «&nbsp;/&nbsp;»&nbsp;: rechercher une famille</span>
        </footer>
      </div>
    </div>
  );
}

/**
 * Above every screen: when some keys are not on this desk, certificates cannot be opened (admins
 * get the link to unlock); when no recovery code exists, a discreet reminder for admins.
 */
function DocumentKeysBanner({ isAdmin, onKeysScreen }: { isAdmin: boolean; onKeysScreen: boolean }) {
  const status = useDocumentKeys((s) => s.status);
  if (!status) return null;
  if (status.state === 'locked') {
    return (
      <aside aria-label="Clé des documents">
        <div className="alert alert--warn keys-banner" role="status" data-testid="keys-locked-banner">
          <span>Des certificats ne peuvent pas être ouverts sur ce poste&nbsp;: saisissez le code de secours.</span>
          {isAdmin && !onKeysScreen ? <Link to="/parametres/cle">Saisir le code de secours</Link> : null}
          {!isAdmin ? <span className="muted">Demandez-le à l’administrateur de Guichet.</span> : null}
        </div>
      </aside>
    );
  }
  if (isAdmin && status.state === 'ready' && !status.recovery.setUp && !onKeysScreen) {
    return (
      <aside aria-label="Clé des documents">
        <p className="keys-reminder" data-testid="keys-recovery-reminder">
          <Icon name="key" size={14} />
          <span>Aucun code de secours pour les certificats médicaux.</span>
          <Link to="/parametres/cle">Le créer</Link>
        </p>
      </aside>
    );
  }
  return null;
}
