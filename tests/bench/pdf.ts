import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, type PDFFont, StandardFonts } from '@cantoo/pdf-lib';
import { generateMany, getDefaultEngine, renderInvoice } from '../../main/pdf/index.js';
import { syntheticInvoices } from '../../main/pdf/samples.js';
import { formatFrenchDate } from '../../shared/domain/dates.js';
import { formatAmount, type InvoiceDocument, invoiceTexts, onlinePaymentSentence } from '../../shared/print/index.js';
import { round } from './stats.js';

/**
 * PDFs of a whole billing period (DESIGN.md: under 60 s on both cores). A seeded generator makes
 * `count` invoices shaped like the demo set (one per family, 1–3 children, some credits), written
 * by `generateMany` on every core, worker start-up included:
 *  - pdf_ms_per_invoice: wall time of the whole period / invoices (both cores);
 *  - pdf_total_ms: the whole period;
 *  - pdf_cpu_ms_per_invoice: CPU time of the process (all threads) per invoice during that run —
 *    what the wall time would be on one free core, whatever else the machine is doing;
 *  - pdf_one_core_ms_per_invoice: the same invoices rendered in this thread only;
 *  - pdf_baseline_ms_per_invoice: a bare pdf-lib page with the same text in Helvetica (standard
 *    font, nothing embedded, WinAnsi-safe text), one core, same run — the floor of the library.
 */
export interface BenchPdfOptions {
  /** Invoices of the one-core and baseline measures (default 600). */
  sample?: number;
  workers?: number;
  log?: (text: string) => void;
  /** The invoices to render (a real issued period); synthetic ones when absent. */
  docs?: InvoiceDocument[];
}

export async function benchPdf(count = 9000, options: BenchPdfOptions = {}): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  const docs = options.docs ?? syntheticInvoices(count, 2026);
  count = docs.length;
  const children = docs.reduce((n, d) => n + d.lines.filter((l) => l.kind === 'meals').length, 0);
  const outDir = mkdtempSync(join(tmpdir(), 'guichet-bench-pdf-'));
  try {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await generateMany(docs, { outDir, ...(options.workers ? { workers: options.workers } : {}) });
    const total = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
    log(`PDF : ${count} factures en ${Math.round(total)} ms avec ${result.workers} workers`);

    const sample = docs.slice(0, Math.min(count, options.sample ?? 600));
    const engine = getDefaultEngine();
    for (const doc of sample.slice(0, 30)) await renderInvoice(doc, { engine });
    let t = performance.now();
    for (const doc of sample) await renderInvoice(doc, { engine });
    const oneCore = (performance.now() - t) / sample.length;

    for (const doc of sample.slice(0, 30)) await bareInvoice(doc);
    t = performance.now();
    for (const doc of sample) await bareInvoice(doc);
    const baseline = (performance.now() - t) / sample.length;
    log(`PDF : ${round(oneCore, 2)} ms par facture sur un cœur (référence pdf-lib nue ${round(baseline, 2)} ms)`);

    return {
      pdf_invoices: count,
      pdf_children: children,
      pdf_workers: result.workers,
      pdf_total_ms: Math.round(total),
      pdf_ms_per_invoice: round(total / count, 3),
      pdf_cpu_ms_per_invoice: round(cpuMs / count, 3),
      pdf_one_core_ms_per_invoice: round(oneCore, 3),
      pdf_baseline_ms_per_invoice: round(baseline, 3),
      pdf_avg_kb: round(bytes / count / 1024, 1),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The text an invoice prints, as lines (long paragraphs cut at ~110 characters). */
function invoiceLines(doc: InvoiceDocument): string[] {
  const texts = invoiceTexts(doc);
  const lines = [
    doc.issuer.name,
    ...doc.issuer.addressLines,
    `Tél. ${doc.issuer.phone} · ${doc.issuer.email}`,
    'Facture',
    `Restauration scolaire — ${doc.period.label}`,
    `À payer avant le ${formatFrenchDate(doc.dueDate)} ${formatAmount(doc.remainingCents)}`,
    `Facture n° ${doc.number}`,
    `Date d’émission ${formatFrenchDate(doc.issueDate)}`,
    `Période ${doc.period.label}`,
    `Dossier famille ${doc.dossierNumber}`,
    doc.payer.name,
    ...doc.payer.addressLines,
    'Enfant École Désignation Montant',
    ...doc.lines.map((l) => `${l.childName ?? ''} ${l.school ?? ''} ${l.label} ${formatAmount(l.amountCents)}`),
    `Total de la période ${formatAmount(doc.totalCents)}`,
    `Reste à payer ${formatAmount(doc.remainingCents)}`,
    'Comment payer ?',
    onlinePaymentSentence(doc.onlinePayment.date, doc.onlinePayment.time),
    ...texts.paymentMethods,
    texts.calculationNote,
    ...texts.legalMentions,
    'Page 1/1',
  ];
  return lines.flatMap((line) => line.match(/.{1,110}(\s|$)/g) ?? [line]);
}

/** Characters Helvetica (WinAnsi) cannot encode become « ? ». */
function winAnsi(text: string, font: PDFFont): string {
  const set = new Set(font.getCharacterSet());
  let out = '';
  for (const char of text.replace(/\u2212/g, '-')) out += set.has(char.codePointAt(0)!) ? char : '?';
  return out;
}

async function bareInvoice(doc: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  let y = 800;
  for (const line of invoiceLines(doc)) {
    page.drawText(winAnsi(line, font), { x: 40, y, size: 7, font });
    y -= 8.5;
  }
  return pdf.save();
}

// `tsx tests/bench/pdf.ts [count]`: this measure alone, as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 9000);
  console.log(JSON.stringify(await benchPdf(count, { log: (t) => console.error(t) }), null, 2));
}
