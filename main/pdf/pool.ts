import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrintableDocument } from '../../shared/print/index.js';
import { invoiceFileName } from '../../shared/print/invoice.js';
import { defaultFontsDir, type FontBytes, loadFontBytes } from './fonts.js';
import type { FileResult, RenderJob, WorkerInit, WorkerReply, WorkerTask } from './worker-protocol.js';

/**
 * Parallel generation with node:worker_threads: a small pool of workers, each parsing the fonts
 * once and rendering the batches it is handed; every worker writes its files itself (atomically:
 * `name.pdf.part`, then renamed), so a file under its final name is always complete.
 *
 * Cancellation (AbortSignal): no new batch is handed out, the workers are terminated at once (a
 * document being drawn is abandoned), their `.part` files are removed, and the promise rejects
 * with a `GenerationAbortedError` listing the files already finished — they are complete and
 * kept, so the caller can show what was done or delete them; a new run overwrites them anyway
 * (file names come from the documents).
 *
 * Where the worker code is: from the sources (tsx, vitest), worker-tsx.mjs registers tsx in the
 * worker and loads worker.ts; from the Electron bundle, pdf-worker.cjs next to main.cjs
 * (scripts/build-electron.mjs builds it and copies the fonts to dist/electron/fonts).
 */

const MAX_WORKERS = 8;

export interface GeneratedFile {
  /** Position of the document in the input (−1 for a combined file). */
  index: number;
  fileName: string;
  path: string;
  /** File size. */
  bytes: number;
  pages: number;
  sha256: string;
}

export interface WorkerOptions {
  /** Number of worker threads (default: available cores, at least 2, at most 8, at most one per batch). */
  workers?: number;
  /** Folder of LiberationSans-Regular.ttf / -Bold.ttf (default: resources/fonts or fonts/ next to the bundle). */
  fontsDir?: string;
  /** The worker entry (default: see `defaultWorkerEntry`). */
  workerFile?: string | URL;
  /** Keep TrueType hinting in the embedded fonts (default false). */
  hinting?: boolean;
  /** PDF/A-2B (default true). */
  pdfa?: boolean;
  /** CreationDate of every file (default: when each is rendered). */
  createdAt?: Date;
  signal?: AbortSignal;
}

export interface GenerateManyOptions<D extends PrintableDocument = PrintableDocument> extends WorkerOptions {
  outDir: string;
  /**
   * File name of a document, without folder (letters, digits, « . », « - », « _ »; must end in
   * .pdf). Default: invoices by number (« F2026-000123.pdf »), others by kind and index.
   */
  fileName?: (doc: D, index: number) => string;
  /** Documents per message to a worker (default 8). */
  batchSize?: number;
  /** Called after each finished file, and once with (0, total) at the start. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Also write one combined PDF of the selected documents (for families without e-mail), drawn
   * into a single document: fonts embedded once, each document keeping its own « Page i/n ».
   */
  combine?: { fileName: string; select?: (doc: D, index: number) => boolean; duplex?: boolean; title?: string };
}

export interface GenerateManyResult {
  /** In input order. */
  files: GeneratedFile[];
  combinedFile?: GeneratedFile;
  workers: number;
  elapsedMs: number;
}

/** Raised when the signal aborts a run; `files` are the complete files written before. */
export class GenerationAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly files: GeneratedFile[]) {
    super(`Génération interrompue\u00a0: ${files.length} fichier(s) terminé(s), conservé(s).`);
  }
}

/** The worker entry for how this code runs: sources (.ts) or bundle (.cjs). */
function defaultWorkerEntry(moduleUrl: string = import.meta.url): string | URL {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith('.ts')) return new URL('./worker-tsx.mjs', moduleUrl);
  const bundled = join(dirname(here), 'pdf-worker.cjs');
  // Packaged app: prefer an unpacked copy if electron-builder's asarUnpack put one there.
  const unpacked = bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== bundled && existsSync(unpacked) ? unpacked : bundled;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.pdf$/;

function checkFileName(name: string): string {
  if (!SAFE_NAME.test(name) || name.includes('..') || basename(name) !== name) {
    throw new Error(`Nom de fichier refusé\u00a0: «\u00a0${name}\u00a0» (lettres, chiffres, . - _ et .pdf à la fin).`);
  }
  return name;
}

function defaultFileName(doc: PrintableDocument, index: number): string {
  if (doc.kind === 'invoice') return invoiceFileName(doc);
  const ref = doc.kind === 'receipt' ? doc.number : doc.kind === 'reminder' || doc.kind === 'decision' ? doc.reference : `${doc.dossierNumber}`;
  return `${doc.kind}-${ref.replace(/[^A-Za-z0-9-]/g, '_')}-${index + 1}.pdf`;
}

function abortError(): Error {
  const error = new Error('Génération interrompue.');
  error.name = 'AbortError';
  return error;
}

interface PoolWorker {
  worker: Worker;
  /** Paths being written by this worker's current task. */
  inFlight: string[];
  busy: boolean;
}

/**
 * Runs tasks on a pool of workers. `next()` hands out the next task (or null when none is left);
 * `onFile` receives each finished file. Resolves when every task is done; rejects on the first
 * error or on abort, after terminating the workers and removing their `.part` files.
 */
async function runPool(
  count: number,
  options: WorkerOptions,
  next: () => { task: WorkerTask; paths: string[] } | null,
  onFile: (file: FileResult) => void,
): Promise<void> {
  const signal = options.signal;
  if (signal?.aborted) throw abortError();
  const fonts: FontBytes = loadFontBytes(options.fontsDir ?? defaultFontsDir());
  const init: WorkerInit = {
    fonts,
    hinting: options.hinting ?? false,
    pdfa: options.pdfa ?? true,
    ...(options.createdAt ? { createdAt: options.createdAt.getTime() } : {}),
  };
  const entry = options.workerFile ?? defaultWorkerEntry();
  const pool: PoolWorker[] = [];

  return new Promise<void>((resolvePromise, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      const partials = pool.flatMap((p) => p.inFlight);
      void Promise.allSettled(pool.map((p) => p.worker.terminate())).then(() => {
        // A worker may have renamed a file just before it was stopped, without its report being
        // read: only reported files count, so remove those too (no file left that is not listed).
        for (const path of partials) {
          rmSync(`${path}.part`, { force: true });
          rmSync(path, { force: true });
        }
        if (error) reject(error);
        else resolvePromise();
      });
    };
    const onAbort = () => finish(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });

    const dispatch = (p: PoolWorker) => {
      if (settled) return;
      const item = next();
      if (!item) {
        p.busy = false;
        p.inFlight = [];
        if (pool.every((w) => !w.busy)) finish();
        return;
      }
      p.busy = true;
      p.inFlight = item.paths;
      p.worker.postMessage(item.task);
    };

    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry, { workerData: init, name: `guichet-pdf-${i + 1}` });
      const p: PoolWorker = { worker, inFlight: [], busy: true };
      pool.push(p);
      worker.on('message', (message: WorkerReply) => {
        if (settled) return;
        if (message.type === 'ready' || message.type === 'task-done') dispatch(p);
        else if (message.type === 'file') {
          p.inFlight = p.inFlight.filter((path) => path !== message.file.path);
          onFile(message.file);
        } else {
          const error = new Error(message.message);
          error.name = message.name === 'DocumentDataError' ? 'DocumentDataError' : 'PdfGenerationError';
          finish(error);
        }
      });
      worker.on('error', (error) => finish(error instanceof Error ? error : new Error(String(error))));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`Un worker PDF s’est arrêté (code ${code}).`));
      });
    }
  });
}

function workerCount(requested: number | undefined, batches: number): number {
  const wanted = requested ?? Math.min(Math.max(availableParallelism(), 2), MAX_WORKERS);
  return Math.max(1, Math.min(wanted, MAX_WORKERS, batches));
}

/**
 * Renders every document to its own PDF in `outDir`, in parallel. Files are complete when
 * listed; `onProgress(done, total)` follows each one.
 */
export async function generateMany<D extends PrintableDocument>(docs: D[], options: GenerateManyOptions<D>): Promise<GenerateManyResult> {
  const started = performance.now();
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const nameOf = options.fileName ?? defaultFileName;
  const names = docs.map((doc, i) => checkFileName(nameOf(doc, i)));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`Deux documents auraient le même fichier\u00a0: ${name}`);
    seen.add(name);
  }
  const combine = options.combine;
  if (combine) checkFileName(combine.fileName);

  const batchSize = Math.max(1, options.batchSize ?? 8);
  const jobs: RenderJob[] = docs.map((doc, index) => ({ index, doc, path: join(outDir, names[index]!) }));
  const tasks: { task: WorkerTask; paths: string[] }[] = [];
  const combinedDocs = combine ? docs.filter((d, i) => combine.select?.(d, i) ?? true) : [];
  const combinedPath = combine ? join(outDir, combine.fileName) : '';
  // The combined file is the longest single task: hand it out first so it runs beside the rest.
  if (combine && combinedDocs.length > 0) {
    tasks.push({
      task: { type: 'combine', docs: combinedDocs, path: combinedPath, duplex: combine.duplex ?? false, ...(combine.title ? { title: combine.title } : {}) },
      paths: [combinedPath],
    });
  }
  for (let i = 0; i < jobs.length; i += batchSize) {
    const batch = jobs.slice(i, i + batchSize);
    tasks.push({ task: { type: 'render', jobs: batch }, paths: batch.map((j) => j.path) });
  }

  const total = docs.length;
  const files = new Array<GeneratedFile | undefined>(total);
  let combinedFile: GeneratedFile | undefined;
  let done = 0;
  options.onProgress?.(0, total);
  const workers = workerCount(options.workers, tasks.length);
  if (tasks.length === 0) return { files: [], workers: 0, elapsedMs: 0 };
  let cursor = 0;
  try {
    await runPool(
      workers,
      options,
      () => tasks[cursor++] ?? null,
      (file) => {
        const generated: GeneratedFile = { ...file, fileName: basename(file.path) };
        if (file.index < 0) {
          combinedFile = generated;
          return;
        }
        files[file.index] = generated;
        done++;
        options.onProgress?.(done, total);
      },
    );
  } catch (error) {
    const finished = files.filter((f): f is GeneratedFile => f !== undefined);
    if (error instanceof Error && error.name === 'AbortError') throw new GenerationAbortedError(finished);
    throw error;
  }
  const result: GenerateManyResult = {
    files: files.filter((f): f is GeneratedFile => f !== undefined),
    workers,
    elapsedMs: Math.round(performance.now() - started),
  };
  if (combinedFile) result.combinedFile = combinedFile;
  return result;
}

/**
 * One PDF to print from several documents (families without e-mail), written to `outFile` by a
 * worker thread (the calling thread — Electron's main process — stays free).
 *  - documents: drawn into one PDF, fonts embedded once, each keeping its « Page i/n »;
 *    `duplex` adds a blank page after odd-length documents so each starts on a recto;
 *  - file paths: their pages copied in order (each keeps its own font subsets: bigger).
 */
export async function combinePrintFile(
  input: PrintableDocument[] | string[],
  outFile: string,
  options: WorkerOptions & { duplex?: boolean; title?: string } = {},
): Promise<GeneratedFile> {
  if (input.length === 0) throw new Error('Aucun document à assembler.');
  const path = isAbsolute(outFile) ? outFile : resolve(outFile);
  mkdirSync(dirname(path), { recursive: true });
  const title = options.title ? { title: options.title } : {};
  const task: WorkerTask =
    typeof input[0] === 'string'
      ? { type: 'merge', files: (input as string[]).map((f) => resolve(f)), path, ...title }
      : { type: 'combine', docs: input as PrintableDocument[], path, duplex: options.duplex ?? false, ...title };
  let result: FileResult | undefined;
  let handed = false;
  await runPool(
    1,
    options,
    () => (handed ? null : ((handed = true), { task, paths: [path] })),
    (file) => {
      result = file;
    },
  );
  if (!result) throw new Error('Le fichier combiné n’a pas été écrit.');
  return { ...result, fileName: basename(result.path) };
}
