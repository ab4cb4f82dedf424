/**
 * Document numbers: one unbroken series per calendar year and kind, « F2026-000001 » invoices,
 * « A2026-… » credit notes (« avoirs »), « R2026-… » receipts; a desk linked to the server keeps
 * its own receipt book, « R2026-03-000001 » for desk 3 (docs/decisions.md).
 */
export type SeriesKind = 'invoice' | 'credit_note' | 'receipt';

const PREFIX: Record<SeriesKind, string> = { invoice: 'F', credit_note: 'A', receipt: 'R' };

export function formatDocumentNumber(kind: SeriesKind, year: number, n: number, deskNumber: number | null = null): string {
  const desk = deskNumber === null ? '' : `${String(deskNumber).padStart(2, '0')}-`;
  return `${PREFIX[kind]}${year}-${desk}${String(n).padStart(6, '0')}`;
}
