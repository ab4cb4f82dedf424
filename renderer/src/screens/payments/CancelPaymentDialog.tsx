import { useState } from 'react';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../../../shared/contract/payments.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';

export interface CancellablePayment {
  paymentId: string;
  receiptNumber: string;
  method: PaymentMethod;
  amountCents: number;
  receivedOn: string;
}

/** Cancels a payment (a cheque returned unpaid, an entry error): the invoices it paid are due again. */
export function CancelPaymentDialog({
  payment,
  onClose,
  onCancelled,
}: {
  payment: CancellablePayment;
  onClose(): void;
  onCancelled(reason: string, releasedCents: number): void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useMutation(() => invoke('payments.cancel', { paymentId: payment.paymentId, reason }));
  const errors = fieldErrors(error);

  async function submit() {
    const result = await run();
    if (!result) return;
    toast.success(
      `Paiement ${payment.receiptNumber} annulé` +
        (result.releasedCents > 0 ? `\u00a0: ${formatCents(result.releasedCents)} redeviennent dus sur les factures.` : '.'),
    );
    onCancelled(reason.trim(), result.releasedCents);
  }

  return (
    <FormDialog
      title={`Annuler le paiement ${payment.receiptNumber}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Annuler le paiement"
      submitVariant="danger"
      testId="cancel-payment-dialog"
    >
      <p>
        {PAYMENT_METHOD_LABELS[payment.method]} de <strong>{formatCents(payment.amountCents)}</strong> reçu le{' '}
        {formatFrenchDate(payment.receivedOn)}. Le paiement reste dans l’historique, marqué annulé&nbsp;; les factures qu’il
        réglait redeviennent dues.
      </p>
      <TextField
        label="Motif"
        path="reason"
        errors={errors}
        required
        value={reason}
        onChange={setReason}
        placeholder="Chèque impayé, erreur de saisie…"
        maxLength={500}
      />
    </FormDialog>
  );
}
