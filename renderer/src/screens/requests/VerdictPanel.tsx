import type { RefundVerdict } from '../../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { plural } from '../../lib/text.js';

/** The refund rule's verdict: remboursable or not, every check with its message, the days refunded. */
export function VerdictPanel({ verdict }: { verdict: RefundVerdict }) {
  return (
    <div className={`panel verdict verdict--${verdict.eligible ? 'ok' : 'ko'}`} data-testid="refund-verdict" data-eligible={verdict.eligible}>
      <p className="verdict__head" data-testid="verdict-eligible">
        {verdict.eligible ? (
          <>
            <strong>Remboursable</strong>&nbsp;: {plural(verdict.refundedDays.length, 'jour', 'jours')}, <strong data-testid="verdict-amount">{formatCents(verdict.amountCents)}</strong>
          </>
        ) : (
          <strong>Non remboursable</strong>
        )}
      </p>
      <ul className="verdict__checks">
        {verdict.checks.map((c) => (
          <li key={c.rule} className={`verdict__check verdict__check--${c.ok ? 'ok' : 'ko'}`} data-testid="verdict-check" data-rule={c.rule} data-ok={c.ok}>
            <span className="verdict__mark" aria-hidden="true">
              {c.ok ? '✓' : '✗'}
            </span>
            <span className="visually-hidden">{c.ok ? 'Vérifié' : 'Non conforme'}&nbsp;: </span>
            {c.message}
          </li>
        ))}
      </ul>
      {verdict.refundedDays.length > 0 ? (
        <p className="verdict__days" data-testid="verdict-days">
          Jours remboursés&nbsp;: {verdict.refundedDays.map((day) => formatFrenchDate(day)).join(', ')}
        </p>
      ) : null}
    </div>
  );
}
