import type { ImportIssue } from '../../../shared/contract/common.js';
import { AppError } from '../../../shared/contract/errors.js';
import type { DirectoryReport, DirectorySchool } from '../../../shared/contract/schools.js';
import { formatCount } from '../../../shared/domain/money.js';
import { matchKey } from '../../../shared/domain/search.js';
import { looksLikeUai } from '../../../shared/domain/uai.js';
import type { AppContext } from '../../context.js';
import { decodeCsv, readCsvRecords } from '../../store/csv.js';
import { transaction } from '../../store/journal.js';
import { type DirectoryColumn, type DirectoryEntry, readDirectoryHeader, readDirectoryLine } from './directory-format.js';
import { changeSchool, DEFAULT_SERVICE_DAYS, insertSchool, type SchoolRow, schoolRows } from './register.js';

/**
 * Import of the national schools directory (format: directory-format.ts), filtered on one
 * arrondissement. A dry run reports what would be created, updated and left aside, with every
 * problem at its line and column; the import writes only when the lines it keeps are all right,
 * in one transaction. Schools are matched by code (the UAI), or by name for a school entered with
 * a code of the Caisse (it takes the UAI): an import updates the name, kind and address, never
 * the head's name, the service days or the closing an agent entered.
 */

/** The transport carries 30 Mo (the families import's limit too); the national file is larger: filter it first. */
const MAX_BYTES = 30 * 1024 * 1024;
const MAX_LINES = 100_000;

export interface DirectoryImportInput {
  content: Buffer;
  arrondissement: number;
  includePrivate: boolean;
  dryRun: boolean;
}

export function importDirectory(ctx: AppContext, input: DirectoryImportInput): DirectoryReport {
  if (input.content.length > MAX_BYTES) {
    throw AppError.invalid(
      'content',
      'Fichier trop volumineux\u00a0: 30\u00a0Mo au plus. Sur data.education.gouv.fr, filtrez l’annuaire sur la commune (Paris) avant de l’exporter.',
    );
  }
  const { text, encoding } = decodeCsv(input.content);
  // The header plus one line more than allowed: enough to say the file is too long.
  const [header, ...body] = readCsvRecords(text, { delimiter: delimiterOf(text), maxRecords: MAX_LINES + 2 });
  if (!header) throw AppError.invalid('content', 'Le fichier est vide.');
  if (body.length > MAX_LINES) {
    throw AppError.invalid('content', `Fichier trop long\u00a0: ${formatCount(MAX_LINES)} lignes au plus.`);
  }

  const report: DirectoryReport = {
    dryRun: input.dryRun,
    encoding,
    arrondissement: input.arrondissement,
    lines: body.length,
    outside: 0,
    create: [],
    update: [],
    unchanged: 0,
    ignored: [],
    errors: [],
    imported: false,
  };
  const { header: columns, problems } = readDirectoryHeader(header.cells);
  if (problems.length > 0) {
    report.errors = problems.map((p) => ({ line: header.line, ...p }));
    return report;
  }
  const columnName = (column: DirectoryColumn) => columns.get(column)?.name ?? column;

  // Each line of the arrondissement: a school to keep, or why not.
  const kept: { line: number; entry: DirectoryEntry }[] = [];
  const lineOfCode = new Map<string, number>();
  const errors: ImportIssue[] = [];
  for (const record of body) {
    const cell = (column: DirectoryColumn) => {
      const at = columns.get(column)?.index;
      return at === undefined ? '' : (record.cells[at] ?? '');
    };
    const read = readDirectoryLine(cell, input);
    if (read.verdict === 'outside') report.outside++;
    else if (read.verdict === 'ignored') report.ignored.push({ line: record.line, code: read.code, name: read.name, reason: read.reason });
    else if (read.verdict === 'invalid') {
      for (const p of read.problems) errors.push({ line: record.line, column: columnName(p.column), message: p.message });
    } else {
      const first = lineOfCode.get(read.entry.code);
      if (first !== undefined) {
        // The directory gives some establishments one line per site: the first one is the school.
        report.ignored.push({ line: record.line, code: read.entry.code, name: read.entry.name, reason: `Déjà lu ligne ${first} (même identifiant).` });
        continue;
      }
      lineOfCode.set(read.entry.code, record.line);
      kept.push({ line: record.line, entry: read.entry });
    }
  }

  // Compared with the register: by code; a school typed with a code of the Caisse (not a UAI)
  // is recognised by its name, and takes the UAI as its code (its id, children and history stay).
  const stored = schoolRows(ctx);
  const byCode = new Map(stored.map((s) => [s.code, s]));
  const inFile = new Set(kept.map((k) => k.entry.code));
  const byName = new Map(stored.filter((s) => !looksLikeUai(s.code) && !inFile.has(s.code)).map((s) => [matchKey(s.name), s]));
  const planned: { before: SchoolRow | undefined; line: number; entry: DirectoryEntry }[] = [];
  const matched = new Set<string>();
  for (const { line, entry } of kept) {
    const before = byCode.get(entry.code) ?? byName.get(matchKey(entry.name));
    if (before) {
      byName.delete(matchKey(before.name));
      matched.add(before.id);
    }
    const row = reportRow(line, entry, before);
    if (!before) report.create.push(row);
    else if (row.changes.length > 0) report.update.push(row);
    else report.unchanged++;
    if (!before || row.changes.length > 0) planned.push({ before, line, entry });
  }
  errors.push(...nameClashes(stored.filter((s) => !matched.has(s.id)), kept, columnName('name')));
  report.errors = errors.sort((a, b) => a.line - b.line);

  if (report.errors.length > 0 || input.dryRun) return report;
  transaction(ctx, () => {
    for (const { before, entry } of planned) {
      const fields = { code: entry.code, name: entry.name, kind: entry.kind, address: entry.address };
      if (before) changeSchool(ctx, before, fields, 'school.import');
      else insertSchool(ctx, { ...fields, headName: null, serviceWeekdays: DEFAULT_SERVICE_DAYS }, 'school.import');
    }
  });
  report.imported = true;
  return report;
}

/** `;` as the directory's export writes it; `,` or a tab when the header says so. */
function delimiterOf(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => first.split(c).length - 1;
  const best = [';', ',', '\t'].map((c) => ({ c, n: count(c) })).sort((a, b) => b.n - a.n)[0]!;
  return best.n > 0 ? best.c : ';';
}

function reportRow(line: number, entry: DirectoryEntry, before: SchoolRow | undefined): DirectorySchool {
  const changes: DirectorySchool['changes'] = [];
  if (before) {
    for (const field of ['code', 'name', 'kind', 'address'] as const) {
      if (before[field] !== entry[field]) changes.push({ field, before: before[field], after: entry[field] });
    }
  }
  return { line, ...entry, changes, closedOn: before?.closedOn ?? null };
}

/**
 * Two schools may not share a name (accents and case aside): checked on the register as the
 * import would leave it — the schools of the file with the file's names, and `others`, the
 * schools the file does not touch, with theirs.
 */
function nameClashes(others: readonly SchoolRow[], kept: readonly { line: number; entry: DirectoryEntry }[], column: string): ImportIssue[] {
  const holders = new Map<string, { code: string; name: string; line: number | null }[]>();
  const add = (code: string, name: string, line: number | null) => {
    const key = matchKey(name);
    holders.set(key, [...(holders.get(key) ?? []), { code, name, line }]);
  };
  for (const s of others) add(s.code, s.name, null);
  for (const k of kept) add(k.entry.code, k.entry.name, k.line);
  const out: ImportIssue[] = [];
  for (const same of holders.values()) {
    if (same.length < 2) continue;
    for (const h of same) {
      if (h.line === null) continue;
      const others = same.filter((o) => o !== h).map((o) => (o.line === null ? `${o.code} (déjà enregistrée)` : `${o.code} (ligne ${o.line})`));
      out.push({ line: h.line, column, message: `Nom\u00a0: «\u00a0${h.name}\u00a0» est aussi celui de ${others.join(', ')}\u00a0; deux écoles ne peuvent pas porter le même nom.` });
    }
  }
  return out;
}
