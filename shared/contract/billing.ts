import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates.js';
import { id, isoDate, optionalText, trimmed, weekdayList } from './schemas.js';

/**
 * The billing part of the contract (issue 3): calendar, tariffs, billing periods, billing runs,
 * payments at the counter, family accounts, overdue invoices and the treasury export.
 * Money is integer cents; dates `YYYY-MM-DD`; timestamps UTC ISO-8601.
 */

/** `YYYY-MM`. */
export const month = z
  .string({ error: 'Mois obligatoire.' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Mois invalide (attendu\u00a0: AAAA-MM).' });

/** Paris local date and time, `YYYY-MM-DDTHH:mm` (« à partir du 02/04/2026 à 14h00 »). */
export const localDateTime = z
  .string({ error: 'Date et heure obligatoires.' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: 'Date et heure invalides (attendu\u00a0: AAAA-MM-JJTHH:MM).' })
  .refine((v) => isValidIsoDate(v.slice(0, 10)), { error: 'Date invalide (attendu\u00a0: une date réelle).' });

export const cents = z
  .number({ error: 'Montant obligatoire (en centimes).' })
  .int({ error: 'Montant en centimes entiers.' })
  .min(0, { error: 'Le montant ne peut pas être négatif.' })
  .max(100_000_000, { error: 'Montant trop élevé.' });

const reason = trimmed(500, 'Motif obligatoire.');

const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
};

/* ---------- calendar ---------- */

export const closureKind = z.enum(['strike', 'trip', 'closure'], { error: 'Type de fermeture inconnu.' });
export type ClosureKind = z.infer<typeof closureKind>;
export const CLOSURE_KIND_LABELS: Record<ClosureKind, string> = {
  strike: 'Grève',
  trip: 'Sortie scolaire',
  closure: 'Fermeture',
};

export const dayStatus = z.enum(['served', 'weekend', 'holiday', 'public_holiday', 'closure', 'out_of_year', 'no_service']);
export type DayStatus = z.infer<typeof dayStatus>;
export const DAY_STATUS_LABELS: Record<DayStatus, string> = {
  served: 'Servi',
  weekend: 'Week-end',
  holiday: 'Vacances',
  public_holiday: 'Férié',
  closure: 'Fermeture',
  out_of_year: 'Hors année scolaire',
  no_service: 'Pas de service ce jour',
};

export const holiday = z.object({ id: z.string(), label: z.string(), from: z.string(), to: z.string() });
export type Holiday = z.infer<typeof holiday>;

export const schoolYear = z.object({
  id: z.string(),
  label: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  holidays: z.array(holiday),
});
export type SchoolYear = z.infer<typeof schoolYear>;

export const closure = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  date: z.string(),
  kind: closureKind,
  label: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Closure = z.infer<typeof closure>;

export const calendarDay = z.object({
  date: z.string(),
  /** ISO weekday, 1 = lundi. */
  weekday: z.number(),
  status: dayStatus,
  /** « Servi », « Vacances d’Hiver », « Lundi de Pâques », « Grève », … */
  label: z.string(),
});
export type CalendarDay = z.infer<typeof calendarDay>;

const schoolYearLabel = z
  .string({ error: 'Année scolaire obligatoire.' })
  .trim()
  .regex(/^(\d{4})-(\d{4})$/, { error: 'Année scolaire invalide (attendu\u00a0: 2025-2026).' })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, { error: 'Les deux années doivent se suivre (2025-2026).' });

const serviceWeekdays = weekdayList('de service');

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
  /** Documents of the period not cancelled (invoices and credit notes). */
  invoices: z.number(),
});
export type BillingPeriod = z.infer<typeof billingPeriod>;

/* ---------- billing runs ---------- */

export const lineKind = z.enum(['meals', 'closure_credit', 'refund_credit', 'radiation_credit', 'adjustment']);
export type LineKind = z.infer<typeof lineKind>;

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

export const billingTotals = z.object({
  invoices: z.number(),
  creditNotes: z.number(),
  lines: z.number(),
  meals: z.number(),
  /** Sum of the documents' totals (credits deducted). */
  amountCents: z.number(),
});
export type BillingTotals = z.infer<typeof billingTotals>;

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
  issuedOn: z.string(),
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

export const invoiceStatus = z.enum(['issued', 'cancelled']);
export const invoiceKind = z.enum(['invoice', 'credit_note']);

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

/* ---------- payments and accounts ---------- */

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
  payfip: 'PayFIP (en ligne)',
};

export const paymentInput = z
  .object({
    familyId: id,
    method: paymentMethod,
    amountCents: cents.refine((v) => v > 0, { error: 'Le montant doit être positif.' }),
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
    allocation: z
      .union([z.literal('oldest'), z.object({ invoiceIds: z.array(id).min(1, { error: 'Choisissez au moins une facture.' }).max(100) })], {
        error: 'Imputation\u00a0: « oldest » ou une liste de factures.',
      })
      .default('oldest'),
  })
  .superRefine((p, ctx) => {
    if (p.method === 'cheque') {
      if (!p.bank) ctx.addIssue({ code: 'custom', path: ['bank'], message: 'Banque obligatoire pour un chèque.' });
      if (!p.chequeNumber) ctx.addIssue({ code: 'custom', path: ['chequeNumber'], message: 'Numéro de chèque obligatoire.' });
    }
  });
export type PaymentInput = z.input<typeof paymentInput>;
export type PaymentData = z.output<typeof paymentInput>;

export const allocation = z.object({ invoiceId: z.string(), number: z.string(), amountCents: z.number() });

export const paymentResult = z.object({
  paymentId: z.string(),
  receiptNumber: z.string(),
  /** True when the idempotency key was already used: nothing new was recorded. */
  replayed: z.boolean(),
  allocations: z.array(allocation),
  unallocatedCents: z.number(),
});
export type PaymentResult = z.infer<typeof paymentResult>;

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

export const accountCredit = z.object({
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

/* ---------- PDF documents ---------- */

/** One PDF offered to the agent: the program's file name and the bytes, base64. */
export const pdfFile = z.object({ fileName: z.string(), base64: z.string() });
export type PdfFile = z.infer<typeof pdfFile>;

export const pdfJobStatus = z.enum(['running', 'done', 'cancelled', 'failed']);
export type PdfJobStatus = z.infer<typeof pdfJobStatus>;

/** A period's PDF generation seen from the screen (kept in memory by the main process). */
export const pdfJob = z.object({
  status: pdfJobStatus,
  done: z.number(),
  total: z.number(),
  message: z.string().optional(),
  /** Folder of the files, under the data folder. */
  outDir: z.string().optional(),
  /** The one file to print (families without e-mail), or null when there is none. */
  combinedFile: z.string().nullable().optional(),
});
export type PdfJob = z.infer<typeof pdfJob>;

/* ---------- operations ---------- */

const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const empty = z.object({}).strict().default({});
const ok = z.object({ ok: z.literal(true) });

export const billingOperations = {
  'calendar.years': op(empty, z.array(schoolYear)),
  'calendar.saveYear': op(
    z
      .object({ id: id.optional(), label: schoolYearLabel, firstDay: isoDate, lastDay: isoDate })
      .refine((y) => y.lastDay > y.firstDay, { error: 'Le dernier jour précède le premier.', path: ['lastDay'] }),
    z.object({ id: z.string() }),
  ),
  'calendar.saveHoliday': op(
    z
      .object({ id: id.optional(), schoolYearId: id, label: trimmed(80, 'Libellé obligatoire.'), from: isoDate, to: isoDate })
      .refine((h) => h.to >= h.from, { error: 'Le dernier jour précède le premier.', path: ['to'] }),
    z.object({ id: z.string() }),
  ),
  'calendar.removeHoliday': op(z.object({ id }), ok),
  'calendar.importIcs': op(
    z.object({
      content: z.string({ error: 'Fichier obligatoire.' }).min(1, { error: 'Fichier vide.' }).max(5_000_000, { error: 'Fichier trop volumineux.' }),
      schoolYearLabel: schoolYearLabel.optional(),
    }),
    z.object({
      years: z.array(z.object({ id: z.string(), label: z.string(), firstDay: z.string(), lastDay: z.string(), holidays: z.number(), created: z.boolean() })),
      warnings: z.array(z.string()),
    }),
  ),
  'calendar.seedDefault': op(
    empty,
    z.object({ schoolYears: z.number(), holidays: z.number(), periods: z.number(), tariffs: z.number() }),
  ),
  'calendar.closures': op(
    z.object({ schoolId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }).default({}),
    z.array(closure),
  ),
  'calendar.addClosure': op(
    z.object({
      schoolIds: z.array(id).min(1, { error: 'Choisissez au moins une école.' }).max(100),
      date: isoDate,
      kind: closureKind,
      label: optionalText(120),
    }),
    z.object({ ids: z.array(z.string()) }),
  ),
  'calendar.removeClosure': op(z.object({ id }), ok),
  'calendar.setServiceWeekdays': op(z.object({ schoolId: id, weekdays: serviceWeekdays }), ok),
  'calendar.month': op(
    z.object({ schoolId: id, month }),
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      month: z.string(),
      serviceWeekdays: z.array(z.number()),
      days: z.array(calendarDay),
      servedDays: z.number(),
    }),
  ),

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

  'payments.record': op(paymentInput, paymentResult),
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

  /* PDF documents: one at a time (downloaded), or every document of a period (a job). */
  'documents.invoicePdf': op(z.object({ invoiceId: id }), pdfFile),
  'documents.receiptPdf': op(z.object({ paymentId: id }), pdfFile),
  'documents.statementPdf': op(z.object({ familyId: id }), pdfFile),
  'documents.reminderPdf': op(z.object({ invoiceId: id }), pdfFile),
  'documents.startPeriodPdf': op(z.object({ periodId: id }), z.object({ jobId: z.string() })),
  'documents.job': op(z.object({ jobId: id }), pdfJob),
  'documents.cancelJob': op(z.object({ jobId: id }), z.object({ ok: z.boolean() })),
} as const;
