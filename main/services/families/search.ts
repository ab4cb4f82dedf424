import type { OpParsedInput } from '../../../shared/contract/operations.js';
import type { SearchScope, FamilyRow } from '../../../shared/contract/families.js';
import { toFtsAnyInColumn, toFtsQuery } from '../../../shared/domain/search.js';
import type { AppContext } from '../../context.js';

const SCOPE_SQL: Record<SearchScope, string> = {
  current: "f.status IN ('active', 'pending')",
  all: '1 = 1',
  active: "f.status = 'active'",
  pending: "f.status = 'pending'",
  radiated: "f.status = 'radiated'",
  archived: "f.status = 'archived'",
};

const COLUMNS = `f.id AS id, f.dossier_number AS dossierNumber, f.family_name AS familyName, f.status AS status,
  s.guardians AS guardians, s.children AS children, s.child_count AS childCount, s.email AS email,
  s.phone AS phone, f.postal_code AS postalCode`;

/**
 * A typed query shows at most this many files (the agent narrows the search; the count says how
 * many matched). The empty query lists the whole scope for the virtualised list.
 */
const SEARCH_RESULT_CAP = 300;

/**
 * Family search over names, guardians, children, e-mail, phones and dossier number (FTS5,
 * accent- and case-insensitive, every word a prefix). An empty query lists the scope.
 * Results ranked by the field that matched — the family's name (a whole word of it before the
 * start of one: MARTIN before MARTINEZ), then a guardian's name, then the rest (children, e-mail,
 * phone, number) — and in name order inside each rank, so that « martin »
 * lists the MARTIN files before a child called Martin elsewhere, and the list does not jump
 * around as the agent types.
 */
export function searchFamilies(
  ctx: AppContext,
  input: OpParsedInput<'families.search'>,
): { total: number; rows: FamilyRow[]; capped: boolean } {
  const { sqlite } = ctx.store;
  const scope = SCOPE_SQL[input.scope];
  const match = toFtsQuery(input.query);
  if (!match) {
    const rows = sqlite
      .prepare(
        `SELECT ${COLUMNS} FROM families f JOIN family_summaries s ON s.family_id = f.id
         WHERE ${scope} ORDER BY f.family_name, f.dossier_number LIMIT ?`,
      )
      .all(input.limit) as FamilyRow[];
    const total =
      rows.length < input.limit
        ? rows.length
        : (sqlite.prepare(`SELECT COUNT(*) AS n FROM families f WHERE ${scope}`).get() as { n: number }).n;
    return { total, rows, capped: false };
  }
  const limit = Math.min(input.limit, SEARCH_RESULT_CAP);
  const rows = sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM family_search
       JOIN families f ON f.rowid = family_search.rowid
       JOIN family_summaries s ON s.family_id = f.id
       WHERE family_search MATCH ? AND ${scope}
       ORDER BY CASE
           WHEN f.rowid IN (SELECT rowid FROM family_search WHERE family_search MATCH ?) THEN 0
           WHEN f.rowid IN (SELECT rowid FROM family_search WHERE family_search MATCH ?) THEN 1
           WHEN f.rowid IN (SELECT rowid FROM family_search WHERE family_search MATCH ?) THEN 2
           ELSE 3
         END, f.family_name, f.dossier_number
       LIMIT ?`,
    )
    .all(
      match,
      toFtsAnyInColumn(input.query, 'family_name', 'word'),
      toFtsAnyInColumn(input.query, 'family_name'),
      toFtsAnyInColumn(input.query, 'guardians'),
      limit + 1,
    ) as FamilyRow[];
  const more = rows.length > limit;
  if (more) rows.pop();
  const total = more
    ? (
        sqlite
          .prepare(
            `SELECT COUNT(*) AS n FROM family_search JOIN families f ON f.rowid = family_search.rowid
             WHERE family_search MATCH ? AND ${scope}`,
          )
          .get(match) as { n: number }
      ).n
    : rows.length;
  return { total, rows, capped: more };
}
