import type { AppContext } from '../../context.js';
import { phoneDigits } from '../../../shared/domain/search.js';
import { prepared } from '../../store/sql.js';

interface IndexSource {
  rowid: number;
  dossier_number: number;
  family_name: string;
}

/**
 * Rewrites a family's search document and list summary from its current rows. Called inside the
 * transaction of every write that touches the family, so the index never disagrees with the data.
 */
export function reindexFamily(ctx: AppContext, familyId: string): void {
  const { sqlite } = ctx.store;
  const family = prepared(sqlite, 'SELECT rowid, dossier_number, family_name FROM families WHERE id = ?').get(
    familyId,
  ) as IndexSource | undefined;
  if (!family) return;
  const gs = prepared(
    sqlite,
    'SELECT first_name, last_name, email, phone_mobile, phone_home, phone_work, is_payer FROM guardians WHERE family_id = ? ORDER BY rank',
  ).all(familyId) as {
    first_name: string;
    last_name: string;
    email: string | null;
    phone_mobile: string | null;
    phone_home: string | null;
    phone_work: string | null;
    is_payer: number;
  }[];
  const cs = prepared(sqlite, 'SELECT first_name, last_name FROM children WHERE family_id = ? ORDER BY birth_date').all(
    familyId,
  ) as { first_name: string; last_name: string }[];

  const phones = gs.flatMap((g) => [g.phone_mobile, g.phone_home, g.phone_work]).filter((p): p is string => !!p);
  // One column per field, so that a search ranks the family's name before its guardians and
  // children (searchFamilies); the migration 0009 builds the same documents.
  const words = (values: string[]) => values.filter(Boolean).join(' ');
  prepared(sqlite, 'DELETE FROM family_search WHERE rowid = ?').run(family.rowid);
  prepared(sqlite, 'INSERT INTO family_search (rowid, family_name, guardians, children, other) VALUES (?, ?, ?, ?, ?)').run(
    family.rowid,
    family.family_name,
    words(gs.flatMap((g) => [g.first_name, g.last_name])),
    words(cs.flatMap((c) => [c.first_name, c.last_name])),
    words([String(family.dossier_number), ...gs.map((g) => g.email ?? ''), ...phones.flatMap((p) => [p, phoneDigits(p)])]),
  );

  const payer = gs.find((g) => g.is_payer) ?? gs[0];
  prepared(
    sqlite,
    `INSERT INTO family_summaries (family_id, guardians, children, child_count, email, phone)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(family_id) DO UPDATE SET guardians = excluded.guardians, children = excluded.children,
         child_count = excluded.child_count, email = excluded.email, phone = excluded.phone`,
  ).run(
    familyId,
    gs.map((g) => `${g.first_name} ${g.last_name}`).join(' · '),
    cs.map((c) => (c.last_name === family.family_name ? c.first_name : `${c.first_name} ${c.last_name}`)).join(', '),
    cs.length,
    payer?.email ?? null,
    payer ? (payer.phone_mobile ?? payer.phone_home ?? payer.phone_work) : null,
  );
}
