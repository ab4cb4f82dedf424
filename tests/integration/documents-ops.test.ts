import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { listPeriods } from '../../main/services/billing/periods.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import type { PdfJob } from '../../shared/contract/print.js';
import { tempContext } from '../helpers/temp-context.js';

/** The PDF operations through the one door (dispatch), on a small demo with one period issued. */

let ctx: ReturnType<typeof tempContext>;
let periodId: string;
let scratch: string;

beforeAll(async () => {
  ctx = tempContext();
  scratch = mkdtempSync(join(tmpdir(), 'guichet-pdf-ops-'));
  await loadDemo(ctx, { seed: 11, families: 60, billingHistory: false });
  periodId = listPeriods(ctx).find((p) => p.label === 'Mars / Avril 2026')!.id;
  issueBilling(ctx, periodId);
});
afterAll(() => {
  ctx.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

function qpdfCheck(bytes: Buffer, name: string): void {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  const run = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

async function poll(jobId: string, until: (job: PdfJob) => boolean): Promise<PdfJob> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await call<PdfJob>('documents.job', { jobId });
    if (until(job) || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('documents operations', () => {
  it('gives an invoice as a PDF, kept under the data folder and indexed', async () => {
    const { rows } = await call<{ rows: { id: string; number: string }[] }>('billing.invoices', { periodId, limit: 1 });
    const invoice = rows[0]!;
    const pdf = await call<{ fileName: string; base64: string }>('documents.invoicePdf', { invoiceId: invoice.id });
    expect(pdf.fileName).toBe(`${invoice.number}.pdf`);
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    qpdfCheck(bytes, pdf.fileName);
    expect(existsSync(join(ctx.dataDir, 'documents', 'factures', pdf.fileName))).toBe(true);
    const row = ctx.store.sqlite.prepare('SELECT kind, mime, size, sha256 FROM documents WHERE stored_name = ?').get(`documents/factures/${pdf.fileName}`);
    expect(row).toMatchObject({ kind: 'invoice', mime: 'application/pdf', size: bytes.length });
  });

  it('gives a statement as a PDF, and refuses an unknown invoice', async () => {
    const { rows } = await call<{ rows: { familyId: string }[] }>('billing.invoices', { periodId, limit: 1 });
    const pdf = await call<{ fileName: string; base64: string }>('documents.statementPdf', { familyId: rows[0]!.familyId });
    expect(pdf.fileName).toMatch(/^releve-\d+-2026-03-15\.pdf$/);
    qpdfCheck(Buffer.from(pdf.base64, 'base64'), pdf.fileName);
    const missing = await dispatch(ctx, 'documents.invoicePdf', { invoiceId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('generates every PDF of the period in a job, then cancels a second run', async () => {
    const { total } = await call<{ total: number }>('billing.invoices', { periodId, limit: 1 });
    const { jobId } = await call<{ jobId: string }>('documents.startPeriodPdf', { periodId });
    // One running job per period: asking again answers the same job.
    expect(await call<{ jobId: string }>('documents.startPeriodPdf', { periodId })).toEqual({ jobId });
    const job = await poll(jobId, (j) => j.status !== 'running');
    expect(job).toMatchObject({ status: 'done', done: total, total });
    const files = readdirSync(job.outDir!).filter((f) => /^[FA]\d{4}-\d{6}\.pdf$/.test(f));
    expect(files).toHaveLength(total);
    expect(job.outDir).toBe(join(ctx.dataDir, 'documents', 'factures', 'mars-avril-2026'));
    if (job.combinedFile) {
      expect(existsSync(job.combinedFile)).toBe(true);
      expect(spawnSync('qpdf', ['--check', job.combinedFile]).status).toBe(0);
    }
    const indexed = ctx.store.sqlite.prepare("SELECT COUNT(*) AS n FROM documents WHERE stored_name LIKE 'documents/factures/mars-avril-2026/%'").get() as { n: number };
    expect(indexed.n).toBe(total + (job.combinedFile ? 1 : 0));

    const second = await call<{ jobId: string }>('documents.startPeriodPdf', { periodId });
    expect(second.jobId).not.toBe(jobId);
    expect(await call('documents.cancelJob', { jobId: second.jobId })).toEqual({ ok: true });
    const cancelled = await poll(second.jobId, (j) => j.status !== 'running');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(total);
    expect(await call('documents.cancelJob', { jobId: second.jobId })).toEqual({ ok: false });
  });
});
