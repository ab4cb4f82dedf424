import { PDFDocument } from '@cantoo/pdf-lib';
import type { PrintableDocument } from '../../shared/print/index.js';
import { type DecisionDocument } from '../../shared/print/decision.js';
import { type InvoiceDocument, invoiceProblems, invoiceTitle } from '../../shared/print/invoice.js';
import { type ReceiptDocument, receiptProblems } from '../../shared/print/receipt.js';
import { type ReminderDocument, reminderProblems } from '../../shared/print/reminder.js';
import { type StatementDocument, statementProblems } from '../../shared/print/statement.js';
import { formatFrenchDate } from '../../shared/domain/dates.js';
import { deflateContentStreams, useNativeDeflate } from './deflate.js';
import { FontEngine, loadFontBytes } from './fonts.js';
import { type DocumentFonts, embedFonts, PAGE, type Sheet } from './layout.js';
import { drawDecision } from './templates/decision.js';
import { drawInvoice } from './templates/invoice.js';
import { drawReceipt } from './templates/receipt.js';
import { drawRecoverySheet, type RecoverySheet } from './templates/recovery.js';
import { drawReminder } from './templates/reminder.js';
import { drawStatement } from './templates/statement.js';

/**
 * Rendering: one document → PDF bytes, or many documents → one combined PDF. Every rendering
 * checks the document's figures first (`*Problems` in shared/print) and refuses to print a
 * wrong amount.
 */

export interface RenderOptions {
  /** The parsed fonts; default: one engine per process, from resources/fonts. */
  engine?: FontEngine;
  /** CreationDate/ModDate of the file (default: now). Fixed in tests for identical output. */
  createdAt?: Date;
  /**
   * Make the file PDF/A-2B (XMP metadata, sRGB output intent, document ID; fonts are embedded
   * anyway). Default true. Not validated here (no veraPDF on the build machines).
   */
  pdfa?: boolean;
}

/** A document whose figures do not add up (French messages, one per problem). */
export class DocumentDataError extends Error {
  constructor(
    readonly documentLabel: string,
    readonly problems: string[],
  ) {
    super(`${documentLabel}\u00a0: ${problems.join(' ')}`);
    this.name = 'DocumentDataError';
  }
}

let defaultEngine: FontEngine | undefined;

/** The process-wide font engine (parsed once, on first use). */
export function getDefaultEngine(): FontEngine {
  defaultEngine ??= new FontEngine(loadFontBytes());
  return defaultEngine;
}

interface Template<D> {
  draw(pdf: PDFDocument, fonts: DocumentFonts, doc: D): Sheet;
  problems(doc: D): string[];
  title(doc: D): string;
  subject: string;
  keywords(doc: D): string[];
}

const templates: { [K in PrintableDocument['kind']]: Template<Extract<PrintableDocument, { kind: K }>> } = {
  invoice: {
    draw: drawInvoice,
    problems: invoiceProblems,
    title: invoiceTitle,
    subject: 'Restauration scolaire — facture',
    keywords: (d) => [d.number, `dossier ${d.dossierNumber}`, d.period.label],
  },
  receipt: {
    draw: drawReceipt,
    problems: receiptProblems,
    title: (d) => `Reçu de paiement ${d.number}`,
    subject: 'Restauration scolaire — reçu de paiement',
    keywords: (d) => [d.number, `dossier ${d.dossierNumber}`],
  },
  statement: {
    draw: drawStatement,
    problems: statementProblems,
    title: (d) => `Relevé de compte du ${formatFrenchDate(d.from)} au ${formatFrenchDate(d.to)} — dossier ${d.dossierNumber}`,
    subject: 'Restauration scolaire — relevé de compte',
    keywords: (d) => [`dossier ${d.dossierNumber}`],
  },
  reminder: {
    draw: drawReminder,
    problems: reminderProblems,
    title: (d) => `Lettre de relance ${d.reference}`,
    subject: 'Restauration scolaire — lettre de relance',
    keywords: (d) => [d.reference, `dossier ${d.dossierNumber}`, ...d.invoices.map((i) => i.number)],
  },
  decision: {
    draw: drawDecision,
    problems: () => [],
    title: (d) => `Décision ${d.reference} — ${d.subject}`,
    subject: 'Caisse des écoles — décision',
    keywords: (d) => [d.reference, `dossier ${d.dossierNumber}`],
  },
};

function templateOf<D extends PrintableDocument>(doc: D): Template<D> {
  const template = templates[doc.kind] as unknown as Template<D> | undefined;
  if (!template) throw new Error(`Type de document inconnu\u00a0: ${String((doc as { kind?: unknown }).kind)}`);
  return template;
}

/** Throws DocumentDataError when the document's figures are inconsistent. */
export function checkDocument(doc: PrintableDocument): void {
  const template = templateOf(doc);
  const problems = template.problems(doc);
  if (problems.length > 0) throw new DocumentDataError(template.title(doc), problems);
}

async function newPdf(options: RenderOptions, meta: { title: string; author: string; subject: string; keywords: string[] }) {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const createdAt = options.createdAt ?? new Date();
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords(meta.keywords);
  pdf.setCreator('Guichet');
  pdf.setProducer('Guichet (@cantoo/pdf-lib)');
  pdf.setLanguage('fr-FR');
  pdf.setCreationDate(createdAt);
  pdf.setModificationDate(createdAt);
  useNativeDeflate(pdf);
  const fonts = await embedFonts(pdf, options.engine ?? getDefaultEngine());
  return { pdf, fonts };
}

async function save(pdf: PDFDocument, options: RenderOptions): Promise<Uint8Array> {
  if (options.pdfa !== false) pdf.convertToPDFA({ conformance: '2B' });
  deflateContentStreams(pdf);
  return pdf.save({ useObjectStreams: true });
}

/** Any printable document → PDF bytes (A4, fonts embedded as subsets, metadata in French). */
export async function renderDocument(doc: PrintableDocument, options: RenderOptions = {}): Promise<Uint8Array> {
  return (await renderWithInfo(doc, options)).bytes;
}

/** `renderDocument` with the page count. */
export async function renderWithInfo(doc: PrintableDocument, options: RenderOptions = {}): Promise<{ bytes: Uint8Array; pages: number }> {
  const template = templateOf(doc);
  checkDocument(doc);
  const { pdf, fonts } = await newPdf(options, {
    title: template.title(doc),
    author: doc.issuer.name,
    subject: template.subject,
    keywords: template.keywords(doc),
  });
  const sheet = template.draw(pdf, fonts, doc);
  return { bytes: await save(pdf, options), pages: sheet.pages.length };
}

/** « Facture F2026-000123 — Mars / Avril 2026 »: how errors and listings name a document. */
export function documentLabel(doc: PrintableDocument): string {
  return templateOf(doc).title(doc);
}

export const renderInvoice = (doc: InvoiceDocument, options?: RenderOptions) => renderDocument(doc, options);
export const renderReceipt = (doc: ReceiptDocument, options?: RenderOptions) => renderDocument(doc, options);
export const renderStatement = (doc: StatementDocument, options?: RenderOptions) => renderDocument(doc, options);
export const renderReminder = (doc: ReminderDocument, options?: RenderOptions) => renderDocument(doc, options);
export const renderDecision = (doc: DecisionDocument, options?: RenderOptions) => renderDocument(doc, options);

/** The recovery code's sheet (issue 9): not a family document, so outside the templates table. */
export async function renderRecoverySheet(doc: RecoverySheet, options: RenderOptions = {}): Promise<Uint8Array> {
  const { pdf, fonts } = await newPdf(options, {
    title: 'Code de secours des certificats',
    author: doc.issuer.name,
    subject: 'Guichet — code de secours des certificats médicaux',
    keywords: doc.keyIds,
  });
  drawRecoverySheet(pdf, fonts, doc);
  return save(pdf, options);
}

export interface CombinedOptions extends RenderOptions {
  /** Title of the combined file (default « Documents à imprimer »). */
  title?: string;
  /** Add a blank page after documents with an odd page count, so each starts on a recto. */
  duplex?: boolean;
}

/**
 * Several documents drawn into one PDF (the print file for families without e-mail): each
 * keeps its own « Page i/n »; the fonts are embedded once for the whole file.
 */
export async function renderCombined(docs: PrintableDocument[], options: CombinedOptions = {}): Promise<{ bytes: Uint8Array; pages: number }> {
  if (docs.length === 0) throw new Error('Aucun document à assembler.');
  docs.forEach(checkDocument);
  const first = docs[0]!;
  const { pdf, fonts } = await newPdf(options, {
    title: options.title ?? `Documents à imprimer (${docs.length})`,
    author: first.issuer.name,
    subject: 'Restauration scolaire — envoi papier',
    keywords: [],
  });
  for (const doc of docs) {
    const sheet = templateOf(doc).draw(pdf, fonts, doc);
    if (options.duplex && sheet.pages.length % 2 === 1) pdf.addPage([PAGE.width, PAGE.height]);
  }
  const pages = pdf.getPageCount();
  return { bytes: await save(pdf, options), pages };
}
