import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { RequestRow } from '../../../../shared/contract/requests.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { RequestsTable } from './RequestsTable.js';

/** The « Demandes » section of a family's file (requests.list { familyId }). */
export function FamilyRequests({ familyId }: { familyId: string }) {
  const [rows, setRows] = useState<RequestRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('requests.list', { familyId, sort: 'received' })
      .then((r) => {
        if (live) setRows(r);
      })
      .catch((e: unknown) => {
        if (live) setError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [familyId]);

  return (
    <section className="section" aria-labelledby="family-requests-title" data-testid="family-requests">
      <div className="section__header">
        <h2 id="family-requests-title">
          Demandes {rows ? <span className="count-pill">{rows.length}</span> : null}
        </h2>
        <Link to={`/demandes/nouvelle?famille=${encodeURIComponent(familyId)}`} className="btn btn--secondary" data-testid="family-new-request">
          Nouvelle demande
        </Link>
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
