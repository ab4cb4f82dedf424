import { AppError } from '../../../shared/contract/errors.js';
import type { ImportIssue } from '../../../shared/contract/common.js';
import { familyInput, type FamilyData, type FamilyInput, type ImportReport } from '../../../shared/contract/families.js';
import { isValidIsoDate, parseFrenchDate } from '../../../shared/domain/dates.js';
import { formatCount } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { asColumn, CHILD_COLUMNS, CSV_COLUMNS, type CsvColumn, isChildColumn, isMobileNumber, MAX_DATA_LINES, MAX_FILE_BYTES, parseDiet, parsePayer, parseRhythm, parseStatus, plainApostrophes, REQUIRED_CHILD_COLUMNS, REQUIRED_COLUMNS } from './csv-format.js';
import { matchKey } from '../../../shared/domain/search.js';
import { unprotectCell } from '../../../shared/domain/spreadsheet.js';
import { type CsvRecord, decodeCsv, readCsvRecords } from '../../store/csv.js';
import { checkSchoolForNewChild } from '../schools/index.js';
import { createFamily } from './file.js';
import { transaction } from '../../store/journal.js';

/**
 * CSV import of family files (format: csv-format.ts). Every line is checked and every problem
 * reported with its line and column; the families are written only when the whole file is
 * right, all in one transaction (all or nothing).
 */

interface CsvLine {
  /** 1-based line number in the file where the record starts (header = 1). */
  line: number;
  cells: Map<CsvColumn, string>;
}

interface FamilyGroup {
  ref: string;
  lines: CsvLine[];
  /** Family-level values: the first non-empty one, and the line it came from. */
  values: Map<CsvColumn, { value: string; line: number }>;
  childLines: CsvLine[];
}

interface PreparedFamily {
  group: FamilyGroup;
  data: FamilyData;
  dossierNumber: number | undefined;
}

class Issues {
  private readonly seen = new Set<string>();
  readonly list: ImportIssue[] = [];

  add(line: number, column: string, message: string): void {
    const key = `${line}|${column}`;
    if (this.seen.has(key)) return; // one message per cell: the first (most precise) one
    this.seen.add(key);
    this.list.push({ line, column, message });
  }

  has(line: number, column: string): boolean {
    return this.seen.has(`${line}|${column}`);
  }

  sorted(): ImportIssue[] {
    const order = new Map<string, number>(CSV_COLUMNS.map((c, i) => [c, i]));
    return [...this.list].sort(
      (a, b) => a.line - b.line || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1),
    );
  }
}

const FAMILY_LEVEL = CSV_COLUMNS.filter((c) => !isChildColumn(c));
const NAME_COLUMNS = new Set<CsvColumn>(['nom_famille', 'rl1_nom', 'rl1_prenom', 'rl2_nom', 'rl2_prenom', 'enfant_nom', 'enfant_prenom']);
const q = (value: string) => `«\u00a0${value}\u00a0»`;

export function importCsv(ctx: AppContext, input: { content: Buffer; dryRun: boolean }): ImportReport {
  if (input.content.length > MAX_FILE_BYTES) {
    throw AppError.invalid('content', 'Fichier trop volumineux\u00a0: 30\u00a0Mo au plus.');
  }
  const { text, encoding } = decodeCsv(input.content);
  // The header plus one line more than allowed: enough to say the file is too long.
  const records = readCsvRecords(text, { delimiter: ';', maxRecords: MAX_DATA_LINES + 2 });
  const issues = new Issues();
  const report = (lines: number, families: number, children: number, imported: boolean): ImportReport => ({
    dryRun: input.dryRun,
    encoding,
    lines,
    families,
    children,
    errors: issues.sorted(),
    imported,
  });

  const [header, ...body] = records;
  if (!header) throw AppError.invalid('content', 'Le fichier est vide.');
  if (body.length > MAX_DATA_LINES) {
    throw AppError.invalid(
      'content',
      `Fichier trop long\u00a0: ${formatCount(MAX_DATA_LINES)} lignes au plus. Découpez-le en plusieurs fichiers.`,
    );
  }
  const columns = readHeader(header, issues);
  const lines = body
    .map((r) => toLine(r, columns, issues))
    .filter((l): l is CsvLine => l !== null);
  if (columns === null) return report(lines.length, 0, 0, false);
  if (lines.length === 0) {
    issues.add(header.line, '', 'Aucune famille dans le fichier\u00a0: il n’a que la ligne des noms de colonnes.');
    return report(0, 0, 0, false);
  }

  const groups = groupFamilies(lines, issues);
  const schools = schoolLookup(ctx);
  const takenNumbers = existingDossierNumbers(ctx);
  const prepared: PreparedFamily[] = [];
  let childCount = 0;
  for (const group of groups) {
    childCount += group.childLines.length;
    const data = validateFamily(group, schools, issues);
    if (data) prepared.push({ group, data, dossierNumber: dossierNumberFor(group.ref, takenNumbers) });
  }

  if (issues.list.length > 0 || input.dryRun) return report(lines.length, groups.length, childCount, false);

  try {
    transaction(ctx, () => {
      // Imposed numbers first, so that the automatic ones (max + 1) never take one of them.
      const ordered = [
        ...prepared.filter((p) => p.dossierNumber !== undefined),
        ...prepared.filter((p) => p.dossierNumber === undefined),
      ];
      for (const family of ordered) {
        try {
          createFamily(
            ctx,
            family.data,
            family.dossierNumber === undefined
              ? { action: 'family.import' }
              : { action: 'family.import', dossierNumber: family.dossierNumber },
          );
        } catch (error) {
          if (error instanceof AppError) {
            for (const issue of error.issues ?? [{ field: error.field ?? '', message: error.message }]) {
              const cell = cellOf(family.group, issue.field.split('.'));
              issues.add(cell.line, cell.column, issue.message);
            }
          }
          throw error;
        }
      }
    });
  } catch (error) {
    if (error instanceof AppError) return report(lines.length, groups.length, childCount, false);
    throw error;
  }
  return report(lines.length, groups.length, childCount, true);
}

/* ---------- reading ---------- */

/** The column of each position, or null when the header is wrong (errors on its line). */
function readHeader(header: CsvRecord, issues: Issues): (CsvColumn | null)[] | null {
  const line = header.line;
  const names = header.cells.map((c) => c.trim());
  if (names.length === 1 && /[,\t]/.test(names[0] ?? '')) {
    issues.add(
      line,
      '',
      'Séparateur non reconnu\u00a0: les colonnes doivent être séparées par des points-virgules (;), comme Excel les enregistre en «\u00a0CSV (séparateur\u00a0: point-virgule)\u00a0».',
    );
    return null;
  }
  const columns: (CsvColumn | null)[] = [];
  const seen = new Set<CsvColumn>();
  names.forEach((name, index) => {
    if (name === '') {
      columns.push(null); // an empty trailing header cell (Excel sometimes leaves one)
      return;
    }
    const column = asColumn(name);
    if (column === null) {
      issues.add(line, name, `Colonne inconnue\u00a0: ${q(name)}.`);
    } else if (seen.has(column)) {
      issues.add(line, column, `Colonne en double (colonne ${index + 1}).`);
    } else {
      seen.add(column);
    }
    columns.push(column);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) issues.add(line, column, 'Colonne obligatoire absente.');
  }
  if (CHILD_COLUMNS.some((c) => seen.has(c))) {
    for (const column of REQUIRED_CHILD_COLUMNS) {
      if (!seen.has(column)) issues.add(line, column, 'Colonne obligatoire dès qu’il y a des enfants.');
    }
  }
  return issues.list.length > 0 ? null : columns;
}

function toLine(record: CsvRecord, columns: (CsvColumn | null)[] | null, issues: Issues): CsvLine | null {
  const values = record.cells.map((c) => unprotectCell(c.trim()).trim());
  if (values.every((v) => v === '')) return null; // « ;;;; » lines Excel leaves behind
  const cells = new Map<CsvColumn, string>();
  if (columns === null) return { line: record.line, cells };
  values.forEach((value, i) => {
    const column = columns[i];
    if (column) {
      cells.set(column, NAME_COLUMNS.has(column) ? plainApostrophes(value) : value);
    } else if (value !== '') {
      if (i >= columns.length) {
        issues.add(record.line, '', `Trop de cellules sur cette ligne (${values.length} pour ${columns.length} colonnes).`);
      } else {
        issues.add(record.line, '', `Cellule ${i + 1} remplie sous une colonne sans nom.`);
      }
    }
  });
  return { line: record.line, cells };
}

function groupFamilies(lines: CsvLine[], issues: Issues): FamilyGroup[] {
  const byRef = new Map<string, FamilyGroup>();
  for (const line of lines) {
    const ref = line.cells.get('ref_famille') ?? '';
    if (ref === '') {
      issues.add(line.line, 'ref_famille', 'Référence famille obligatoire (la même sur toutes les lignes d’une famille).');
      continue;
    }
    let group = byRef.get(ref);
    if (!group) {
      group = { ref, lines: [], values: new Map(), childLines: [] };
      byRef.set(ref, group);
    }
    group.lines.push(line);
    for (const column of FAMILY_LEVEL) {
      const value = line.cells.get(column) ?? '';
      if (value === '') continue;
      const known = group.values.get(column);
      if (!known) {
        group.values.set(column, { value, line: line.line });
      } else if (known.value !== value) {
        issues.add(
          line.line,
          column,
          `Valeur différente de la ligne ${known.line} pour la même famille (ref_famille ${q(ref)})\u00a0: ${q(value)} au lieu de ${q(known.value)}.`,
        );
      }
    }
    if (CHILD_COLUMNS.some((c) => (line.cells.get(c) ?? '') !== '')) group.childLines.push(line);
  }
  return [...byRef.values()];
}

/* ---------- validation ---------- */

interface SchoolLookup {
  byKey: Map<string, string>;
  /** Why a child cannot be placed in the school (closed), or null: the rule of the register. */
  refusal(schoolId: string): string | null;
}

function schoolLookup(ctx: AppContext): SchoolLookup {
  const rows = ctx.store.sqlite.prepare('SELECT id, code, name FROM schools').all() as {
    id: string;
    code: string;
    name: string;
  }[];
  const byKey = new Map<string, string>();
  for (const r of rows) byKey.set(matchKey(r.name), r.id);
  for (const r of rows) byKey.set(matchKey(r.code), r.id); // a code wins over a homonymous name
  const refusal = (schoolId: string) => {
    try {
      checkSchoolForNewChild(ctx, schoolId, 'ecole');
      return null;
    } catch (error) {
      if (error instanceof AppError) return error.message;
      throw error;
    }
  };
  return { byKey, refusal };
}

function existingDossierNumbers(ctx: AppContext): Set<number> {
  const rows = ctx.store.sqlite.prepare('SELECT dossier_number AS n FROM families').all() as { n: number }[];
  return new Set(rows.map((r) => r.n));
}

/** An all-digits reference becomes the dossier number when it is free (in the store and the file). */
function dossierNumberFor(ref: string, taken: Set<number>): number | undefined {
  if (!/^\d{1,9}$/.test(ref)) return undefined;
  const n = Number(ref);
  if (n <= 0 || taken.has(n)) return undefined;
  taken.add(n);
  return n;
}

function validateFamily(group: FamilyGroup, schools: SchoolLookup, issues: Issues): FamilyData | null {
  const firstLine = group.lines[0]?.line ?? 0;
  const value = (column: CsvColumn) => group.values.get(column)?.value ?? '';
  const lineOf = (column: CsvColumn) => group.values.get(column)?.line ?? firstLine;
  const before = issues.list.length;

  const status = parseStatus(value('statut'));
  if (status === null) {
    issues.add(lineOf('statut'), 'statut', `Statut inconnu\u00a0: ${q(value('statut'))} (actif, en attente, radié ou archivé).`);
  }
  const payer = parsePayer(value('payeur'));
  if (payer === null) issues.add(lineOf('payeur'), 'payeur', 'Payeur\u00a0: 1 ou 2.');

  const hasRl2 = (['rl2_nom', 'rl2_prenom', 'rl2_email', 'rl2_telephone'] as const).some((c) => value(c) !== '');
  const hasRl2Address = (['rl2_adresse', 'rl2_complement_adresse', 'rl2_code_postal', 'rl2_ville'] as const).some(
    (c) => value(c) !== '',
  );
  if (payer === 2 && !hasRl2) {
    issues.add(lineOf('payeur'), 'payeur', 'Payeur 2\u00a0: le responsable 2 n’est pas renseigné (rl2_nom, rl2_prenom).');
  }
  if (hasRl2Address && !hasRl2) {
    issues.add(lineOf('rl2_adresse'), 'rl2_adresse', 'Adresse du responsable 2 sans responsable 2 (rl2_nom, rl2_prenom).');
  }

  const guardian = (rank: 1 | 2) => {
    const p = `rl${rank}` as const;
    const phone = value(`${p}_telephone`);
    const mobile = phone !== '' && isMobileNumber(phone);
    return {
      rank,
      lastName: value(`${p}_nom`),
      firstName: value(`${p}_prenom`),
      isPayer: (payer ?? 1) === rank,
      email: value(`${p}_email`),
      phoneMobile: mobile ? phone : null,
      phoneHome: phone !== '' && !mobile ? phone : null,
      phoneWork: null,
      address:
        rank === 2 && hasRl2Address
          ? {
              line1: value('rl2_adresse'),
              line2: value('rl2_complement_adresse'),
              postalCode: value('rl2_code_postal'),
              city: value('rl2_ville'),
            }
          : null,
    };
  };

  const children = group.childLines.map((line) => readChild(line, value('nom_famille'), schools, issues));

  const candidate: FamilyInput = {
    familyName: value('nom_famille'),
    status: status ?? 'active',
    address: {
      line1: value('adresse'),
      line2: value('complement_adresse'),
      postalCode: value('code_postal'),
      city: value('ville'),
    },
    notes: null,
    guardians: hasRl2 ? [guardian(1), guardian(2)] : [guardian(1)],
    children,
  };
  const result = familyInput.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const cell = cellOf(group, issue.path);
      issues.add(cell.line, cell.column, issue.message);
    }
    return null;
  }
  return issues.list.length === before ? result.data : null;
}

function readChild(line: CsvLine, familyName: string, schools: SchoolLookup, issues: Issues) {
  const cell = (column: CsvColumn) => line.cells.get(column) ?? '';
  const date = (column: CsvColumn, what: string, required: boolean): string | null | undefined => {
    const raw = cell(column);
    if (raw === '') {
      if (required) issues.add(line.line, column, `${what} obligatoire (JJ/MM/AAAA).`);
      return required ? undefined : null;
    }
    const iso = parseFrenchDate(raw) ?? (isValidIsoDate(raw) ? raw : null);
    if (iso === null) {
      issues.add(line.line, column, `Date invalide\u00a0: ${q(raw)} (attendu JJ/MM/AAAA, une date qui existe).`);
      return undefined;
    }
    return iso;
  };

  let schoolId: string | null = null;
  const school = cell('ecole');
  if (school !== '') {
    schoolId = schools.byKey.get(matchKey(school)) ?? null;
    const refusal = schoolId === null ? null : schools.refusal(schoolId);
    if (schoolId === null) {
      issues.add(line.line, 'ecole', `École inconnue\u00a0: ${q(school)} (indiquez le code ou le nom exact de l’école).`);
    } else if (refusal !== null) {
      issues.add(line.line, 'ecole', refusal);
    }
  }
  const rhythmText = cell('rythme');
  let weekdays: number[] | undefined = [1, 2, 3, 4, 5];
  if (rhythmText !== '') {
    weekdays = parseRhythm(rhythmText) ?? undefined;
    if (!weekdays) {
      issues.add(
        line.line,
        'rythme',
        `Rythme non compris\u00a0: ${q(rhythmText)} (par exemple «\u00a0L Ma J V\u00a0», «\u00a01,2,4,5\u00a0» ou «\u00a0lun mar jeu ven\u00a0»).`,
      );
    }
  }
  const diet = parseDiet(cell('regime'));
  if (diet === null) issues.add(line.line, 'regime', `Régime inconnu\u00a0: ${q(cell('regime'))} (aucun, sans viande ou PAI).`);

  return {
    lastName: cell('enfant_nom') || familyName,
    firstName: cell('enfant_prenom'),
    birthDate: date('enfant_naissance', 'Date de naissance', true) as string,
    schoolId,
    className: cell('classe'),
    enrolledFrom: date('entree', 'Date d’entrée', true) as string,
    enrolledTo: date('sortie', 'Date de sortie', false) ?? null,
    dietNeed: diet ?? 'none',
    weekdays: weekdays ?? [1, 2, 3, 4, 5],
  };
}

const CHILD_FIELDS: Record<string, CsvColumn> = {
  lastName: 'enfant_nom',
  firstName: 'enfant_prenom',
  birthDate: 'enfant_naissance',
  schoolId: 'ecole',
  className: 'classe',
  enrolledFrom: 'entree',
  enrolledTo: 'sortie',
  dietNeed: 'regime',
  weekdays: 'rythme',
};

const GUARDIAN_FIELDS: Record<string, string> = {
  lastName: 'nom',
  firstName: 'prenom',
  email: 'email',
  phoneMobile: 'telephone',
  phoneHome: 'telephone',
  phoneWork: 'telephone',
};

const ADDRESS_FIELDS: Record<string, string> = {
  line1: 'adresse',
  line2: 'complement_adresse',
  postalCode: 'code_postal',
  city: 'ville',
};

/** The CSV cell (line, column) a field of the family input came from. */
function cellOf(group: FamilyGroup, path: readonly PropertyKey[]): { line: number; column: string } {
  const firstLine = group.lines[0]?.line ?? 0;
  const family = (column: CsvColumn) => ({ line: group.values.get(column)?.line ?? firstLine, column });
  const [head, index, field, sub] = path.map(String);
  if (head === 'familyName') return family('nom_famille');
  if (head === 'status') return family('statut');
  if (head === 'dossierNumber') return family('ref_famille');
  if (head === 'address') return family((ADDRESS_FIELDS[index ?? ''] ?? 'adresse') as CsvColumn);
  if (head === 'guardians' && index !== undefined) {
    const prefix = index === '1' ? 'rl2' : 'rl1';
    if (field === 'isPayer' || field === 'rank') return family('payeur');
    if (field === 'address') return family(`${prefix}_${ADDRESS_FIELDS[sub ?? ''] ?? 'adresse'}` as CsvColumn);
    return family(`${prefix}_${GUARDIAN_FIELDS[field ?? ''] ?? 'nom'}` as CsvColumn);
  }
  if (head === 'children') {
    const line = group.childLines[Number(index)] ?? group.childLines[group.childLines.length - 1];
    const column = CHILD_FIELDS[field ?? ''] ?? 'enfant_prenom';
    if (field === 'lastName' && line && (line.cells.get('enfant_nom') ?? '') === '') return family('nom_famille');
    return { line: line?.line ?? firstLine, column };
  }
  return { line: firstLine, column: 'ref_famille' };
}
