/**
 * A reminder letter (« lettre de relance ») for unpaid invoices after their due date. Level 1 is
 * a friendly reminder, level 2 a second reminder, level 3 the last one before the comptable
 * public takes over the recovery.
 */
import type { DocumentBase, IsoDate } from './common.js';
import type { Issuer } from './issuer.js';

export interface ReminderInvoice {
  number: string;
  periodLabel: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  totalCents: number;
  remainingCents: number;
}

export interface ReminderDocument extends DocumentBase {
  kind: 'reminder';
  level: 1 | 2 | 3;
  /** « RL2026-000012 » or any reference the billing keeps. */
  reference: string;
  invoices: ReminderInvoice[];
  /** Sum of the invoices' remaining amounts. */
  totalRemainingCents: number;
  /** Pay before this date to avoid the next step. */
  payBefore: IsoDate;
  /** Date of the previous reminder (levels 2 and 3). */
  previousReminderDate?: IsoDate;
  /** « Madame, Monsieur, » unless given. */
  salutation?: string;
}

export const REMINDER_TITLES: Record<ReminderDocument['level'], string> = {
  1: 'Rappel de paiement',
  2: 'Deuxième rappel',
  3: 'Dernier rappel avant poursuites',
};

export function reminderProblems(doc: ReminderDocument): string[] {
  const problems: string[] = [];
  const sum = doc.invoices.reduce((s, i) => s + i.remainingCents, 0);
  if (sum !== doc.totalRemainingCents) problems.push(`Total ${doc.totalRemainingCents} ≠ somme des restes dus ${sum} (centimes).`);
  if (doc.invoices.length === 0) problems.push('Aucune facture à relancer.');
  if (doc.invoices.some((i) => i.remainingCents <= 0)) problems.push('Une facture relancée n’a rien à payer.');
  return problems;
}

/** The ways to pay an overdue invoice (no SEPA mandate: it only serves future invoices). */
export function reminderPaymentMethods(issuer: Issuer): string[] {
  return [
    `En ligne sur ${issuer.portal.name} (${issuer.portal.url}), par carte bancaire ou prélèvement unique (PayFIP).`,
    `Par chèque à l’ordre de «\u00a0${issuer.regie.chequePayee}\u00a0», avec au dos les numéros des factures réglées.`,
    `En espèces ou par carte bancaire ${issuer.regie.counter}.`,
    `Par virement : IBAN ${issuer.regie.iban}, BIC ${issuer.regie.bic}, en indiquant les numéros des factures.`,
  ];
}
