import { z } from 'zod';
import { cents, id, isoDate, op, optionalText, page, reason } from './common.js';
import { accountInvoice, lineKind } from './billing.js';

/** Payments at the counter, family accounts, overdue invoices and the treasury export. */

export const paymentMethod = z.enum(['cheque', 'cash', 'transfer', 'sepa', 'card', 'payfip'], {
  error: 'Mode de paiement inconnu.',
});
export type PaymentMethod = z.infer<typeof paymentMethod>;
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cheque: 'Chèque',
  cash: 'Espèces',
  transfer: 'Virement',
  sepa: 'Prélèvement SEPA',
  card: 'Carte bancaire',
  payfip: 'Paiement en ligne (PayFIP)',
};

const positiveCents = cents.refine((v) => v > 0, { error: 'Le montant doit être positif.' });

/** Which invoices a payment pays: the oldest unpaid first, or the ones the agent chose. */
const allocationChoice = z
  .union([z.literal('oldest'), z.object({ invoiceIds: z.array(id).min(1, { error: 'Choisissez au moins une facture.' }).max(100) })], {
    error: 'Imputation\u00a0: «\u00a0oldest\u00a0» ou une liste de factures.',
  })
  .default('oldest');

export const paymentInput = z
  .object({
    familyId: id,
    method: paymentMethod,
    amountCents: positiveCents,
    receivedOn: isoDate,
    bank: optionalText(80),
    chequeNumber: optionalText(30),
    reference: optionalText(100),
    /** Same key twice = the same payment (a retried click or request never records twice). */
    idempotencyKey: z
      .string({ error: 'Clé d’idempotence obligatoire.' })
      .trim()
      .min(8, { error: '8 caractères au moins.' })
      .max(100),
    allocation: allocationChoice,
  })
  .superRefine((p, ctx) => {
    if (p.method === 'cheque') {
      if (!p.bank) ctx.addIssue({ code: 'custom', path: ['bank'], message: 'Banque obligatoire pour un chèque.' });
      if (!p.chequeNumber) ctx.addIssue({ code: 'custom', path: ['chequeNumber'], message: 'Numéro de chèque obligatoire.' });
    }
  });
export type PaymentInput = z.input<typeof paymentInput>;
export type PaymentData = z.output<typeof paymentInput>;

const allocation = z.object({ invoiceId: z.string(), number: z.string(), amountCents: z.number() });

/** What a payment would pay, computed by the rule `payments.record` applies, without recording. */
export const paymentAllocationPlan = z.object({
  allocations: z.array(allocation),
  /** What no invoice takes: it becomes the family's credit. */
  unallocatedCents: z.number(),
});
export type PaymentAllocationPlan = z.infer<typeof paymentAllocationPlan>;

export const paymentResult = paymentAllocationPlan.extend({
  paymentId: z.string(),
  receiptNumber: z.string(),
  /** True when the idempotency key was already used: nothing new was recorded. */
  replayed: z.boolean(),
});
export type PaymentResult = z.infer<typeof paymentResult>;

export const accountPayment = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  method: paymentMethod,
  amountCents: z.number(),
  receivedOn: z.string(),
  bank: z.string().nullable(),
  chequeNumber: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(['valid', 'cancelled']),
  cancelReason: z.string().nullable(),
  allocatedCents: z.number(),
  unallocatedCents: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type AccountPayment = z.infer<typeof accountPayment>;

const accountCredit = z.object({
  source: z.enum(['payment', 'credit_note']),
  id: z.string(),
  /** Receipt number or credit note number. */
  number: z.string(),
  availableCents: z.number(),
});

export const familyAccount = z.object({
  familyId: z.string(),
  dossierNumber: z.number(),
  familyName: z.string(),
  invoices: z.array(accountInvoice),
  payments: z.array(accountPayment),
  /** Money of the family not applied yet (overpayments, « avoirs »). */
  credits: z.array(accountCredit),
  /** Credits waiting for the next invoice (closures are found by the billing run itself). */
  pendingCredits: z.array(z.object({ id: z.string(), kind: lineKind, reason: z.string(), amountCents: z.number() })),
  invoicedCents: z.number(),
  paidCents: z.number(),
  /** Sum of what remains due on the invoices. */
  dueCents: z.number(),
  overdueCents: z.number(),
  creditCents: z.number(),
  /** dueCents − creditCents: positive, the family owes; negative, the Caisse owes it. */
  balanceCents: z.number(),
});
export type FamilyAccount = z.infer<typeof familyAccount>;

export const overdueRow = z.object({
  invoiceId: z.string(),
  number: z.string(),
  familyId: z.string(),
  dossierNumber: z.number(),
  familyName: z.string(),
  payerName: z.string(),
  periodLabel: z.string().nullable(),
  issuedOn: z.string(),
  dueDate: z.string(),
  totalCents: z.number(),
  paidCents: z.number(),
  remainingCents: z.number(),
  daysLate: z.number(),
});
export type OverdueRow = z.infer<typeof overdueRow>;

export const paymentOperations = {
  'payments.record': op(paymentInput, paymentResult),
  'payments.previewAllocation': op(z.object({ familyId: id, amountCents: positiveCents, allocation: allocationChoice }), paymentAllocationPlan),
  'payments.cancel': op(z.object({ paymentId: id, reason }), z.object({ ok: z.literal(true), releasedCents: z.number() })),
  'payments.allocateCredit': op(z.object({ familyId: id }), z.object({ allocations: z.array(allocation), appliedCents: z.number() })),

  'account.get': op(z.object({ familyId: id }), familyAccount),
  'overdue.list': op(
    z.object({ asOf: isoDate.optional(), ...page }).default({ offset: 0, limit: 100 }),
    z.object({ asOf: z.string(), total: z.number(), totalRemainingCents: z.number(), rows: z.array(overdueRow) }),
  ),
  'treasury.export': op(
    z.object({ asOf: isoDate.optional() }).default({}),
    z.object({ fileName: z.string(), content: z.string(), rows: z.number(), totalRemainingCents: z.number() }),
  ),
} as const;
