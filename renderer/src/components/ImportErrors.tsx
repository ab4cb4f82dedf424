import type { ImportIssue } from '../../../shared/contract/common.js';
import { formatCount } from '../../../shared/domain/money.js';

/** Enough to fix a file; beyond, the count says how many more there are. */
const MAX_SHOWN_ERRORS = 500;

/** The errors of a file's dry run, one row each with its line and column (families CSV, schools' directory). */
export function ImportErrors({ errors, testId }: { errors: readonly ImportIssue[]; testId: string }) {
  return (
    <>
      <div className="table-wrap table-wrap--scroll">
        <table className="table" data-testid={testId}>
          <caption className="visually-hidden">Erreurs du fichier</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Colonne</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, MAX_SHOWN_ERRORS).map((issue, i) => (
              <tr key={`${issue.line}-${issue.column}-${i}`}>
                <td className="num">{issue.line}</td>
                <td>
                  <code>{issue.column || '—'}</code>
                </td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > MAX_SHOWN_ERRORS ? (
        <p className="muted">
          {formatCount(MAX_SHOWN_ERRORS)} premières erreurs affichées sur {formatCount(errors.length)}.
        </p>
      ) : null}
    </>
  );
}
