import { z } from 'zod';
import { cents, id, isoDate, localDateTime, ok, op, page, reason, trimmed } from './common.js';

/**
 * Billing: tariffs, billing periods, billing runs (preview and issue), invoices and credit notes.
 * Money is integer cents; dates `YYYY-MM-DD`; timestamps UTC ISO-8601.
 */

/* ---------- tariffs and periods ---------- */

export const tariffRow = z.object({
  tranche: z.number().int().min(1).max(10),
  /** Monthly QF upper bound in euros (inclusive); null for tranche 10. */
  qfUpperBound: z.number().int().min(0).max(100_000).nullable(),
  unitPriceCents: cents,
});
export type TariffRow = z.infer<typeof tariffRow>;

export const tariffGrid = z.object({
  schoolYearId: z.string(),
  schoolYearLabel: z.string(),
  rows: z.array(tariffRow),
});
export type TariffGrid = z.infer<typeof tariffGrid>;

export const billingPeriod = z.object({
  id: z.string(),
  schoolYearId: z.string(),
  schoolYearLabel: z.string(),
  label: z.string(),
  start: z.string(),
  end: z.string(),
  issueDate: z.string(),
  onlinePaymentOpensAt: z.string(),
  dueDate: z.string(),
  issuedAt: z.string().nullable(),
  /**
   * Not issued yet: the dates a run today would use (shared/domain/periods.ts `runDates`), what
   * the issue dialog announces. Null once issued: the period's dates are then those its run used.
   */
  nextRun: z
    .object({ issueDate: z.string(), onlinePaymentOpensAt: z.string(), dueDate: z.string(), daysLate: z.number() })
    .nullable(),
  /** Documents of the period not cancelled (invoices and credit notes). */
  invoices: z.number(),
});
export type BillingPeriod = z.infer<typeof billingPeriod>;

/* ---------- billing runs ---------- */

export const lineKind = z.enum(['meals', 'closure_credit', 'refund_credit', 'radiation_credit', 'adjustment']);
export type LineKind = z.infer<typeof lineKind>;
export const LINE_KIND_LABELS: Record<LineKind, string> = {
  meals: 'Repas',
  closure_credit: 'Fermeture',
  refund_credit: 'Remboursement',
  radiation_credit: 'Radiation',
  adjustment: 'Régularisation',
};

export const warningCode = z.enum(['no_school', 'no_qf', 'no_payer', 'payer_without_address', 'no_rhythm']);
export type WarningCode = z.infer<typeof warningCode>;
export const WARNING_LABELS: Record<WarningCode, string> = {
  no_school: 'Enfant sans école',
  no_qf: 'Pas de justificatif de QF (tranche 10)',
  no_payer: 'Pas de payeur désigné',
  payer_without_address: 'Payeur sans adresse',
  no_rhythm: 'Enfant sans rythme',
};

export const billingWarning = z.object({ code: warningCode, message: z.string(), childId: z.string().nullable() });
export type BillingWarning = z.infer<typeof billingWarning>;

export const draftLine = z.object({
  childId: z.string().nullable(),
  kind: lineKind,
  label: z.string(),
  days: z.array(z.string()),
  quantity: z.number(),
  unitPriceCents: z.number(),
  amountCents: z.number(),
});
export type DraftLine = z.infer<typeof draftLine>;

export const invoiceDraft = z.object({
  familyId: z.string(),
  dossierNumber: z.number(),
  familyName: z.string(),
  payerName: z.string(),
  tranche: z.number(),
  /** Meals billed (credits not deducted). */
  meals: z.number(),
  totalCents: z.number(),
  /** `credit_note` when the credits exceed the meals (an « avoir »). */
  kind: z.enum(['invoice', 'credit_note']),
  /** False when there is nothing to bill (only warnings to show): no document is issued. */
  invoiced: z.boolean(),
  lines: z.array(draftLine),
  warnings: z.array(billingWarning),
});
export type InvoiceDraft = z.infer<typeof invoiceDraft>;

const billingTotals = z.object({
  invoices: z.number(),
  creditNotes: z.number(),
  lines: z.number(),
  meals: z.number(),
  /** Sum of the documents' totals (credits deducted). */
  amountCents: z.number(),
});

export const billingSummary = billingTotals.extend({
  periodId: z.string(),
  periodLabel: z.string(),
  issuedAt: z.string().nullable(),
  /** Families with at least one warning. */
  familiesWithWarnings: z.number(),
  warnings: z.array(z.object({ code: warningCode, label: z.string(), count: z.number() })),
  byTranche: z.array(z.object({ tranche: z.number(), invoices: z.number(), meals: z.number(), amountCents: z.number() })),
});
export type BillingSummary = z.infer<typeof billingSummary>;

export const issueResult = billingTotals.extend({
  periodId: z.string(),
  periodLabel: z.string(),
  issuedAt: z.string(),
  /** The run's dates (shared/domain/periods.ts `runDates`), as on its invoices and its period. */
  issuedOn: z.string(),
  onlinePaymentOpensAt: z.string(),
  dueDate: z.string(),
  firstNumber: z.string().nullable(),
  lastNumber: z.string().nullable(),
  /** Credit (« avoirs », overpayments) applied to the new invoices. */
  creditAppliedCents: z.number(),
});
export type IssueResult = z.infer<typeof issueResult>;

export const payerAddress = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
});
export type PayerAddress = z.infer<typeof payerAddress>;

export const invoiceLine = draftLine.extend({ id: z.string(), childName: z.string().nullable() });
export type InvoiceLine = z.infer<typeof invoiceLine>;

const invoiceStatus = z.enum(['issued', 'cancelled']);
const invoiceKind = z.enum(['invoice', 'credit_note']);

export const invoiceDetail = z.object({
  id: z.string(),
  number: z.string(),
  kind: invoiceKind,
  status: invoiceStatus,
  familyId: z.string(),
  dossierNumber: z.number(),
  familyName: z.string(),
  periodId: z.string().nullable(),
  periodLabel: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  onlinePaymentOpensAt: z.string().nullable(),
  payerName: z.string(),
  payerAddress,
  tranche: z.number(),
  totalCents: z.number(),
  paidCents: z.number(),
  remainingCents: z.number(),
  issuedOn: z.string(),
  dueDate: z.string(),
  cancelsInvoiceId: z.string().nullable(),
  cancelsNumber: z.string().nullable(),
  cancelledByNumber: z.string().nullable(),
  reason: z.string().nullable(),
  lines: z.array(invoiceLine),
});
export type InvoiceDetail = z.infer<typeof invoiceDetail>;


export const accountInvoice = z.object({
  id: z.string(),
  number: z.string(),
  kind: invoiceKind,
  status: invoiceStatus,
  periodLabel: z.string().nullable(),
  issuedOn: z.string(),
  dueDate: z.string(),
  totalCents: z.number(),
  paidCents: z.number(),
  remainingCents: z.number(),
  overdue: z.boolean(),
});
export type AccountInvoice = z.infer<typeof accountInvoice>;

export const billingOperations = {
  'tariffs.get': op(z.object({ schoolYearId: id }), tariffGrid),
  'tariffs.save': op(
    z.object({
      schoolYearId: id,
      rows: z
        .array(tariffRow)
        .length(10, { error: 'La grille a 10 tranches.' })
        .superRefine((rows, ctx) => {
          rows.forEach((r, i) => {
            if (r.tranche !== i + 1) ctx.addIssue({ code: 'custom', path: [i, 'tranche'], message: `Tranche ${i + 1} attendue à cette ligne.` });
            if (i < 9 && r.qfUpperBound === null) ctx.addIssue({ code: 'custom', path: [i, 'qfUpperBound'], message: 'Plafond de QF obligatoire (sauf tranche 10).' });
            if (i === 9 && r.qfUpperBound !== null) ctx.addIssue({ code: 'custom', path: [i, 'qfUpperBound'], message: 'La tranche 10 n’a pas de plafond.' });
            const previous = rows[i - 1]?.qfUpperBound;
            if (i > 0 && i < 9 && previous != null && r.qfUpperBound !== null && r.qfUpperBound <= previous) {
              ctx.addIssue({ code: 'custom', path: [i, 'qfUpperBound'], message: 'Les plafonds de QF doivent croître d’une tranche à la suivante.' });
            }
          });
        }),
    }),
    ok,
  ),

  'periods.list': op(z.object({ schoolYearId: id.optional() }).default({}), z.array(billingPeriod)),
  'periods.generate': op(z.object({ schoolYearId: id }), z.object({ created: z.number() })),
  'periods.update': op(
    z
      .object({
        id,
        label: trimmed(80, 'Libellé obligatoire.'),
        start: isoDate,
        end: isoDate,
        issueDate: isoDate,
        onlinePaymentOpensAt: localDateTime,
        dueDate: isoDate,
      })
      .refine((p) => p.end >= p.start, { error: 'La fin précède le début.', path: ['end'] })
      .refine((p) => p.dueDate >= p.issueDate, { error: 'L’échéance précède la date d’émission.', path: ['dueDate'] })
      .refine((p) => p.onlinePaymentOpensAt.slice(0, 10) >= p.issueDate, {
        error: 'Le paiement en ligne ne peut pas ouvrir avant l’émission.',
        path: ['onlinePaymentOpensAt'],
      }),
    z.object({ id: z.string() }),
  ),

  'billing.summary': op(z.object({ periodId: id }), billingSummary),
  'billing.preview': op(
    z.object({
      periodId: id,
      ...page,
      onlyWarnings: z.boolean().default(false),
      /** Dossier number or the start of a family name. */
      query: z.string().trim().max(100).default(''),
    }),
    z.object({ total: z.number(), offset: z.number(), drafts: z.array(invoiceDraft) }),
  ),
  'billing.issue': op(z.object({ periodId: id }), issueResult),
  'billing.invoices': op(
    z.object({ periodId: id.optional(), familyId: id.optional(), ...page }),
    z.object({ total: z.number(), rows: z.array(accountInvoice.extend({ familyId: z.string(), dossierNumber: z.number(), familyName: z.string() })) }),
  ),
  'billing.invoice': op(z.object({ invoiceId: id }), invoiceDetail),
  'billing.cancelInvoice': op(
    z.object({ invoiceId: id, reason }),
    z.object({ creditNoteId: z.string(), number: z.string(), releasedCents: z.number() }),
  ),
  'billing.reissueFamily': op(
    z.object({ periodId: id, familyId: id }),
    z.object({ invoiceId: z.string().nullable(), number: z.string().nullable(), totalCents: z.number() }),
  ),
} as const;
