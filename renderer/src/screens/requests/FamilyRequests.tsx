import { Link } from 'react-router';
import { useOperation } from '../../lib/useOperation.js';
import { RequestsTable } from './RequestsTable.js';
import { useCan } from '../../state/session.js';

/** The « Demandes » section of a family's file (requests.list { familyId }). */
export function FamilyRequests({ familyId }: { familyId: string }) {
  const list = useOperation('requests.list', { familyId, sort: 'received' });
  const canCreate = useCan('requests.create');
  const rows = list.data;
  const error = list.error?.message ?? null;

  return (
    <section className="section" aria-labelledby="family-requests-title" data-testid="family-requests">
      <div className="section__header">
        <h2 id="family-requests-title">
          Demandes {rows ? <span className="count-pill">{rows.length}</span> : null}
        </h2>
        {canCreate ? (
          <Link to={`/demandes/nouvelle?famille=${encodeURIComponent(familyId)}`} className="btn btn--secondary" data-testid="family-new-request">
            Nouvelle demande
          </Link>
        ) : null}
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="muted panel">Aucune demande.</p> : null}
      {rows && rows.length > 0 ? <RequestsTable rows={rows} showFamily={false} testId="family-requests-table" /> : null}
    </section>
  );
}
