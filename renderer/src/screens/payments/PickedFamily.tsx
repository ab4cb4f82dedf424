import { Link } from 'react-router';
import type { FamilyAccount } from '../../../../shared/contract/payments.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { Button } from '../../components/form.js';
import { upper } from '../../lib/text.js';

export interface Picked {
  familyId: string;
  dossierNumber: number;
  familyName: string;
}

/** The family being paid for: what it owes, its credit, and the way to another family. */
export function PickedFamily({
  picked,
  account,
  dueCents,
  busy,
  onChange,
}: {
  picked: Picked;
  account: FamilyAccount | null;
  dueCents: number;
  busy: boolean;
  onChange(): void;
}) {
  return (
    <div className="picked" data-testid="counter-family" data-family-id={picked.familyId}>
      <div>
        <p className="picked__name">
          Dossier n°&nbsp;{picked.dossierNumber} — {upper(picked.familyName)}
        </p>
        {account ? (
          <p className="picked__figures">
            Reste dû&nbsp;: <strong className={dueCents > 0 ? 'text-danger' : 'text-ok'} data-testid="counter-due">{formatCents(dueCents)}</strong>
            {account.creditCents > 0 ? (
              <>
                {' '}
                · Avoir disponible&nbsp;: <strong className="text-ok">{formatCents(account.creditCents)}</strong>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <div className="picked__actions">
        <Link to={`/familles/${picked.familyId}/compte`} className="btn btn--ghost">
          Voir le compte
        </Link>
        <Button onClick={onChange} disabled={busy} data-testid="counter-change-family">
          Changer de famille
        </Button>
      </div>
    </div>
  );
}
