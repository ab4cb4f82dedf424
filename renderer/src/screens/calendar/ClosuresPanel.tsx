import { useMemo, useState } from 'react';
import { type Closure, CLOSURE_KIND_LABELS } from '../../../../shared/contract/calendar.js';
import type { School } from '../../../../shared/contract/schools.js';
import { formatFrenchDate, formatTimestamp } from '../../../../shared/domain/dates.js';
import { weekdayName } from '../../../../shared/domain/weekdays.js';
import { isoWeekday } from '../../../../shared/domain/calendar.js';
import { invoke } from '../../api/client.js';
import { MutationDialog } from '../../components/ActionDialog.js';
import { Button } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { plural } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { ClosureDialog } from './dialogs.js';
import { useCan } from '../../state/session.js';

/** Days a school's catering did not run (strike, school trip, closure): never billed. */
export function ClosuresPanel({ schools, schoolId }: { schools: readonly School[]; schoolId: string }) {
  const canAdd = useCan('calendar.addClosure');
  const canRemove = useCan('calendar.removeClosure');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Closure | null>(null);
  const [allSchools, setAllSchools] = useState(false);
  const list = useOperation('calendar.closures', allSchools || !schoolId ? {} : { schoolId });
  const closures = useMemo(
    () => (list.data ? [...list.data].sort((a, b) => b.date.localeCompare(a.date) || a.schoolName.localeCompare(b.schoolName, 'fr')) : null),
    [list.data],
  );
  const error = list.error?.message ?? null;

  return (
    <div className="calendar-panel" data-testid="closures-panel">
      <div className="toolbar toolbar--spread">
        <label className="check">
          <input type="checkbox" checked={allSchools} onChange={(e) => setAllSchools(e.target.checked)} data-testid="closures-all-schools" />
          <span>Toutes les écoles</span>
        </label>
        {canAdd ? (
          <Button variant="primary" onClick={() => setAdding(true)} data-testid="add-closure">
            <Icon name="plus" />
            Ajouter une fermeture
          </Button>
        ) : null}
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {closures && closures.length === 0 ? <p className="muted panel">Aucune fermeture enregistrée.</p> : null}
      {closures && closures.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="closures-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">École</th>
                <th scope="col">Type</th>
                <th scope="col">Précision</th>
                <th scope="col">Saisie</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {closures.map((c) => (
                <tr key={c.id} data-testid="closure-row" data-date={c.date}>
                  <td className="nowrap strong">
                    {weekdayName(isoWeekday(c.date))} {formatFrenchDate(c.date)}
                  </td>
                  <td>{c.schoolName}</td>
                  <td>
                    <span className={`badge badge--closure-${c.kind}`}>{CLOSURE_KIND_LABELS[c.kind]}</span>
                  </td>
                  <td>{c.label ?? <span className="muted">—</span>}</td>
                  <td className="muted small">
                    {formatTimestamp(c.createdAt)} · {c.createdBy}
                  </td>
                  <td className="row-actions">
                    {canRemove ? (
                      <Button variant="ghost" className="text-danger" onClick={() => setRemoving(c)} aria-label={`Supprimer la fermeture du ${formatFrenchDate(c.date)}`} data-testid="remove-closure">
                        Supprimer
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {closures && closures.length > 0 ? <p className="muted small">{plural(closures.length, 'fermeture', 'fermetures')}</p> : null}

      {adding ? (
        <ClosureDialog
          schools={schools}
          initialSchoolId={schoolId || null}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void list.reload();
          }}
        />
      ) : null}
      {removing ? (
        <RemoveClosureDialog
          closure={removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            void list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function RemoveClosureDialog({ closure, onClose, onDone }: { closure: Closure; onClose(): void; onDone(): void }) {
  return (
    <MutationDialog
      title="Supprimer une fermeture"
      onClose={onClose}
      action={() => invoke('calendar.removeClosure', { id: closure.id })}
      success={() => 'Fermeture supprimée.'}
      onDone={onDone}
      submitLabel="Supprimer"
      submitVariant="danger"
      testId="remove-closure-dialog"
    >
      <p>
        Supprimer la fermeture du {formatFrenchDate(closure.date)} ({CLOSURE_KIND_LABELS[closure.kind].toLowerCase()}) à{' '}
        {closure.schoolName}&nbsp;? Ce jour redeviendra facturable pour les prochaines périodes.
      </p>
    </MutationDialog>
  );
}
