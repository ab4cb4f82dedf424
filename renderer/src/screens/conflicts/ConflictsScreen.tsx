import { useState } from 'react';
import { Link } from 'react-router';
import type { ConflictView } from '../../../../shared/contract/conflicts.js';
import { PERMISSION_LABELS } from '../../../../shared/contract/permissions.js';
import { CONFLICT_ROLE } from '../../../../shared/contract/conflicts.js';
import { formatTimestamp } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { Tabs, tabPanelProps } from '../../components/Tabs.js';
import { plural } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { useRequestsWaiting } from '../requests/waiting.js';

type ConflictState = 'open' | 'resolved';

/**
 * « Conflits »: what two desks did offline that cannot both stand (two decisions on one request,
 * one invoice paid twice, one child in two files, the same meals refunded by two requests), found
 * by the server. Each shows its versions
 * side by side; « Garder celle-ci » settles it on every desk with the next sync.
 */
export function ConflictsScreen() {
  const [state, setState] = useState<ConflictState>('open');
  const list = useOperation('conflicts.list', { state }, { keepPrevious: true });
  const [busy, setBusy] = useState<string | null>(null);

  async function resolve(conflict: ConflictView, chosen: number | null) {
    setBusy(`${conflict.id}:${chosen ?? 'seen'}`);
    try {
      await invoke('conflicts.resolve', { id: conflict.id, chosen });
      toast.success(chosen === null ? 'Conflit marqué comme vu.' : 'Version gardée\u00a0: elle s’appliquera sur tous les postes à la prochaine synchronisation.');
      await list.reload();
      // The navigation's badge counts one conflict less.
      void useRequestsWaiting.getState().refresh();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  const rows = list.data?.rows;
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Conflits</h1>
          <p className="muted">Ce que deux postes ont fait hors connexion et qui ne peut pas valoir deux fois&nbsp;: choisissez la version à garder.</p>
        </div>
      </header>
      <Tabs<ConflictState>
        label="Conflits affichés"
        idPrefix="conflicts"
        value={state}
        onChange={setState}
        items={[
          { id: 'open', label: 'À trancher', testId: 'conflicts-open', badge: list.data?.openCount ?? null },
          { id: 'resolved', label: 'Tranchés', testId: 'conflicts-resolved' },
        ]}
      />
      <div {...tabPanelProps('conflicts', state)}>
        <div className="toolbar">
          {list.loading ? <span className="spinner spinner--dark" aria-hidden="true" /> : null}
          {rows ? <span className="muted">{plural(rows.length, 'conflit', 'conflits')}</span> : null}
        </div>
        {list.error ? (
          <div className="alert alert--error" role="alert">
            <p>{list.error.message}</p>
            <Button onClick={() => void list.reload()}>Réessayer</Button>
          </div>
        ) : null}
        {rows && rows.length === 0 ? (
          <div className="panel empty-panel" data-testid="conflicts-empty">
            <p>{state === 'open' ? 'Aucun conflit à trancher.' : 'Aucun conflit tranché.'}</p>
          </div>
        ) : null}
        {rows?.map((conflict) => (
          <section key={conflict.id} className="panel conflict" data-testid="conflict" aria-labelledby={`conflict-${conflict.id}`}>
            <header className="conflict__head">
              <h2 id={`conflict-${conflict.id}`}>{conflict.title}</h2>
              <span className="muted small">Détecté le {formatTimestamp(conflict.detectedAt)}</span>
            </header>
            <p className="conflict__explanation">{conflict.explanation}</p>
            <div className="conflict__versions">
              {conflict.versions.map((version, index) => (
                <article key={index} className={`conflict__version${conflict.chosen === index ? ' conflict__version--chosen' : ''}`} data-testid="conflict-version">
                  <p className="panel__label">
                    {conflict.action === 'choose' ? `Version ${index + 1}` : index === 0 ? 'Premier dossier' : 'Second dossier'} · poste «&nbsp;{version.deskName}&nbsp;»
                  </p>
                  <ul className="conflict__lines">
                    {version.lines.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                  {conflict.chosen === index ? <span className="badge badge--active">Gardée</span> : null}
                  {conflict.action === 'choose' && conflict.resolvedAt === null && conflict.canResolve ? (
                    <Button variant="primary" busy={busy === `${conflict.id}:${index}`} disabled={busy !== null} onClick={() => void resolve(conflict, index)} data-testid="conflict-keep">
                      Garder celle-ci
                    </Button>
                  ) : null}
                </article>
              ))}
            </div>
            <footer className="conflict__foot">
              {conflict.familyId ? <Link to={`/familles/${conflict.familyId}`}>Ouvrir le dossier</Link> : null}
              {conflict.resolvedAt !== null ? (
                <span className="muted" data-testid="conflict-resolved">
                  Tranché le {formatTimestamp(conflict.resolvedAt)} par {conflict.resolvedBy ?? 'un agent'}
                </span>
              ) : !conflict.canResolve ? (
                <span className="muted">À trancher par un agent du rôle «&nbsp;{PERMISSION_LABELS[CONFLICT_ROLE[conflict.kind]]}&nbsp;».</span>
              ) : conflict.action === 'acknowledge' ? (
                <Button variant="primary" busy={busy === `${conflict.id}:seen`} disabled={busy !== null} onClick={() => void resolve(conflict, null)} data-testid="conflict-seen">
                  Vu
                </Button>
              ) : null}
            </footer>
          </section>
        ))}
      </div>
    </div>
  );
}
