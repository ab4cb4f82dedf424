/** The print domain's public face: what other domains and the entry points may use. */
export { cancelPdfJob, pdfJobState, startPeriodPdf } from './jobs.js';
export { decisionLetterPdf, familyPdfs, invoicePdf, receiptPdf, reminderPdf, statementPdf } from './pdf.js';
export { periodInvoiceDocuments } from './sources.js';
