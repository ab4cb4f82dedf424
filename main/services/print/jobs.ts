import { AppError } from '../../../shared/contract/errors.js';
import type { PdfJob } from '../../../shared/contract/print.js';
import { formatCount } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { generateMany, GenerationAbortedError, type GeneratedFile } from '../../pdf/index.js';
import { periodInvoiceDocuments } from './sources.js';
import { requirePeriod } from '../billing/index.js';
import { all } from '../../store/sql.js';
import { indexDocument, slug } from './archive.js';
import { documentsFolder } from '../../store/files.js';

/**
 * The PDFs of a whole period, generated in the background (generateMany on two worker threads)
 * into documents/factures/<période>/ under the data folder, with one combined file to print for
 * the families whose payer has no e-mail address. Progress lives in memory in this small
 * registry: the screen polls `documents.job`; one running job per period (starting again while
 * it runs answers the same job); `documents.cancelJob` aborts it (finished files are kept).
 */

interface Job {
  id: string;
  dataDir: string;
  periodId: string;
  status: PdfJob['status'];
  done: number;
  total: number;
  message?: string;
  outDir: string;
  combinedFile: string | null;
  controller: AbortController;
}

const jobs = new Map<string, Job>();
/** Finished jobs kept for the screens to read their outcome. */
const KEEP_FINISHED = 20;
const WORKERS = 2;

function prune(): void {
  const finished = [...jobs.values()].filter((j) => j.status !== 'running');
  for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.id);
}

/** Dossier numbers of the families whose payer has no e-mail: their documents go on paper. */
function paperDossiers(ctx: AppContext): Set<number> {
  const rows = all<{ dossier_number: number }>(
    ctx,
    `SELECT f.dossier_number FROM families f WHERE NOT EXISTS (
       SELECT 1 FROM guardians g WHERE g.family_id = f.id AND g.is_payer = 1 AND g.email IS NOT NULL AND TRIM(g.email) <> '')`,
  );
  return new Set(rows.map((r) => r.dossier_number));
}

function familyIds(ctx: AppContext): Map<number, string> {
  return new Map(all<{ id: string; dossier_number: number }>(ctx, 'SELECT id, dossier_number FROM families').map((r) => [r.dossier_number, r.id]));
}

export function startPeriodPdf(ctx: AppContext, periodId: string): { jobId: string } {
  const period = requirePeriod(ctx, periodId);
  if (!period.issuedAt) throw new AppError({ code: 'CONFLICT', message: `La période ${period.label} n’est pas encore facturée\u00a0: émettez d’abord ses factures.` });
  const running = [...jobs.values()].find((j) => j.status === 'running' && j.periodId === periodId && j.dataDir === ctx.dataDir);
  if (running) return { jobId: running.id };

  const docs = periodInvoiceDocuments(ctx, periodId);
  const paper = paperDossiers(ctx);
  const families = familyIds(ctx);
  const folder = slug(period.label) || slug(period.id) || 'periode';
  const outDir = documentsFolder(ctx, 'factures', folder);
  const controller = new AbortController();
  const job: Job = {
    id: ctx.newId(),
    dataDir: ctx.dataDir,
    periodId,
    status: 'running',
    done: 0,
    total: docs.length,
    outDir,
    combinedFile: null,
    controller,
  };
  const index = (files: GeneratedFile[], combined?: GeneratedFile) => {
    try {
      for (const f of files) {
        const doc = docs[f.index];
        const kind = doc?.variant === 'credit_note' ? 'credit_note' : 'invoice';
        indexDocument(ctx, { path: f.path, kind, familyId: doc ? (families.get(Number(doc.dossierNumber)) ?? null) : null, size: f.bytes, sha256: f.sha256 });
      }
      if (combined) indexDocument(ctx, { path: combined.path, kind: 'print_file', familyId: null, size: combined.bytes, sha256: combined.sha256 });
    } catch (error) {
      // The files are written; a store closed meanwhile only loses their index rows.
      console.error('[guichet] index des PDF', error);
    }
  };
  generateMany(docs, {
    outDir,
    workers: WORKERS,
    signal: controller.signal,
    onProgress: (done, total) => {
      job.done = done;
      job.total = total;
    },
    combine: {
      fileName: `a-imprimer-${folder}.pdf`,
      select: (doc) => paper.has(Number(doc.dossierNumber)),
      duplex: true,
      title: `${period.label} — documents à imprimer`,
    },
  }).then(
    (result) => {
      index(result.files, result.combinedFile);
      job.done = result.files.length;
      job.combinedFile = result.combinedFile?.path ?? null;
      job.status = 'done';
      job.message = `${formatCount(result.files.length)} PDF générés dans ${outDir}.`;
    },
    (error: unknown) => {
      if (error instanceof GenerationAbortedError) {
        index(error.files);
        job.done = error.files.length;
        job.status = 'cancelled';
        job.message = `Génération annulée\u00a0: ${formatCount(error.files.length)} PDF terminés et conservés.`;
      } else {
        console.error('[guichet] génération des PDF', error);
        job.status = 'failed';
        job.message = 'La génération des PDF a échoué. Réessayez ou prévenez le support.';
      }
    },
  );
  jobs.set(job.id, job);
  prune();
  return { jobId: job.id };
}

function find(jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job) throw AppError.notFound('Cette génération de PDF est inconnue (l’application a peut-être redémarré).');
  return job;
}

export function pdfJobState(jobId: string): PdfJob {
  const job = find(jobId);
  const state: PdfJob = { status: job.status, done: job.done, total: job.total, outDir: job.outDir, combinedFile: job.combinedFile };
  if (job.message) state.message = job.message;
  return state;
}

/** Asks a running job to stop; answers false when it had already ended. */
export function cancelPdfJob(jobId: string): { ok: boolean } {
  const job = find(jobId);
  if (job.status !== 'running') return { ok: false };
  job.controller.abort();
  return { ok: true };
}
