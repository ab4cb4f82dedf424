/**
 * Search normalisation shared by the store (what is indexed) and the screens (what is typed).
 * The FTS5 index uses `unicode61 remove_diacritics 2`; we fold the same way here so a query and a
 * document agree: lower case, no accents, punctuation as separators, digits of phone numbers kept
 * together.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Case- and accent-insensitive key with spaces collapsed (school names, statuses, diets). */
export function matchKey(value: string): string {
  return foldText(value)
    .replace(/[’']/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** « +33 7 06 21 85 67 » → « 07 06 21 85 67 »: a French number typed in its international form. */
function nationalPhone(text: string): string {
  return text.replace(/\+33[\s.-]*(?:\(0\))?[\s.-]*(\d)/g, '0$1');
}

/** Splits a typed query into search tokens (letters and digits only). */
export function queryTokens(query: string): string[] {
  return foldText(nationalPhone(query))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/**
 * A safe FTS5 MATCH expression: every token as a quoted prefix, all required.
 * Quoting makes user input inert (no FTS operators can be injected). Empty when nothing to search.
 */
export function toFtsQuery(query: string): string {
  return queryTokens(query).map(ftsPrefix).join(' AND ');
}

/**
 * A MATCH expression true when ANY token is a prefix of a word of one column (`{column} : (…)`),
 * or the whole word with `word`,
 * to rank results by the field that matched. Empty when nothing to search.
 */
export function toFtsAnyInColumn(query: string, column: string, match: 'prefix' | 'word' = 'prefix'): string {
  const tokens = queryTokens(query);
  const term = match === 'prefix' ? ftsPrefix : ftsWord;
  return tokens.length === 0 ? '' : `{${column}} : (${tokens.map(term).join(' OR ')})`;
}

function ftsWord(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function ftsPrefix(token: string): string {
  return `${ftsWord(token)}*`;
}

/** Phone numbers are indexed as digits only too, so « 06 12 34 » and « 061234 » both find them. */
export function phoneDigits(phone: string): string {
  return nationalPhone(phone).replace(/\D+/g, '');
}
