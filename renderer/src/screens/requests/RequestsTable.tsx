import { REQUEST_TYPE_LABELS, type RequestRow } from '../../../../shared/contract/requests.js';
import { Link, useNavigate } from 'react-router';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { navBodyProps, navRowProps } from '../../components/tableNav.js';
import { upper } from '../../lib/text.js';
import { RequestStatusBadge, waitedText } from './RequestStatusBadge.js';
import { SourceTag } from './SourceTag.js';

/** Requests as a table: ↑ ↓ move between rows, Entrée opens the request. */
export function RequestsTable({ rows, showFamily = true, testId = 'requests-table' }: { rows: RequestRow[]; showFamily?: boolean; testId?: string }) {
  const navigate = useNavigate();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Type</th>
            {showFamily ? <th scope="col">Famille</th> : null}
            <th scope="col">Enfant</th>
            <th scope="col">Reçue le</th>
            <th scope="col">Statut</th>
            <th scope="col">Suivie par</th>
            <th scope="col" className="num-col">
              Attente
            </th>
          </tr>
        </thead>
        <tbody {...navBodyProps}>
          {rows.map((r, i) => (
            <tr
              key={r.id}
              {...navRowProps(i)}
              className="row-link"
              data-testid="request-row"
              data-request-id={r.id}
              data-type={r.type}
              data-status={r.status}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a, button')) return;
                void navigate(`/demandes/${r.id}`);
              }}
            >
              <td className="strong">
                <Link to={`/demandes/${r.id}`} data-row-open tabIndex={-1}>
                  {REQUEST_TYPE_LABELS[r.type]}
                </Link>
                <SourceTag source={r.source} />
              </td>
              {showFamily ? (
                <td>
                  {r.familyId ? (
                    <Link to={`/familles/${r.familyId}`} tabIndex={-1}>
                      n°&nbsp;{r.dossierNumber} — {upper(r.familyName ?? '')}
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              ) : null}
              <td>{r.childName ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{formatFrenchDate(r.receivedOn)}</td>
              <td>
                <RequestStatusBadge status={r.status} />
              </td>
              <td>{r.handledBy ?? <span className="muted">—</span>}</td>
              <td className="num num-col nowrap" data-testid="request-waited">
                {waitedText(r.waitedDays)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
