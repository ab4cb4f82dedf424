import type { PrintableDocument } from '../../shared/print/index.js';
import type { FontBytes } from './fonts.js';

/** Messages between the pool (pool.ts) and its workers (worker.ts). Plain, structured-clonable data. */

export interface WorkerInit {
  fonts: FontBytes;
  hinting: boolean;
  pdfa: boolean;
  /** ms since epoch; absent = the time of each rendering. */
  createdAt?: number;
}

export interface RenderJob {
  index: number;
  doc: PrintableDocument;
  /** Final path; the worker writes `${path}.part` then renames it. */
  path: string;
}

export type WorkerTask =
  | { type: 'render'; jobs: RenderJob[] }
  | { type: 'combine'; docs: PrintableDocument[]; path: string; duplex: boolean; title?: string }
  | { type: 'merge'; files: string[]; path: string; title?: string };

/** What a finished file is: written completely, its size, page count and SHA-256. */
export interface FileResult {
  index: number;
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'file'; file: FileResult }
  | { type: 'task-done' }
  | { type: 'error'; index: number | null; message: string; name: string };
