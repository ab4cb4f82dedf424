/**
 * The national schools directory, « Annuaire de l’éducation » (data.education.gouv.fr, data set
 * `fr-en-annuaire-education`), as its CSV export writes it: one line per establishment (schools,
 * collèges, lycées, services…) of France, `;` between cells, UTF-8, first line = column names
 * (« Identifiant_de_l_etablissement », « Nom_etablissement »… with « use labels for header »; the
 * API's lower-case names are the same once case is ignored). About seventy columns; the import
 * reads these, in any order (case, accents, spaces and underscores ignored):
 *
 *   Identifiant_de_l_etablissement*  the UAI, « 0751234A »: the school's code in Guichet
 *   Nom_etablissement*               « Ecole maternelle Keller »
 *   Type_etablissement*              « Ecole », « Collège », « Lycée », « EREA »… (only « Ecole » is kept)
 *   Adresse_1*, Code_postal*, Nom_commune*   the address; Nom_commune is « Paris 11e Arrondissement »,
 *                                    or « Paris » alone (the postal code then tells the arrondissement)
 *   Code_commune                     INSEE code, 75111 for the 11e (75056 for Paris as a whole)
 *   Ecole_maternelle, Ecole_elementaire   1/0: maternelle, élémentaire, both = polyvalente (primaire)
 *   libelle_nature                   « ECOLE MATERNELLE », « ECOLE DE NIVEAU ELEMENTAIRE »… (when the
 *                                    two flags say nothing)
 *   Statut_public_prive              « Public » or « Privé » (empty = public)
 *   Type_contrat_prive               « CONTRAT D'ASSOCIATION TOUTES CLASSES », « HORS CONTRAT »…
 *   etat                             « OUVERT »; a closed establishment is left aside
 * (* = the column must be present; Ecole_maternelle and Ecole_elementaire, or libelle_nature, too.)
 */
import type { SchoolKind } from '../../../shared/contract/schools.js';
import { matchKey } from '../../../shared/domain/search.js';
import { isValidUai, looksLikeUai, uaiCheckLetter } from '../../../shared/domain/uai.js';
import { normaliseHeader } from '../../store/csv.js';

/** The columns read, by the name the directory gives them. */
export const DIRECTORY_COLUMNS = {
  uai: 'Identifiant_de_l_etablissement',
  name: 'Nom_etablissement',
  type: 'Type_etablissement',
  sector: 'Statut_public_prive',
  address: 'Adresse_1',
  postalCode: 'Code_postal',
  communeCode: 'Code_commune',
  commune: 'Nom_commune',
  maternelle: 'Ecole_maternelle',
  elementaire: 'Ecole_elementaire',
  nature: 'libelle_nature',
  contract: 'Type_contrat_prive',
  state: 'etat',
} as const;
export type DirectoryColumn = keyof typeof DIRECTORY_COLUMNS;

const REQUIRED: readonly DirectoryColumn[] = ['uai', 'name', 'type', 'address', 'postalCode', 'commune'];
const BY_KEY = new Map<string, DirectoryColumn>(
  (Object.keys(DIRECTORY_COLUMNS) as DirectoryColumn[]).map((c) => [normaliseHeader(DIRECTORY_COLUMNS[c]), c]),
);

/** Where each column read sits in the file, and the name the file gives it (errors name it so). */
export type DirectoryHeader = Map<DirectoryColumn, { index: number; name: string }>;

/** The header's columns, or the French problems that make the file unreadable as a directory. */
export function readDirectoryHeader(cells: readonly string[]): { header: DirectoryHeader; problems: { column: string; message: string }[] } {
  const header: DirectoryHeader = new Map();
  const problems: { column: string; message: string }[] = [];
  cells.forEach((cell, index) => {
    const name = cell.replace(/^\ufeff/, '').trim();
    const column = BY_KEY.get(normaliseHeader(name));
    if (!column) return; // the directory has ~70 columns; the others do not matter here
    if (header.has(column)) problems.push({ column: name, message: `Colonne en double (colonne ${index + 1}).` });
    else header.set(column, { index, name });
  });
  for (const column of REQUIRED) {
    if (!header.has(column)) problems.push({ column: DIRECTORY_COLUMNS[column], message: 'Colonne obligatoire absente.' });
  }
  const hasFlags = header.has('maternelle') && header.has('elementaire');
  if (!hasFlags && !header.has('nature')) {
    problems.push({
      column: DIRECTORY_COLUMNS.maternelle,
      message: `Colonnes ${DIRECTORY_COLUMNS.maternelle} et ${DIRECTORY_COLUMNS.elementaire} (ou ${DIRECTORY_COLUMNS.nature}) absentes\u00a0: le type des écoles (maternelle, élémentaire) est inconnu.`,
    });
  }
  return { header, problems };
}

/**
 * The Paris arrondissement (1–20) of a line, or null outside Paris or when it cannot be told:
 * the INSEE code of the arrondissement (751NN) first, then the commune's name (« Paris 11e
 * Arrondissement », spaces and case as they come), then — when the commune is only « Paris » —
 * the postal code (750NN, 75116 for the 16e).
 */
export function arrondissementOf(communeCode: string, commune: string, postalCode: string): number | null {
  const inParis = (n: number) => (n >= 1 && n <= 20 ? n : null);
  const byCode = /^751(\d\d)$/.exec(communeCode.trim());
  if (byCode) return inParis(Number(byCode[1]));
  const name = matchKey(commune);
  const byName = /^paris (\d{1,2}) ?(?:er|e|eme)? arrondissement$/.exec(name);
  if (byName) return inParis(Number(byName[1]));
  if (name === 'paris' || name === '' || communeCode.trim() === '75056') {
    const postal = postalCode.trim();
    if (postal === '75116') return 16;
    const byPostal = /^750(\d\d)$/.exec(postal);
    if (byPostal) return inParis(Number(byPostal[1]));
  }
  return null;
}

export interface DirectoryEntry {
  code: string;
  name: string;
  kind: SchoolKind;
  address: string;
}

/** What one line of the directory gives for the arrondissement asked. */
export type LineVerdict =
  | { verdict: 'outside' }
  | { verdict: 'ignored'; code: string; name: string; reason: string }
  | { verdict: 'school'; entry: DirectoryEntry }
  | { verdict: 'invalid'; problems: { column: DirectoryColumn; message: string }[] };

export interface ReadOptions {
  arrondissement: number;
  /** Private schools under contract with the State are imported too (never those outside one). */
  includePrivate: boolean;
}

const q = (value: string) => `«\u00a0${value}\u00a0»`;
const tidy = (value: string) => value.replace(/[\s\u00a0]+/g, ' ').trim();

/** One line of the directory: outside the arrondissement, left aside (and why), a school, or its problems. */
export function readDirectoryLine(cell: (column: DirectoryColumn) => string, options: ReadOptions): LineVerdict {
  if (arrondissementOf(cell('communeCode'), cell('commune'), cell('postalCode')) !== options.arrondissement) {
    return { verdict: 'outside' };
  }
  const code = tidy(cell('uai')).toUpperCase();
  const name = schoolName(cell('name'));
  const ignored = (reason: string): LineVerdict => ({ verdict: 'ignored', code, name, reason });

  const type = tidy(cell('type'));
  if (matchKey(type) !== 'ecole') {
    return ignored(`${DIRECTORY_COLUMNS.type} ${q(type || 'vide')}\u00a0: seules les écoles sont importées.`);
  }
  if (matchKey(cell('state')).startsWith('ferme')) return ignored('Fermée dans l’annuaire.');

  const problems: { column: DirectoryColumn; message: string }[] = [];
  const sector = matchKey(cell('sector'));
  if (sector === 'prive') {
    const contract = matchKey(cell('contract'));
    if (contract.includes('hors contrat')) return ignored('École privée hors contrat.');
    if (!contract.includes('contrat')) return ignored('École privée dont l’annuaire ne dit pas le contrat.');
    if (!options.includePrivate) return ignored('École privée sous contrat (option «\u00a0écoles privées sous contrat\u00a0» non cochée).');
  } else if (sector !== '' && sector !== 'public') {
    problems.push({ column: 'sector', message: `Statut inconnu\u00a0: ${q(cell('sector'))} (Public ou Privé).` });
  }

  if (!looksLikeUai(code)) {
    problems.push({ column: 'uai', message: `Identifiant invalide\u00a0: ${q(code)} (l’UAI\u00a0: 7 chiffres et une lettre, par exemple 0751234A).` });
  } else if (!isValidUai(code)) {
    problems.push({
      column: 'uai',
      message: `Identifiant invalide\u00a0: ${q(code)}, la lettre clé de ${code.slice(0, 7)} est ${uaiCheckLetter(code.slice(0, 7))}.`,
    });
  }
  if (name === '') problems.push({ column: 'name', message: 'Nom obligatoire.' });
  else if (name.length > 120) problems.push({ column: 'name', message: 'Nom trop long (120 caractères au plus).' });

  const street = tidy(cell('address'));
  const address = `${street}, ${tidy(`${tidy(cell('postalCode'))} ${cityName(cell('commune'))}`)}`;
  if (street === '') problems.push({ column: 'address', message: 'Adresse obligatoire.' });
  else if (address.length > 200) problems.push({ column: 'address', message: 'Adresse trop longue (200 caractères au plus).' });

  const kind = schoolKind(cell);
  if (kind === null) {
    problems.push({
      column: 'maternelle',
      message: `Type d’école inconnu\u00a0: ni ${DIRECTORY_COLUMNS.maternelle} ni ${DIRECTORY_COLUMNS.elementaire} ne vaut 1, et ${DIRECTORY_COLUMNS.nature} ne dit ni maternelle ni élémentaire.`,
    });
  }
  if (problems.length > 0 || kind === null) return { verdict: 'invalid', problems };
  return { verdict: 'school', entry: { code, name, kind, address } };
}

/** The directory writes « Ecole » without its accent (a capital letter's accent dropped): put it back. */
function schoolName(raw: string): string {
  return tidy(raw).replace(/^Ecole\b/, 'École').replace(/^ECOLE\b/, 'ÉCOLE');
}

/** « Paris 11e Arrondissement » → « Paris » (the postal code already says the arrondissement). */
function cityName(commune: string): string {
  const city = tidy(commune);
  return /^paris\b/.test(matchKey(city)) ? 'Paris' : city;
}

function flag(value: string): boolean {
  return ['1', 'oui', 'o', 'true', 'vrai'].includes(matchKey(value));
}

/** Maternelle, élémentaire or both (polyvalente) from the two flags, else from the nature's label. */
function schoolKind(cell: (column: DirectoryColumn) => string): SchoolKind | null {
  const maternelle = flag(cell('maternelle'));
  const elementaire = flag(cell('elementaire'));
  if (maternelle && elementaire) return 'polyvalente';
  if (maternelle) return 'maternelle';
  if (elementaire) return 'elementaire';
  const nature = matchKey(cell('nature'));
  if (nature.includes('maternelle')) return 'maternelle';
  if (nature.includes('primaire')) return 'polyvalente';
  if (nature.includes('elementaire')) return 'elementaire';
  return null;
}
