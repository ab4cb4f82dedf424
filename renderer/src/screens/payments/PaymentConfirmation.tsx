import { formatCents } from '../../../../shared/domain/money.js';
import { upper } from '../../lib/text.js';
import type { SessionPayment } from './session.js';

export interface Confirmation {
  text: string;
  payment: SessionPayment;
  dueAfterCents: number | null;
}

/** Says what was just recorded (or that it already was): receipt, family, invoices paid, credit. */
export function PaymentConfirmation({ confirmation, onClose }: { confirmation: Confirmation; onClose(): void }) {
  const { payment } = confirmation;
  return (
    <div
      className={`alert ${payment.replayed ? 'alert--warn' : 'alert--success'} counter__confirmation`}
      role="status"
      data-testid="payment-confirmation"
    >
      <p className="strong" data-testid="payment-confirmation-text">
        {confirmation.text}
      </p>
      <p className="small">
        Reçu {payment.receiptNumber} · dossier n°&nbsp;{payment.dossierNumber} — {upper(payment.familyName)}
        {payment.allocations.length > 0
          ? ` · imputé sur ${payment.allocations.map((a) => `${a.number} (${formatCents(a.amountCents)})`).join(', ')}`
          : ''}
        {payment.unallocatedCents > 0 ? ` · ${formatCents(payment.unallocatedCents)} en avoir` : ''}
      </p>
      <button type="button" className="alert__close" aria-label="Masquer la confirmation" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
