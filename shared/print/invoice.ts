/**
 * An invoice (« facture ») or a credit note (« avoir ») as printed: everything on it is already
 * computed by the billing; the renderer lays it out and adds nothing but fixed wording. The
 * pure helpers below build the sentences the billing puts in it, so the screens can show the
 * same words.
 */
import { formatCents } from '../domain/money.js';
import type { DocumentBase, IsoDate } from './common.js';
import { dataProtectionText, invoiceAppealText, publicAccountantText } from './legal.js';
import type { Issuer } from './issuer.js';
import { formatDateAndHour, NBSP } from './text.js';

export interface InvoiceLine {
  /**
   * `meals`: meals served × unit price. Credits (negative amounts): `closure_credit`,
   * `refund_credit`, `radiation_credit`. `adjustment`: any other correction (either sign).
   * Same codes as the billing's line kinds.
   */
  kind: 'meals' | 'closure_credit' | 'refund_credit' | 'radiation_credit' | 'adjustment';
  /** « Élodie Lefèvre »; absent for a line about the whole family. */
  childName?: string;
  /** « École élémentaire Parmentier ». */
  school?: string;
  /** « 13 repas × 3,62 € » (see `mealsLabel`), « Avoir : grève du 12/03/2026 (1 repas × 3,62 €) ». */
  label: string;
  quantity: number;
  unitPriceCents: number;
  /** quantity × unit price; negative for credits. */
  amountCents: number;
}

export interface InvoiceDocument extends DocumentBase {
  kind: 'invoice';
  /** `credit_note` prints « Avoir » instead of « Facture ». Default `invoice`. */
  variant?: 'invoice' | 'credit_note';
  /** « F2026-000123 », or a provisional number before publication through the hub. */
  number: string;
  /** A provisional number is printed with « (numéro provisoire) ». */
  provisional?: boolean;
  /** For a credit note: the invoice it corrects, and why. */
  corrects?: { invoiceNumber: string; reason: string };
  period: {
    /** « Mars / Avril 2026 » (see `periodLabel`). */
    label: string;
    start: IsoDate;
    end: IsoDate;
  };
  /** One line per child (meals), then credit lines. */
  lines: InvoiceLine[];
  /** Sum of the lines. */
  totalCents: number;
  /** Already paid or covered by credit before this invoice was printed. */
  alreadyPaidCents: number;
  /** total − already paid. */
  remainingCents: number;
  dueDate: IsoDate;
  /** Opening of online payment, Paris time: `2026-04-02` and `14:00`. */
  onlinePayment: { date: IsoDate; time: string };
  /** Tranche used for this period and the QF (euros per month) it comes from; null QF = no valid proof. */
  tranche: { number: number; quotientFamilial: number | null };
  /** The family pays by SEPA direct debit: the date the amount will be debited. */
  directDebitDate?: IsoDate;
  /** Payment methods, one sentence each. Default: `defaultPaymentMethods(issuer, number)`. */
  paymentMethods?: string[];
  /** Default: `calculationNote(tranche)`. */
  calculationNote?: string;
  /** Small print at the bottom. Default: `invoiceLegalMentions(issuer)`. */
  legalMentions?: string[];
}

const MONTHS = [
  'Janvier', 'Février', 'Mars', 'Avril', 'Mai', 'Juin',
  'Juillet', 'Août', 'Septembre', 'Octobre', 'Novembre', 'Décembre',
];

/** `2026-03-01`…`2026-04-30` → « Mars / Avril 2026 »; across years « Novembre 2025 / Janvier 2026 ». */
export function periodLabel(start: IsoDate, end: IsoDate): string {
  const y1 = Number(start.slice(0, 4));
  const y2 = Number(end.slice(0, 4));
  const m1 = Number(start.slice(5, 7));
  const m2 = Number(end.slice(5, 7));
  if (y1 !== y2) return `${MONTHS[m1 - 1]!} ${y1} / ${MONTHS[m2 - 1]!} ${y2}`;
  const names: string[] = [];
  for (let m = m1; m <= m2; m++) names.push(MONTHS[m - 1]!);
  return `${names.join(' / ')} ${y1}`;
}

/** « 13 repas × 3,62 € ». */
export function mealsLabel(meals: number, unitPriceCents: number): string {
  return `${meals}${NBSP}repas${NBSP}×${NBSP}${formatCents(unitPriceCents)}`;
}

/** « Le paiement en ligne est disponible à partir du 02/04/2026 à 14h00 ». */
export function onlinePaymentSentence(date: IsoDate, time: string): string {
  return `Le paiement en ligne est disponible à partir du ${formatDateAndHour(date, time)}`;
}

/** « Montant = nombre de repas servis × tarif unitaire de votre tranche (tranche 5, quotient familial 1 200 €). » */
export function calculationNote(tranche: { number: number; quotientFamilial: number | null }): string {
  const source =
    tranche.quotientFamilial === null
      ? `tranche ${tranche.number} : aucun justificatif de quotient familial en cours de validité`
      : `tranche ${tranche.number}, quotient familial ${formatQf(tranche.quotientFamilial)}`;
  return (
    `Montant = nombre de repas servis × tarif unitaire de votre tranche (${source}). ` +
    'Les jours sans service (grève, sortie scolaire, fermeture) ne sont pas facturés ; ceux déjà facturés sont ' +
    'déduits sur la facture suivante. Une nouvelle tranche s’applique à partir de la période de facturation ' +
    'qui suit la réception du justificatif.'
  );
}

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

function formatQf(euros: number): string {
  return `${integerFormat.format(euros).replace(/[\u202f\u00a0\s]/g, NBSP)}${NBSP}€`;
}

/** The ways to pay, one sentence each, as printed in the « Comment payer ? » box. */
function defaultPaymentMethods(issuer: Issuer, invoiceNumber: string): string[] {
  return [
    `En ligne, par carte bancaire ou prélèvement unique (PayFIP), sur ${issuer.portal.name} : ${issuer.portal.url}`,
    'Par prélèvement automatique SEPA : demandez le mandat à la Caisse, il vaudra pour les factures suivantes.',
    `Par chèque à l’ordre de «\u00a0${issuer.regie.chequePayee}\u00a0», avec le numéro de facture ${invoiceNumber} au dos.`,
    `En espèces ou par carte bancaire ${issuer.regie.counter}.`,
    `Par virement : IBAN ${issuer.regie.iban}, BIC ${issuer.regie.bic}, en indiquant le numéro de facture.`,
  ];
}

/** Voies et délais de recours, comptable public, données personnelles. */
function invoiceLegalMentions(issuer: Issuer): string[] {
  return [invoiceAppealText(issuer), publicAccountantText(issuer), dataProtectionText(issuer)];
}

/** The texts an invoice prints, with the defaults filled in. */
export function invoiceTexts(doc: InvoiceDocument): { paymentMethods: string[]; calculationNote: string; legalMentions: string[] } {
  return {
    paymentMethods: doc.paymentMethods ?? defaultPaymentMethods(doc.issuer, doc.number),
    calculationNote: doc.calculationNote ?? calculationNote(doc.tranche),
    legalMentions: doc.legalMentions ?? invoiceLegalMentions(doc.issuer),
  };
}

/**
 * What is inconsistent in an invoice before it is printed (empty when fine), in French: lines
 * that do not add up, a total that is not their sum, a remaining amount that is not total − paid.
 * The renderer refuses a document with problems: a wrong amount must never reach a family.
 */
export function invoiceProblems(doc: InvoiceDocument): string[] {
  const problems: string[] = [];
  const isInt = (n: number) => Number.isInteger(n);
  doc.lines.forEach((line, i) => {
    const where = `ligne ${i + 1} (${line.label})`;
    if (!isInt(line.amountCents) || !isInt(line.unitPriceCents)) problems.push(`${where} : montant non entier en centimes.`);
    if (line.kind === 'meals' && line.quantity * line.unitPriceCents !== line.amountCents) {
      problems.push(`${where} : ${line.quantity} × ${line.unitPriceCents} ≠ ${line.amountCents} centimes.`);
    }
    if (line.kind.endsWith('_credit') && line.amountCents > 0) problems.push(`${where} : un avoir doit être négatif.`);
  });
  const sum = doc.lines.reduce((s, l) => s + l.amountCents, 0);
  if (sum !== doc.totalCents) problems.push(`Total ${doc.totalCents} ≠ somme des lignes ${sum} (centimes).`);
  if (doc.totalCents - doc.alreadyPaidCents !== doc.remainingCents) {
    problems.push(`Reste à payer ${doc.remainingCents} ≠ total ${doc.totalCents} − déjà réglé ${doc.alreadyPaidCents}.`);
  }
  if (doc.alreadyPaidCents < 0) problems.push('Déjà réglé négatif.');
  if (!doc.number.trim()) problems.push('Numéro de facture manquant.');
  if (!doc.payer.name.trim()) problems.push('Nom du payeur manquant.');
  return problems;
}

/** « Facture F2026-000123 — Mars / Avril 2026 » (PDF title, file listings). */
export function invoiceTitle(doc: InvoiceDocument): string {
  const word = doc.variant === 'credit_note' ? 'Avoir' : 'Facture';
  return `${word} ${doc.number} — ${doc.period.label}`;
}

/** « F2026-000123.pdf »: a safe file name from the number (letters, digits, dash). */
export function invoiceFileName(doc: InvoiceDocument): string {
  return `${doc.number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
}

