import { z } from 'zod';
import { id, op } from './common.js';

/** PDF documents offered to the agent. */

/** One PDF offered to the agent: the program's file name and the bytes, base64. */
export const pdfFile = z.object({ fileName: z.string(), base64: z.string() });
export type PdfFile = z.infer<typeof pdfFile>;

const pdfJobStatus = z.enum(['running', 'done', 'cancelled', 'failed']);

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


/** PDF documents: one at a time (downloaded), or every document of a period (a job). */
export const printOperations = {
  'documents.invoicePdf': op(z.object({ invoiceId: id }), pdfFile),
  'documents.receiptPdf': op(z.object({ paymentId: id }), pdfFile),
  'documents.statementPdf': op(z.object({ familyId: id }), pdfFile),
  'documents.reminderPdf': op(z.object({ invoiceId: id }), pdfFile),
  'documents.startPeriodPdf': op(z.object({ periodId: id }), z.object({ jobId: z.string() })),
  'documents.job': op(z.object({ jobId: id }), pdfJob),
  'documents.cancelJob': op(z.object({ jobId: id }), z.object({ ok: z.boolean() })),
  /** The letter to the family about the decision (PDF, French); CONFLICT while none is taken. */
  'documents.decisionLetterPdf': op(z.object({ requestId: id }), pdfFile),
} as const;
