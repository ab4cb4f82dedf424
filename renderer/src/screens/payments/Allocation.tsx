import type { OpInput } from '../../../../shared/contract/operations.js';
import type { PaymentAllocationPlan } from '../../../../shared/contract/payments.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { type Loaded, useOperation } from '../../lib/useOperation.js';

/**
 * The imputation of a payment: which invoices it pays (the oldest first, or the ones checked)
 * and what becomes a credit. The plan shown comes from the server (payments.previewAllocation),
 * computed by the very rule payments.record applies.
 */

type PreviewInput = OpInput<'payments.previewAllocation'>;

/** Waits for a pause in typing before asking again; the plan shown stays meanwhile. */
const PREVIEW_DELAY_MS = 250;

/** The plan the server would record for `input` (null: no amount or no invoice to pay yet). */
export function useAllocationPreview(input: PreviewInput | null): Loaded<PaymentAllocationPlan> {
  return useOperation('payments.previewAllocation', input ?? { familyId: '', amountCents: 0 }, {
    enabled: input !== null,
    delayMs: PREVIEW_DELAY_MS,
    keepPrevious: true,
  });
}

export function AllocationChoice({
  value,
  chosenCount,
  canChoose,
  onChange,
}: {
  value: 'oldest' | 'chosen';
  chosenCount: number;
  canChoose: boolean;
  onChange(value: 'oldest' | 'chosen'): void;
}) {
  return (
    <fieldset className="allocation" data-field="allocation">
      <legend>Imputation</legend>
      <label className="check">
        <input type="radio" name="allocation" checked={value === 'oldest'} onChange={() => onChange('oldest')} data-testid="allocation-oldest" />
        <span>Les plus anciennes d’abord</span>
      </label>
      <label className="check">
        <input
          type="radio"
          name="allocation"
          checked={value === 'chosen'}
          onChange={() => onChange('chosen')}
          disabled={!canChoose}
          data-testid="allocation-chosen"
        />
        <span>
          Factures cochées
          {value === 'chosen' ? ` (${chosenCount})` : ''}
        </span>
      </label>
    </fieldset>
  );
}

/** What the payment will pay, what becomes a credit, and what the family will still owe. */
export function AllocationPlan({ preview, dueCents }: { preview: Loaded<PaymentAllocationPlan>; dueCents: number }) {
  const plan = preview.data;
  if (preview.error) {
    return (
      <p className="field__error" role="alert" data-testid="allocation-plan-error">
        {preview.error.message}
      </p>
    );
  }
  if (!plan) return null;
  const allocatedCents = plan.allocations.reduce((n, a) => n + a.amountCents, 0);
  return (
    <div
      className={`allocation-plan${preview.loading ? ' allocation-plan--pending' : ''}`}
      data-testid="allocation-plan"
      aria-live="polite"
      aria-busy={preview.loading || undefined}
    >
      {plan.allocations.length > 0 ? (
        <p>Imputé sur {plan.allocations.map((a) => `${a.number} (${formatCents(a.amountCents)})`).join(', ')}.</p>
      ) : null}
      {plan.unallocatedCents > 0 ? (
        <p className="allocation-plan__credit" data-testid="overpayment">
          {formatCents(plan.unallocatedCents)} {plan.unallocatedCents >= 200 ? 'deviendront' : 'deviendra'} un avoir de la famille.
        </p>
      ) : null}
      <p className="muted small">Reste dû après ce paiement&nbsp;: {formatCents(Math.max(0, dueCents - allocatedCents))}</p>
    </div>
  );
}
