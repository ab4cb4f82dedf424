import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvoiceDocument, type InvoiceLine, mealsLabel } from '../../shared/print/index.js';
import {
  combinePrintFile,
  DocumentDataError,
  generateMany,
  GenerationAbortedError,
  renderCombined,
  renderDocument,
  renderInvoice,
  renderWithInfo,
} from '../../main/pdf/index.js';
import { sampleDecision, sampleInvoice, sampleReceipt, sampleReminder, sampleStatement, syntheticInvoices } from '../../main/pdf/samples.js';

/**
 * The PDFs are checked by the tools a printer or an archive would use: qpdf (structure) and
 * pdftotext (the text comes back, accents and amounts included). Both come from Debian's qpdf and
 * poppler-utils packages (.ci/run installs them).
 */

function requireTool(tool: string, pkg: string): void {
  const found = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (found.error) throw new Error(`${tool} est introuvable : installez le paquet Debian « ${pkg} » (apt-get install ${pkg}), comme le fait .ci/run.`);
}

function qpdfCheck(file: string): void {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  expect(result.status, `qpdf --check ${file}\n${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.stdout).toContain('No syntax or stream encoding errors');
}

function pageCount(file: string): number {
  return Number(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).trim());
}

/** pdftotext -layout, no-break spaces read as spaces (poppler may give either). */
function textOf(file: string): { raw: string; text: string } {
  const raw = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { raw, text: raw.replace(/\u00a0/g, ' ') };
}

let dir: string;
beforeAll(() => {
  requireTool('qpdf', 'qpdf');
  requireTool('pdftotext', 'poppler-utils');
  dir = mkdtempSync(join(tmpdir(), 'guichet-pdf-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Two real children, a credit line, then enough lines for a second page: 30 in all. */
function thirtyLineInvoice(): InvoiceDocument {
  const lines: InvoiceLine[] = [...sampleInvoice().lines];
  for (let i = 0; i < 27; i++) {
    lines.push({ kind: 'meals', childName: `Noé Lefèvre ${i + 1}`, school: 'École élémentaire Parmentier', label: mealsLabel(10, 362), quantity: 10, unitPriceCents: 362, amountCents: 3620 });
  }
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  return sampleInvoice({ lines, totalCents: total, alreadyPaidCents: 1000, remainingCents: total - 1000 });
}

describe('an invoice', () => {
  it('passes qpdf, gives its text back with accents, and overflows onto a second page', async () => {
    const doc = thirtyLineInvoice();
    expect(doc.totalCents).toBe(112944);
    const { bytes, pages } = await renderWithInfo(doc, { createdAt: new Date('2026-03-30T08:00:00Z') });
    const file = join(dir, 'facture.pdf');
    writeFileSync(file, bytes);
    qpdfCheck(file);
    expect(pages).toBe(2);
    expect(pageCount(file)).toBe(2);

    const { raw, text } = textOf(file);
    expect(raw).not.toContain('\u202f');
    for (const expected of [
      'Facture',
      'F2026-000123',
      'Caisse des écoles du 11e arrondissement de Paris',
      '12 place Léon-Blum',
      'Mme Élodie Lefèvre',
      'Élodie Lefèvre',
      'Maëlys Lefèvre',
      '13 repas × 3,62 €',
      'Avoir : grève du 12/03/2026',
      '−3,62 €',
      'Total de la période',
      '1 129,44 €',
      'Reste à payer',
      '1 119,44 €',
      'À régler avant le 30/04/2026',
      'Le paiement en ligne est disponible à partir du 02/04/2026 à 14h00',
      '« Régie de la Caisse des écoles du 11e »',
      'l’ordre',
      'Montant = nombre de repas servis × tarif unitaire de votre tranche (tranche 5, quotient familial 1 234 €)',
      'L1617-5 du code général des collectivités',
      'Page 1/2',
      'Page 2/2',
      'Facture F2026-000123 (suite)',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Every line of the table is there, once.
    expect(text.match(/Noé Lefèvre \d+/g)).toHaveLength(27);
  });

  it('carries its metadata in French and the PDF/A identification', async () => {
    const file = join(dir, 'meta.pdf');
    writeFileSync(file, await renderInvoice(sampleInvoice(), { createdAt: new Date('2026-03-30T08:00:00Z') }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Facture F2026-000123 — Mars \/ Avril 2026/);
    expect(info).toMatch(/Author:\s+Caisse des écoles du 11e arrondissement de Paris/);
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const qdf = join(dir, 'meta-qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const plain = readFileSync(qdf, 'latin1');
    expect(plain).toContain('/Lang (fr-FR)');
    expect(plain).toContain('pdfaid:part');
    // Fonts embedded as subsets (ABCDEF+Name), never U+202F in a ToUnicode map.
    expect(plain).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSans\b/);
    expect(plain).toMatch(/\/FontFile2/);
    expect(plain.toLowerCase()).not.toContain('<202f>');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
  });

  it('refuses an invoice whose figures do not add up', async () => {
    const doc = sampleInvoice();
    await expect(renderInvoice({ ...doc, totalCents: doc.totalCents + 1 })).rejects.toBeInstanceOf(DocumentDataError);
  });
});

describe('the other documents', () => {
  it.each([
    ['recu', sampleReceipt(), ['Reçu de paiement', 'R2026-000045', '150,00 € (cent cinquante euros)', 'par chèque', 'F2026-000017', 'Conservé en avoir']],
    ['releve', sampleStatement(), ['Relevé de compte', 'Solde au début de la période', 'F2025-004410', '142,54 €', 'Reste dû au 15/03/2026']],
    ['relance', sampleReminder(3), ['Lettre de relance', 'M. Mamadou N’Diaye', 'Objet : Dernier rappel', '172,36 €', 'comptable public', 'Madame, Monsieur,']],
    ['decision', sampleDecision(), ['Décision', 'Demande acceptée', 'Conditions examinées', 'Remplie', 'tribunal administratif de Paris']],
  ] as const)('%s: one valid A4 page with its key texts', async (name, doc, expected) => {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await renderDocument(doc));
    qpdfCheck(file);
    expect(pageCount(file)).toBe(1);
    const { text } = textOf(file);
    for (const e of expected) expect(text, e).toContain(e);
    expect(text).toContain('Page 1/1');
  });

  it('combines documents into one print file, each numbered on its own', async () => {
    const docs = [thirtyLineInvoice(), sampleInvoice(), sampleReminder(1)];
    const { bytes, pages } = await renderCombined(docs, { duplex: true });
    const file = join(dir, 'combined.pdf');
    writeFileSync(file, bytes);
    qpdfCheck(file);
    // 2 + 1 (+1 blank) + 1 (+1 blank)
    expect(pages).toBe(6);
    expect(pageCount(file)).toBe(6);
    const { text } = textOf(file);
    expect(text.match(/Page 1\/1/g)).toHaveLength(2);
    expect(text).toContain('Page 2/2');
  });
});

describe('parallel generation', () => {
  it('writes N valid files with 2 workers, progress reaching N, plus the combined print file', async () => {
    const docs = syntheticInvoices(12, 7);
    const out = join(dir, 'period');
    const progress: number[] = [];
    const result = await generateMany(docs, {
      outDir: out,
      workers: 2,
      batchSize: 2,
      onProgress: (done, total) => {
        expect(total).toBe(12);
        progress.push(done);
      },
      combine: { fileName: 'impression.pdf', select: (_d, i) => i < 3 },
    });
    expect(result.workers).toBe(2);
    expect(result.files).toHaveLength(12);
    expect(progress.at(-1)).toBe(12);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(result.files.map((f) => f.fileName)).toEqual(docs.map((d) => `${d.number}.pdf`));
    for (const f of result.files) {
      qpdfCheck(f.path);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.pages).toBe(1);
    }
    expect(result.combinedFile?.fileName).toBe('impression.pdf');
    expect(result.combinedFile?.pages).toBe(3);
    qpdfCheck(join(out, 'impression.pdf'));
    expect(readdirSync(out).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(textOf(result.files[0]!.path).text).toContain(docs[0]!.number);

    // The same files, merged by copying their pages.
    const merged = await combinePrintFile(
      result.files.slice(0, 4).map((f) => f.path),
      join(out, 'fusion.pdf'),
    );
    expect(merged.pages).toBe(4);
    qpdfCheck(merged.path);
  });

  it('stops early when cancelled after the first progress event, keeping only complete files', async () => {
    const docs = syntheticInvoices(400, 11);
    const out = join(dir, 'cancelled');
    const controller = new AbortController();
    let events = 0;
    const run = generateMany(docs, {
      outDir: out,
      workers: 2,
      batchSize: 4,
      signal: controller.signal,
      onProgress: (done) => {
        events++;
        if (done >= 1) controller.abort();
      },
    });
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GenerationAbortedError);
    const finished = (error as GenerationAbortedError).files;
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.length).toBeLessThan(50);
    const left = readdirSync(out);
    expect(left.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(left.sort()).toEqual(finished.map((f) => f.fileName).sort());
    for (const f of finished) qpdfCheck(f.path);
    expect(events).toBeLessThan(50);
  });

  it('reports a document whose figures do not add up, and writes nothing for it', async () => {
    const docs = syntheticInvoices(6, 3);
    docs[4] = { ...docs[4]!, remainingCents: docs[4]!.remainingCents + 1 };
    const out = join(dir, 'broken');
    await expect(generateMany(docs, { outDir: out, workers: 2, batchSize: 1 })).rejects.toThrow(/F2026-000104.*Reste à payer/);
    expect(readdirSync(out)).not.toContain('F2026-000104.pdf');
  });
});
