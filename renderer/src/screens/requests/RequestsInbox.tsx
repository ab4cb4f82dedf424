import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS, requestStatus, requestType } from '../../../../shared/contract/requests.js';
import { Button } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { plural } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { refreshRequestsWaiting } from './waiting.js';
import { RequestsTable } from './RequestsTable.js';
import { useCan } from '../../state/session.js';

/** Demandes: the inbox of requests from families, longest waiting first. */
export function RequestsInbox() {
  const [params, setParams] = useSearchParams();
  const canCreate = useCan('requests.create');
  const statusParam = requestStatus.safeParse(params.get('statut'));
  const typeParam = requestType.safeParse(params.get('type'));
  const status = statusParam.success ? statusParam.data : undefined;
  const type = typeParam.success ? typeParam.data : undefined;
  const sort = params.get('tri') === 'received' ? 'received' : 'waited';
  const list = useOperation('requests.list', { sort, ...(status ? { status } : {}), ...(type ? { type } : {}) }, { keepPrevious: true });
  const rows = list.data;
  const error = list.error?.message ?? null;
  const { loading, reload: load } = list;

  useEffect(() => refreshRequestsWaiting(), []);

  function setParam(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Demandes</h1>
          <p className="muted">Remboursements, changements de rythme, radiations, corrections et messages des familles, reçus au guichet ou sur le portail.</p>
        </div>
        <div className="page__actions">
          {canCreate ? (
            <Link to="/demandes/nouvelle" className="btn btn--primary" data-testid="new-request">
              <Icon name="plus" />
              Nouvelle demande
            </Link>
          ) : null}
        </div>
      </header>

      <div className="toolbar">
        <label className="inline-select">
          <span>Statut</span>
          <select value={status ?? ''} onChange={(e) => setParam('statut', e.target.value)} data-testid="requests-filter-status">
            <option value="">Tous</option>
            {requestStatus.options.map((s) => (
              <option key={s} value={s}>
                {REQUEST_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>Type</span>
          <select value={type ?? ''} onChange={(e) => setParam('type', e.target.value)} data-testid="requests-filter-type">
            <option value="">Tous</option>
            {requestType.options.map((t) => (
              <option key={t} value={t}>
                {REQUEST_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>Tri</span>
          <select
            value={sort}
            onChange={(e) => setParam('tri', e.target.value === 'received' ? 'received' : '')}
            data-testid="requests-sort"
          >
            <option value="waited">Attente la plus longue d’abord</option>
            <option value="received">Reçues le plus récemment d’abord</option>
          </select>
        </label>
        {loading ? <span className="spinner spinner--dark" aria-hidden="true" /> : null}
        {rows ? (
          <span className="muted" data-testid="requests-count">
            {plural(rows.length, 'demande', 'demandes')}
          </span>
        ) : null}
      </div>

      {error ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
          <Button onClick={() => void load()}>Réessayer</Button>
        </div>
      ) : null}

      {rows && rows.length === 0 ? (
        <div className="panel empty-panel" data-testid="requests-empty">
          <p>{status || type ? 'Aucune demande ne correspond à ces filtres.' : 'Aucune demande enregistrée.'}</p>
        </div>
      ) : null}
      {rows && rows.length > 0 ? (
        <>
          <RequestsTable rows={rows} />
          <p className="muted small table-hint">↑ ↓ pour parcourir, Entrée pour ouvrir la demande.</p>
        </>
      ) : null}
    </div>
  );
}
