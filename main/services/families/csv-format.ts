/**
 * The family CSV file, read by the import and written by the export (the same columns, so an
 * export re-imports as is).
 *
 * Format — as Excel in France writes « CSV (séparateur : point-virgule) »:
 * - separator `;`; fields may be quoted with `"` (a quoted field may hold `;`, `"` doubled, or a
 *   line break); lines end with CRLF or LF; empty lines are ignored;
 * - encoding UTF-8 (with or without BOM) or Windows-1252 (detected: a file that is not valid UTF-8
 *   is read as Windows-1252); the export writes UTF-8 with BOM and CRLF;
 * - dates JJ/MM/AAAA (AAAA-MM-JJ also read);
 * - one line per child; a family without a child is one line with the child columns empty;
 * - the lines of one family share `ref_famille` (any text, e.g. an old dossier number; when it is
 *   all digits and that dossier number is free, it becomes the family's dossier number, otherwise
 *   the next free number is given). The export writes the dossier number there;
 * - first line = column names, in any order, case and accents ignored (`Réf famille` =
 *   `ref_famille`); an unknown column is an error.
 *
 * Columns (* = the column must be present):
 *   ref_famille*, nom_famille*, adresse*, complement_adresse, code_postal*, ville*,
 *   rl1_nom*, rl1_prenom*, rl1_email, rl1_telephone, rl2_nom, rl2_prenom, rl2_email, rl2_telephone,
 *   payeur (1 or 2, default 1),
 *   enfant_nom (empty = nom_famille), enfant_prenom, enfant_naissance, ecole (school code or exact
 *   name, case and accents ignored; empty = no school yet), classe, entree (first day eaten),
 *   sortie (empty = still enrolled), rythme (« L M J V », « L Ma Me J V », « 1,2,4,5 »,
 *   « lun mar jeu ven », « lun., mar., jeu., ven. », « tous les jours »; a rhythm written with `;`
 *   must be quoted; empty = Monday to Friday), regime (empty/« aucun », « sans viande », « PAI »);
 *   enfant_prenom, enfant_naissance and entree must be present as soon as one child column is.
 * Optional columns the export also writes, so that nothing is lost in a round trip:
 *   statut (« actif » by default, « en attente », « radié », « archivé »),
 *   rl2_adresse, rl2_complement_adresse, rl2_code_postal, rl2_ville (the second guardian's own
 *   address in shared custody; empty = lives at the family's address).
 * Names: typographic apostrophes (N’Diaye) are read as the plain one (N'Diaye).
 * Telephones: one per guardian; on import a number starting 06/07 (or +336/+337) is the mobile,
 * any other the landline; the export writes the mobile, else the landline, else the work number.
 * Family columns (everything but the child columns) must agree on every line of one family; a
 * cell left empty on a later line takes the family's value.
 * Limits: 30 Mo and 50 000 lines per file. The import is all or nothing.
 * Spreadsheet formulas: the export puts an apostrophe before a cell starting with = + - @, a tab
 * or a carriage return, unless the cell is wholly a number or a phone number (+33…); the import
 * removes that apostrophe again (`shared/domain/spreadsheet.ts`).
 */
import type { DietNeed, FamilyStatus } from '../../../shared/contract/families.js';
import { matchKey } from '../../../shared/domain/search.js';
import { formatWeekdays, parseWeekdays } from '../../../shared/domain/weekdays.js';
import { normaliseHeader } from '../../store/csv.js';

const FAMILY_COLUMNS = [
  'ref_famille',
  'nom_famille',
  'adresse',
  'complement_adresse',
  'code_postal',
  'ville',
  'rl1_nom',
  'rl1_prenom',
  'rl1_email',
  'rl1_telephone',
  'rl2_nom',
  'rl2_prenom',
  'rl2_email',
  'rl2_telephone',
  'payeur',
] as const;

export const CHILD_COLUMNS = [
  'enfant_nom',
  'enfant_prenom',
  'enfant_naissance',
  'ecole',
  'classe',
  'entree',
  'sortie',
  'rythme',
  'regime',
] as const;

/** Optional family-level columns, after the standard ones. */
const EXTRA_COLUMNS = ['statut', 'rl2_adresse', 'rl2_complement_adresse', 'rl2_code_postal', 'rl2_ville'] as const;

/** Every column, in the order the export writes them. */
export const CSV_COLUMNS = [...FAMILY_COLUMNS, ...CHILD_COLUMNS, ...EXTRA_COLUMNS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly CsvColumn[] = [
  'ref_famille',
  'nom_famille',
  'adresse',
  'code_postal',
  'ville',
  'rl1_nom',
  'rl1_prenom',
];

/** Needed as soon as the file has one child column. */
export const REQUIRED_CHILD_COLUMNS: readonly CsvColumn[] = ['enfant_prenom', 'enfant_naissance', 'entree'];

const CHILD_SET = new Set<string>(CHILD_COLUMNS);
export function isChildColumn(column: CsvColumn): boolean {
  return CHILD_SET.has(column);
}

export const MAX_FILE_BYTES = 30 * 1024 * 1024;
export const MAX_DATA_LINES = 50_000;

const KNOWN = new Set<string>(CSV_COLUMNS);
export function asColumn(name: string): CsvColumn | null {
  const key = normaliseHeader(name);
  return KNOWN.has(key) ? (key as CsvColumn) : null;
}

/** Names typed in Word or Excel get typographic apostrophes: the name rule wants the plain one. */
export function plainApostrophes(name: string): string {
  return name.replace(/[’‘ʼ`´]/g, "'");
}

const DIETS: Record<string, DietNeed> = {
  '': 'none',
  aucun: 'none',
  non: 'none',
  none: 'none',
  'sans viande': 'no_meat',
  'repas sans viande': 'no_meat',
  no_meat: 'no_meat',
  pai: 'pai',
  "pai (projet d'accueil individualise)": 'pai',
};

export function parseDiet(value: string): DietNeed | null {
  return DIETS[matchKey(value)] ?? null;
}

export function formatDiet(diet: DietNeed): string {
  if (diet === 'no_meat') return 'sans viande';
  if (diet === 'pai') return 'PAI';
  return '';
}

const STATUSES: Record<string, FamilyStatus> = {
  '': 'active',
  actif: 'active',
  active: 'active',
  'en attente': 'pending',
  'en attente de validation': 'pending',
  pending: 'pending',
  radie: 'radiated',
  radiated: 'radiated',
  archive: 'archived',
  archived: 'archived',
};

export function parseStatus(value: string): FamilyStatus | null {
  return STATUSES[matchKey(value)] ?? null;
}

export function formatStatus(status: FamilyStatus): string {
  return { active: 'actif', pending: 'en attente', radiated: 'radié', archived: 'archivé' }[status];
}

/** `''` → 1; `1`/`2` (also « RL1 », « RL2 »). */
export function parsePayer(value: string): 1 | 2 | null {
  const v = matchKey(value).replace(/^rl\s*/, '');
  if (v === '' || v === '1') return 1;
  if (v === '2') return 2;
  return null;
}

/**
 * A rhythm as typed in a spreadsheet (see parseWeekdays). « M » alone is read as mardi, as the
 * letters L M Me J V go (parseWeekdays itself only knows « ma »).
 */
export function parseRhythm(value: string): number[] | null {
  const direct = parseWeekdays(value);
  if (direct) return direct;
  const withM = value.replace(/(^|[\s,;/+-])[mM](?=$|[\s,;/+-])/g, '$1ma');
  return withM === value ? null : parseWeekdays(withM);
}

/** « lun., mar., jeu., ven. » or « tous les jours »: what parseRhythm reads back. */
export function formatRhythm(days: readonly number[]): string {
  return days.length === 0 ? '' : formatWeekdays(days);
}

/** Mobile numbers go to the mobile field, any other number to the landline. */
export function isMobileNumber(phone: string): boolean {
  const digits = phone.replace(/[\s.-]/g, '');
  return /^0[67]/.test(digits) || /^\+33[67]/.test(digits);
}
