import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import { documentsFolder } from '../../store/files.js';
import { audit, transaction } from '../../store/journal.js';
import { all } from '../../store/sql.js';
import { decodeHlc } from '../../../shared/domain/hlc.js';

/**
 * The sweep of the documents folder (issue 9, « Restauration et sauvegardes »). An upload writes its
 * file, then indexes it in one transaction, and removes the file when that transaction fails
 * (file-store.ts); a crash between the two, or a PDF job whose indexing failed, can still leave a
 * file that no `documents` row names. The sweep lists them and removes those older than an hour: a
 * younger file may belong to a transaction in flight, and a `.part` to a write under way (both
 * are only reported). Rows whose file is missing are reported, never changed; a row that came from
 * another desk by sync, whose file is simply not fetched yet, is listed apart (`notFetched`), not
 * as missing. A real sweep is audited (`documents.sweep`), even when it removes nothing.
 */

/** A file younger than this may be written by a transaction that has not committed yet. */
export const SWEEP_MIN_AGE_MS = 60 * 60 * 1000;

export interface SweepFile {
  /** Relative to `documents/`, with `/`. */
  path: string;
  size: number;
  modifiedAt: string;
}

export interface SweepResult {
  dryRun: boolean;
  /** Files that no row names, old enough: removed (or to remove, in a dry run). */
  strays: SweepFile[];
  /** Files that no row names but kept: too young, or `.part` (a write under way). */
  kept: (SweepFile & { reason: 'recent' | 'partial' })[];
  /** Rows written on this desk whose file is not in `documents/` (reported only). */
  missing: { id: string; storedName: string; kind: string }[];
  /** Rows from another desk whose file is not fetched yet (it will be: neither missing nor touched). */
  notFetched: { id: string; storedName: string; kind: string }[];
  /** Files actually removed (none in a dry run). */
  removed: number;
}

/** Every regular file under `folder`, relative to it with `/`. */
function listFiles(folder: string, prefix = ''): { path: string; absolute: string }[] {
  const files: { path: string; absolute: string }[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const absolute = join(folder, entry.name);
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFiles(absolute, path));
    else if (entry.isFile()) files.push({ path, absolute });
  }
  return files;
}

/** A row's file relative to `documents/`: uploads are named from it, generated PDFs from the data folder. */
const underDocuments = (storedName: string): string => (storedName.startsWith('documents/') ? storedName.slice('documents/'.length) : storedName);

export function sweepDocuments(ctx: AppContext, options: { dryRun?: boolean; now?: number } = {}): SweepResult {
  const dryRun = options.dryRun === true;
  const now = options.now ?? Date.now();
  const root = documentsFolder(ctx);
  // Files first, then the index: a file committed meanwhile is found indexed.
  const files = existsSync(root) ? listFiles(root) : [];
  // Where each row was written: the node in the clock of its `stored_name` (set when it was made).
  const rows = all<{ id: string; stored_name: string; kind: string; hlc: string | null }>(
    ctx,
    `SELECT d.id, d.stored_name, d.kind, c.hlc FROM documents d
       LEFT JOIN sync_field_clocks c ON c.entity = 'documents' AND c.row_id = d.id AND c.field = 'stored_name'
      ORDER BY d.stored_name`,
  );
  const indexed = new Set(rows.map((r) => underDocuments(r.stored_name)));
  const present = new Set(files.map((f) => f.path));

  const strays: (SweepFile & { absolute: string })[] = [];
  const kept: SweepResult['kept'] = [];
  for (const file of files) {
    if (indexed.has(file.path)) continue;
    let stat;
    try {
      stat = statSync(file.absolute);
    } catch {
      continue; // removed meanwhile
    }
    const described = { path: file.path, size: stat.size, modifiedAt: new Date(stat.mtimeMs).toISOString() };
    if (file.path.endsWith('.part')) kept.push({ ...described, reason: 'partial' });
    else if (now - stat.mtimeMs < SWEEP_MIN_AGE_MS) kept.push({ ...described, reason: 'recent' });
    else strays.push({ ...described, absolute: file.absolute });
  }
  const absent = rows.filter((r) => !present.has(underDocuments(r.stored_name)));
  const fromElsewhere = (r: { hlc: string | null }) => r.hlc !== null && decodeHlc(r.hlc).node !== ctx.clock.node;
  const listed = (r: (typeof rows)[number]) => ({ id: r.id, storedName: r.stored_name, kind: r.kind });
  const missing = absent.filter((r) => !fromElsewhere(r)).map(listed);
  const notFetched = absent.filter(fromElsewhere).map(listed);

  let removed = 0;
  if (!dryRun) {
    for (const stray of strays) {
      rmSync(stray.absolute, { force: true });
      removed++;
    }
    transaction(ctx, () =>
      audit(ctx, {
        action: 'documents.sweep',
        entity: 'documents',
        entityId: 'sweep',
        familyId: null,
        before: null,
        after: { removed: strays.map((s) => s.path), kept: kept.length, missing: missing.map((m) => m.storedName) },
      }),
    );
  }
  return { dryRun, strays: strays.map(({ absolute: _absolute, ...file }) => file), kept, missing, notFetched, removed };
}
