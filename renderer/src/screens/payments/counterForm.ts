import type { AccountInvoice } from '../../../../shared/contract/billing.js';
import type { OpInput } from '../../../../shared/contract/operations.js';
import type { FamilyAccount, PaymentMethod } from '../../../../shared/contract/payments.js';
import { centsToInput } from '../billing/format.js';
import { deskToday } from '../../lib/today.js';

/** The counter's form: what the agent chooses and types for one payment. */

export type CounterMethod = Exclude<PaymentMethod, 'payfip'>;

/** The counter's methods, with the key that picks each one in the group (and 1–5). */
export const COUNTER_METHODS: readonly { value: CounterMethod; key: string }[] = [
  { value: 'cheque', key: 'C' },
  { value: 'cash', key: 'E' },
  { value: 'transfer', key: 'V' },
  { value: 'sepa', key: 'P' },
  { value: 'card', key: 'B' },
];

export interface PaymentForm {
  method: CounterMethod;
  /** The amount as typed; until the agent types one, the amount proposed is shown instead. */
  amount: string;
  amountTouched: boolean;
  receivedOn: string;
  bank: string;
  chequeNumber: string;
  reference: string;
  allocation: 'oldest' | 'chosen';
  chosen: string[];
}

export const emptyForm = (): PaymentForm => ({
  method: 'cheque',
  amount: '',
  amountTouched: false,
  receivedOn: deskToday(),
  bank: '',
  chequeNumber: '',
  reference: '',
  allocation: 'oldest',
  chosen: [],
});

/** What still has to be paid, oldest first: issue date, then number, the order the server pays them in (billing/credits.ts). */
export function unpaidOf(account: FamilyAccount | null): AccountInvoice[] {
  if (!account) return [];
  return account.invoices
    .filter((i) => i.status === 'issued' && i.kind === 'invoice' && i.remainingCents > 0)
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.number.localeCompare(b.number));
}

/** The amount field: as typed, or else what the invoices it would pay still owe (all, or the ones checked). */
export function amountText(form: PaymentForm, unpaid: readonly AccountInvoice[]): string {
  if (form.amountTouched) return form.amount;
  const targets = form.allocation === 'oldest' ? unpaid : unpaid.filter((i) => form.chosen.includes(i.id));
  const cents = targets.reduce((n, i) => n + i.remainingCents, 0);
  return cents > 0 ? centsToInput(cents) : '';
}

/** The allocation as the contract says it. */
export function allocationOf(form: PaymentForm): OpInput<'payments.record'>['allocation'] {
  return form.allocation === 'oldest' ? 'oldest' : { invoiceIds: form.chosen };
}

/**
 * A payment asks for confirmation when the credit it would leave is large: 100 € or more, and more
 * than what it pays on invoices (a typing slip like 99 999 € for 196 € due), not the few euros of a
 * rounded cheque.
 */
export function isLargeCredit(creditCents: number, amountCents: number): boolean {
  return creditCents >= 10_000 && creditCents > amountCents - creditCents;
}
