import { stringify } from 'csv-stringify/sync';
import type { OverdueRow } from '../../../shared/contract/payments.js';
import type { PayerAddress } from '../../../shared/contract/billing.js';
import { daysBetween } from '../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { protectCell } from '../../../shared/domain/spreadsheet.js';
import type { AppContext } from '../../context.js';
import { all } from '../../store/sql.js';
import { IN_FORCE } from '../billing/index.js';

/** The overdue invoices and the export of titres de recettes for the public treasury. Read-only. */

interface OverdueRecord {
  id: string;
  number: string;
  family_id: string;
  dossier_number: number;
  family_name: string;
  payer_name: string;
  payer_address: string;
  period_label: string | null;
  issued_on: string;
  due_date: string;
  total_cents: number;
  paid: number;
}

const OVERDUE = `SELECT * FROM (
    SELECT i.id, i.number, i.family_id, f.dossier_number, f.family_name, i.payer_name, i.payer_address, p.label AS period_label,
      i.issued_on, i.due_date, i.total_cents,
      COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0) AS paid
    FROM invoices i JOIN families f ON f.id = i.family_id LEFT JOIN billing_periods p ON p.id = i.period_id
    WHERE i.kind = 'invoice' AND ${IN_FORCE} AND i.due_date < @asOf AND (@family IS NULL OR i.family_id = @family)
  ) WHERE total_cents > paid ORDER BY due_date, number`;

function overdueRecords(ctx: AppContext, asOf: string, familyId: string | null = null): OverdueRecord[] {
  return all<OverdueRecord>(ctx, OVERDUE, { asOf, family: familyId });
}

function toOverdueRow(r: OverdueRecord, asOf: string): OverdueRow {
  return {
    invoiceId: r.id,
    number: r.number,
    familyId: r.family_id,
    dossierNumber: r.dossier_number,
    familyName: r.family_name,
    payerName: r.payer_name,
    periodLabel: r.period_label,
    issuedOn: r.issued_on,
    dueDate: r.due_date,
    totalCents: r.total_cents,
    paidCents: r.paid,
    remainingCents: r.total_cents - r.paid,
    daysLate: daysBetween(r.due_date, asOf),
  };
}

/** Invoices with something left to pay after their due date (`due_date < asOf`), oldest first. */
export function overdueInvoices(
  ctx: AppContext,
  input: { asOf?: string | undefined; offset?: number; limit?: number; familyId?: string },
): { asOf: string; total: number; totalRemainingCents: number; rows: OverdueRow[] } {
  const asOf = input.asOf ?? ctx.today();
  const records = overdueRecords(ctx, asOf, input.familyId ?? null);
  const offset = input.offset ?? 0;
  const limit = input.limit ?? records.length;
  return {
    asOf,
    total: records.length,
    totalRemainingCents: records.reduce((s, r) => s + r.total_cents - r.paid, 0),
    rows: records.slice(offset, offset + limit).map((r) => toOverdueRow(r, asOf)),
  };
}

/** The columns of the treasury export, in order (README « Export pour le Trésor public »). */
export const TREASURY_COLUMNS = [
  'Numéro de facture',
  'Date d’émission',
  'Échéance',
  'Période',
  'N° de dossier',
  'Débiteur',
  'Adresse',
  'Complément d’adresse',
  'Code postal',
  'Ville',
  'Montant TTC',
  'Déjà payé',
  'Reste dû',
  'Jours de retard',
] as const;

/** Cents as Excel reads them in France: « 1234,56 » (no thousands separator, comma). */
function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The titres de recettes to hand to the public treasury: every invoice still unpaid after its due
 * date, one line each — UTF-8 with BOM, `;`, CRLF, dates JJ/MM/AAAA, amounts « 12,34 ».
 */
export function treasuryExport(
  ctx: AppContext,
  input: { asOf?: string | undefined },
): { fileName: string; content: string; rows: number; totalRemainingCents: number } {
  const asOf = input.asOf ?? ctx.today();
  const records = overdueRecords(ctx, asOf);
  const lines = records.map((r) => {
    const address = JSON.parse(r.payer_address) as PayerAddress;
    return [
      r.number,
      formatFrenchDate(r.issued_on),
      formatFrenchDate(r.due_date),
      protectCell(r.period_label ?? ''),
      String(r.dossier_number),
      protectCell(r.payer_name),
      protectCell(address.line1),
      protectCell(address.line2 ?? ''),
      address.postalCode,
      protectCell(address.city),
      decimal(r.total_cents),
      decimal(r.paid),
      decimal(r.total_cents - r.paid),
      String(daysBetween(r.due_date, asOf)),
    ];
  });
  const content = stringify([[...TREASURY_COLUMNS], ...lines], { delimiter: ';', record_delimiter: '\r\n', bom: true });
  return {
    fileName: `titres-de-recettes-${asOf}.csv`,
    content,
    rows: lines.length,
    totalRemainingCents: records.reduce((s, r) => s + r.total_cents - r.paid, 0),
  };
}
