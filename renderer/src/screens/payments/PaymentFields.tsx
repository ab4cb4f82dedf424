import type { Ref } from 'react';
import { AmountField } from '../../components/fields.js';
import { TextField } from '../../components/form.js';
import type { FieldErrors } from '../../lib/issues.js';
import type { PaymentForm } from './counterForm.js';
import { DateField } from '../../components/DateField.js';

/** Amount, date received, and what identifies the payment for its method (cheque, transfer, debit, card). */
export function PaymentFields({
  form,
  set,
  errors,
  amount,
  amountError,
  amountRef,
  onAmount,
  onAmountBlur,
}: {
  form: PaymentForm;
  set(patch: Partial<PaymentForm>): void;
  errors: FieldErrors;
  /** The amount shown: as typed, or the one proposed. */
  amount: string;
  amountError: string | null;
  amountRef: Ref<HTMLInputElement>;
  onAmount(amount: string): void;
  onAmountBlur(): void;
}) {
  return (
    <div className="grid grid--2">
      <AmountField
        label="Montant"
        path="amountCents"
        errors={errors}
        error={amountError}
        required
        value={amount}
        inputRef={amountRef}
        onChange={onAmount}
        onBlur={onAmountBlur}
        testId="counter-amount"
      />
      <DateField label="Reçu le" path="receivedOn" errors={errors} required value={form.receivedOn} onChange={(receivedOn) => set({ receivedOn })} />
      {form.method === 'cheque' ? (
        <>
          <TextField label="Banque" path="bank" errors={errors} required value={form.bank} onChange={(bank) => set({ bank })} maxLength={80} placeholder="La Banque Postale, BNP…" />
          <TextField
            label="N° de chèque"
            path="chequeNumber"
            errors={errors}
            required
            value={form.chequeNumber}
            onChange={(chequeNumber) => set({ chequeNumber })}
            inputMode="numeric"
            maxLength={30}
          />
        </>
      ) : null}
      {form.method === 'transfer' || form.method === 'sepa' || form.method === 'card' ? (
        <TextField
          className="span-2"
          label={form.method === 'transfer' ? 'Référence du virement' : form.method === 'sepa' ? 'Référence du prélèvement' : 'N° de transaction'}
          path="reference"
          errors={errors}
          value={form.reference}
          onChange={(reference) => set({ reference })}
          maxLength={100}
        />
      ) : null}
    </div>
  );
}
