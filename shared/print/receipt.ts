/**
 * A payment receipt (« reçu de paiement »), given at the counter or sent after a payment: what
 * was received, how, and on which invoices the régie applied it.
 */
import type { PaymentMethod } from '../contract/payments.js';
import type { DocumentBase, IsoDate } from './common.js';

/** How the receipt says it was paid (« reçu … par chèque »): the payment methods of the contract. */
export const RECEIPT_METHOD_WORDING: Record<PaymentMethod, string> = {
  cheque: 'par chèque',
  cash: 'en espèces',
  transfer: 'par virement',
  sepa: 'par prélèvement SEPA',
  card: 'par carte bancaire',
  payfip: 'en ligne (PayFIP)',
};

export interface ReceiptDocument extends DocumentBase {
  kind: 'receipt';
  /** « R2026-000045 ». */
  number: string;
  payment: {
    receivedOn: IsoDate;
    amountCents: number;
    method: PaymentMethod;
    /** « chèque n° 1234567, La Banque Postale », PayFIP operation number, … */
    reference?: string;
    /** Who paid, when not the payer (« versé par M. Karim Benali »). */
    paidBy?: string;
  };
  /** The invoices the payment was applied to. */
  allocations: {
    invoiceNumber: string;
    periodLabel: string;
    amountCents: number;
    /** What is still due on that invoice after this payment. */
    remainingAfterCents: number;
  }[];
  /** Part of the payment not applied to any invoice: kept as a credit (« avoir »). */
  unallocatedCents: number;
  /** Everything the family still owes after this payment (all invoices). */
  accountBalanceAfterCents: number;
  /** « Le régisseur » or the agent's name. */
  cashier?: string;
}

/** Problems before printing (empty when fine): allocations + unallocated must equal the payment. */
export function receiptProblems(doc: ReceiptDocument): string[] {
  const problems: string[] = [];
  const allocated = doc.allocations.reduce((s, a) => s + a.amountCents, 0);
  if (allocated + doc.unallocatedCents !== doc.payment.amountCents) {
    problems.push(
      `Imputations ${allocated} + non imputé ${doc.unallocatedCents} ≠ paiement ${doc.payment.amountCents} (centimes).`,
    );
  }
  if (doc.payment.amountCents <= 0) problems.push('Le montant du paiement doit être positif.');
  if (doc.allocations.some((a) => a.amountCents <= 0 || a.remainingAfterCents < 0)) {
    problems.push('Une imputation a un montant nul, négatif ou un reste dû négatif.');
  }
  return problems;
}
