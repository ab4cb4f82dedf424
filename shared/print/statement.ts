/**
 * A family's account statement (« relevé de compte ») between two dates: opening balance,
 * every invoice (debit), payment and credit note (credit), closing balance. Balances are what the
 * family owes: positive = to pay (« solde débiteur »), negative = in the family's favour.
 */
import type { DocumentBase, IsoDate } from './common.js';

export interface StatementEntry {
  date: IsoDate;
  /** « Facture Mars / Avril 2026 », « Paiement par chèque », « Avoir — grève du 12/03/2026 ». */
  label: string;
  /** Invoice, receipt or credit-note number. */
  reference?: string;
  /** Increases what the family owes (an invoice). */
  debitCents: number;
  /** Decreases it (a payment, a credit note). */
  creditCents: number;
}

export interface StatementDocument extends DocumentBase {
  kind: 'statement';
  from: IsoDate;
  to: IsoDate;
  openingBalanceCents: number;
  /** In date order. */
  entries: StatementEntry[];
  closingBalanceCents: number;
  /** Children of the family (printed under the title). */
  children?: string[];
}

/** Running balance after each entry. */
export function runningBalances(doc: StatementDocument): number[] {
  let balance = doc.openingBalanceCents;
  return doc.entries.map((e) => (balance += e.debitCents - e.creditCents));
}

export function statementProblems(doc: StatementDocument): string[] {
  const problems: string[] = [];
  const end = doc.entries.reduce((b, e) => b + e.debitCents - e.creditCents, doc.openingBalanceCents);
  if (end !== doc.closingBalanceCents) {
    problems.push(`Solde final ${doc.closingBalanceCents} ≠ solde initial + débits − crédits = ${end} (centimes).`);
  }
  if (doc.entries.some((e) => e.debitCents < 0 || e.creditCents < 0)) problems.push('Débit ou crédit négatif.');
  if (doc.from > doc.to) problems.push('Période du relevé inversée.');
  return problems;
}
