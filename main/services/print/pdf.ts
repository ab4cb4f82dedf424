import { AppError } from '../../../shared/contract/errors.js';
import type { PdfFile } from '../../../shared/contract/print.js';
import { invoiceFileName } from '../../../shared/print/invoice.js';
import type { AppContext } from '../../context.js';
import { renderDecision, renderInvoice, renderReceipt, renderReminder, renderStatement } from '../../pdf/index.js';
import { invoiceDocument, receiptDocument, reminderDocument, statementDocument } from './sources.js';
import { all, one } from '../../store/sql.js';
import { decisionLetterDocument } from './letter.js';
import { storeDocument } from './archive.js';

/**
 * One document as a PDF, on demand (the agent downloads it): rendered from the store, kept under
 * the data folder (documents/factures, recus, releves, relances) and indexed, returned as base64.
 */

const safe = (text: string) => text.replace(/[^A-Za-z0-9-]/g, '_');

function answer(ctx: AppContext, bytes: Uint8Array, input: { folder: string; fileName: string; kind: string; familyId: string | null }): PdfFile {
  storeDocument(ctx, { folder: [input.folder], fileName: input.fileName, kind: input.kind, familyId: input.familyId, bytes });
  return { fileName: input.fileName, base64: Buffer.from(bytes).toString('base64') };
}

function familyOfInvoice(ctx: AppContext, invoiceId: string): string {
  const row = one<{ family_id: string }>(ctx, 'SELECT family_id FROM invoices WHERE id = ?', invoiceId);
  if (!row) throw AppError.notFound('Cette facture n’existe pas.');
  return row.family_id;
}

/** An invoice or a credit note (« avoir »). */
export async function invoicePdf(ctx: AppContext, invoiceId: string): Promise<PdfFile> {
  const familyId = familyOfInvoice(ctx, invoiceId);
  const doc = invoiceDocument(ctx, invoiceId);
  const bytes = await renderInvoice(doc);
  return answer(ctx, bytes, { folder: 'factures', fileName: invoiceFileName(doc), kind: doc.variant === 'credit_note' ? 'credit_note' : 'invoice', familyId });
}

/** The receipt of a payment. */
export async function receiptPdf(ctx: AppContext, paymentId: string): Promise<PdfFile> {
  const doc = receiptDocument(ctx, paymentId);
  const row = one<{ family_id: string }>(ctx, 'SELECT family_id FROM payments WHERE id = ?', paymentId);
  const bytes = await renderReceipt(doc);
  return answer(ctx, bytes, { folder: 'recus', fileName: `${safe(doc.number)}.pdf`, kind: 'receipt', familyId: row?.family_id ?? null });
}

function statementRange(ctx: AppContext, familyId: string): { from: string; to: string } {
  const today = ctx.today();
  const first = one<{ d: string | null }>(
    ctx,
    `SELECT MIN(d) AS d FROM (SELECT MIN(issued_on) AS d FROM invoices WHERE family_id = ?
       UNION ALL SELECT MIN(received_on) FROM payments WHERE family_id = ?)`,
    familyId,
    familyId,
  );
  return { from: first?.d && first.d < today ? first.d : today, to: today };
}

/** A family's statement, from its first document or payment to today. */
export async function statementPdf(ctx: AppContext, familyId: string): Promise<PdfFile> {
  const today = ctx.today();
  const doc = statementDocument(ctx, { familyId, ...statementRange(ctx, familyId) });
  const bytes = await renderStatement(doc);
  return answer(ctx, bytes, { folder: 'releves', fileName: `releve-${doc.dossierNumber}-${today}.pdf`, kind: 'statement', familyId });
}

/** A first reminder letter for the family of an unpaid invoice (all its overdue invoices). */
export async function reminderPdf(ctx: AppContext, invoiceId: string): Promise<PdfFile> {
  const familyId = familyOfInvoice(ctx, invoiceId);
  const doc = reminderDocument(ctx, { familyId, level: 1 });
  const bytes = await renderReminder(doc);
  return answer(ctx, bytes, { folder: 'relances', fileName: `relance-${safe(doc.reference)}.pdf`, kind: 'reminder', familyId });
}

/** The letter to the family about the decision on a request (what was decided and why). */
export async function decisionLetterPdf(ctx: AppContext, requestId: string): Promise<PdfFile> {
  const doc = decisionLetterDocument(ctx, requestId);
  const row = one<{ family_id: string | null }>(ctx, 'SELECT family_id FROM requests WHERE id = ?', requestId);
  const bytes = await renderDecision(doc);
  return answer(ctx, bytes, { folder: 'decisions', fileName: `decision-${safe(doc.reference)}.pdf`, kind: 'decision', familyId: row?.family_id ?? null });
}

/** One PDF of a family's file, rendered for its export (not stored: the archive is the copy). */
export interface FamilyPdf {
  folder: 'factures' | 'releve' | 'decisions';
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Every PDF the Caisse can give a family about its file, rendered by the same module as the
 * documents sent: each invoice and credit note, the statement from its first document to today,
 * and the letter of each decided request.
 */
export async function familyPdfs(ctx: AppContext, familyId: string): Promise<FamilyPdf[]> {
  const out: FamilyPdf[] = [];
  const invoices = all<{ id: string }>(ctx, 'SELECT id FROM invoices WHERE family_id = ? ORDER BY number', familyId);
  for (const { id } of invoices) {
    const doc = invoiceDocument(ctx, id);
    out.push({ folder: 'factures', fileName: invoiceFileName(doc), bytes: await renderInvoice(doc) });
  }
  const statement = statementDocument(ctx, { familyId, ...statementRange(ctx, familyId) });
  out.push({ folder: 'releve', fileName: `releve-${statement.dossierNumber}-${statement.to}.pdf`, bytes: await renderStatement(statement) });
  const decided = all<{ id: string }>(ctx, 'SELECT id FROM requests WHERE family_id = ? AND decision IS NOT NULL ORDER BY received_on, id', familyId);
  for (const { id } of decided) {
    const doc = decisionLetterDocument(ctx, id);
    out.push({ folder: 'decisions', fileName: `decision-${safe(doc.reference)}.pdf`, bytes: await renderDecision(doc) });
  }
  return out;
}
