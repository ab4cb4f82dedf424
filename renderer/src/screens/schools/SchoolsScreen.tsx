import { useMemo, useState } from 'react';
import { SCHOOL_KIND_LABELS, type School } from '../../../../shared/contract/schools.js';
import { foldText, queryTokens } from '../../../../shared/domain/search.js';
import { formatWeekdays } from '../../../../shared/domain/weekdays.js';
import { Button } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { navBodyProps, navRowProps } from '../../components/tableNav.js';
import { invalidateSchools } from '../../lib/schools.js';
import { plural } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { DirectoryImportDialog } from './DirectoryImportDialog.js';
import { CloseSchoolDialog, ReopenSchoolDialog, SchoolDialog } from './dialogs.js';
import { schoolState } from './labels.js';
import { deskToday } from '../../lib/today.js';
import { useCan } from '../../state/session.js';

type StateFilter = 'all' | 'open' | 'closed';

type Open =
  | { dialog: 'edit'; school: School | null }
  | { dialog: 'close'; school: School }
  | { dialog: 'reopen'; school: School }
  | { dialog: 'import' }
  | null;

/** Établissements: the schools' register (code, name, kind, address, head, service days, state). */
export function SchoolsScreen() {
  const list = useOperation('schools.list', {});
  const schools = useMemo(() => (list.data ? [...list.data].sort((a, b) => a.name.localeCompare(b.name, 'fr')) : null), [list.data]);
  const error = list.error?.message ?? null;
  const [query, setQuery] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const [open, setOpen] = useState<Open>(null);
  const today = deskToday();
  // The register is kept by the administration: other agents read it.
  const canImport = useCan('schools.importDirectory');
  const canCreate = useCan('schools.create');
  const canUpdate = useCan('schools.update');
  const canClose = useCan('schools.close');
  const canReopen = useCan('schools.reopen');

  /** The register changed: the pickers of the other screens ask again, the sync strip counts. */
  function changed() {
    invalidateSchools();
    void list.reload();
  }
  function done() {
    setOpen(null);
    changed();
  }

  const shown = useMemo(() => {
    // Every word typed, anywhere in the code, name, address or head's name (accents and case aside).
    const words = queryTokens(query);
    return (schools ?? []).filter((s) => {
      if (state !== 'all' && (state === 'open') !== (s.closedOn === null)) return false;
      const text = foldText(`${s.code} ${s.name} ${s.address} ${s.headName ?? ''}`);
      return words.every((w) => text.includes(w));
    });
  }, [schools, query, state]);

  const closedCount = schools?.filter((s) => s.closedOn !== null).length ?? 0;

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Établissements</h1>
          <p className="muted">Les écoles où mangent les enfants, leur directeur ou directrice et leurs jours de service.</p>
        </div>
        <div className="page__actions">
          {canImport ? (
            <Button onClick={() => setOpen({ dialog: 'import' })} data-testid="import-directory">
              <Icon name="upload" />
              Importer l’annuaire
            </Button>
          ) : null}
          {canCreate ? (
            <Button variant="primary" onClick={() => setOpen({ dialog: 'edit', school: null })} data-testid="new-school">
              <Icon name="plus" />
              Nouvel établissement
            </Button>
          ) : null}
        </div>
      </header>

      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}

      {schools && schools.length === 0 ? (
        <div className="panel empty-panel" data-testid="no-schools">
          <p>
            Aucun établissement n’est enregistré. Créez les écoles une à une, ou importez celles de l’arrondissement depuis
            l’annuaire de l’éducation (data.education.gouv.fr).
          </p>
        </div>
      ) : null}

      {schools && schools.length > 0 ? (
        <>
          <div className="toolbar">
            <input
              type="search"
              className="toolbar__search"
              placeholder="Code, nom, adresse, directeur…"
              aria-label="Filtrer les établissements"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="schools-filter"
            />
            <label className="inline-select">
              <span>État</span>
              <select value={state} onChange={(e) => setState(e.target.value as StateFilter)} data-testid="schools-state">
                <option value="all">Tous</option>
                <option value="open">Ouverts</option>
                <option value="closed">Fermés ({closedCount})</option>
              </select>
            </label>
            <span className="muted" role="status" data-testid="schools-count">
              {plural(shown.length, 'établissement', 'établissements')}
            </span>
          </div>
          <div className="table-wrap">
            <table className="table schools-table" data-testid="schools-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Établissement</th>
                  <th scope="col">Directeur ou directrice</th>
                  <th scope="col">Jours de service</th>
                  <th scope="col">État</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody {...navBodyProps}>
                {shown.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="empty-cell muted">
                      Aucun établissement ne correspond.
                    </td>
                  </tr>
                ) : null}
                {shown.map((s, i) => {
                  const status = schoolState(s, today);
                  return (
                    <tr
                      key={s.id}
                      {...navRowProps(i)}
                      className={`${canUpdate ? 'row-link' : ''}${status.tone === 'closed' ? ' row--closed' : ''}`}
                      data-testid="school-row"
                      onClick={(e) => {
                        if (!canUpdate || (e.target as HTMLElement).closest('button')) return;
                        setOpen({ dialog: 'edit', school: s });
                      }}
                    >
                      <td className="nowrap">
                        <code>{s.code}</code>
                      </td>
                      <td>
                        {canUpdate ? (
                          <button
                            type="button"
                            className="link-button strong"
                            onClick={() => setOpen({ dialog: 'edit', school: s })}
                            title="Modifier l’établissement"
                            data-row-open=""
                            data-testid="edit-school"
                          >
                            {s.name}
                          </button>
                        ) : (
                          <span className="strong">{s.name}</span>
                        )}
                        <span className="cell-sub">
                          {SCHOOL_KIND_LABELS[s.kind]} · {s.address}
                        </span>
                      </td>
                      <td>{s.headName ?? <span className="muted">—</span>}</td>
                      <td>{formatWeekdays(s.serviceWeekdays)}</td>
                      <td>
                        <span className={`badge badge--school-${status.tone}`}>{status.label}</span>
                      </td>
                      <td className="row-actions">
                        {s.closedOn === null && canClose ? (
                          <Button variant="ghost" onClick={() => setOpen({ dialog: 'close', school: s })} aria-label={`Fermer ${s.name}`} data-testid="close-school">
                            Fermer…
                          </Button>
                        ) : null}
                        {s.closedOn !== null && canReopen ? (
                          <Button variant="ghost" onClick={() => setOpen({ dialog: 'reopen', school: s })} aria-label={`Rouvrir ${s.name}`} data-testid="reopen-school">
                            Rouvrir…
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small table-hint">↑ ↓ pour choisir un établissement, Entrée ou un clic pour le modifier.</p>
        </>
      ) : null}

      {open?.dialog === 'edit' ? <SchoolDialog school={open.school} onClose={() => setOpen(null)} onSaved={done} /> : null}
      {open?.dialog === 'close' ? <CloseSchoolDialog school={open.school} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.dialog === 'reopen' ? <ReopenSchoolDialog school={open.school} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.dialog === 'import' ? <DirectoryImportDialog onClose={() => setOpen(null)} onImported={changed} /> : null}
    </div>
  );
}
