import type { AppContext } from '../../main/context.js';
import { searchFamilies } from '../../main/services/families/search.js';
import { queryTokens, toFtsQuery } from '../../shared/domain/search.js';
import { mulberry32 } from '../../shared/domain/random.js';
import { percentile, round, timeEach } from './stats.js';

/**
 * Family search as the screen calls it, over queries an agent types: growing prefixes of real
 * names (« d », « du », « dup », … as each keystroke sends one), first names, e-mails, phone
 * numbers and dossier numbers taken from the data. Baseline: a bare FTS5 MATCH for the same
 * queries (ids only, no join, no ordering), in the same run.
 */
export function benchSearch(ctx: AppContext): Record<string, number> {
  const { sqlite } = ctx.store;
  const random = mulberry32(2026);
  const sample = sqlite
    .prepare(
      `SELECT f.family_name AS name, f.dossier_number AS dossier, g.first_name AS first, g.email AS email, g.phone_mobile AS phone
       FROM families f JOIN guardians g ON g.family_id = f.id AND g.rank = 1 ORDER BY f.dossier_number`,
    )
    .all() as { name: string; dossier: number; first: string; email: string | null; phone: string | null }[];
  const pick = () => sample[Math.floor(random() * sample.length)]!;
  const queries: string[] = [];
  for (let i = 0; i < 60; i++) {
    const name = pick().name;
    for (let n = 1; n <= Math.min(name.length, 6); n++) queries.push(name.slice(0, n));
  }
  for (let i = 0; i < 100; i++) {
    const f = pick();
    queries.push(`${f.first} ${f.name.slice(0, 3)}`);
    queries.push(String(f.dossier));
    if (f.email) queries.push(f.email.split('@')[0]!);
    if (f.phone) queries.push(f.phone.slice(0, 8));
  }
  queries.push('elodie', 'élodie', 'ELODIE');

  const search = (query: string) => searchFamilies(ctx, { query, scope: 'current', limit: 50_000 });
  const bare = sqlite.prepare('SELECT rowid FROM family_search WHERE family_search MATCH ?');
  const baseline = (query: string) => bare.all(toFtsQuery(query));
  // Warm both paths (statement cache, page cache) before measuring.
  timeEach(queries.slice(0, 50), search);
  timeEach(queries.slice(0, 50), baseline);
  const times = timeEach(queries, search);
  const baseTimes = timeEach(queries, baseline);
  const long = queries.filter((q) => queryTokens(q).some((t) => t.length >= 3));
  return {
    search_queries: queries.length,
    search_p95_ms: round(percentile(times, 95)),
    search_p50_ms: round(percentile(times, 50)),
    search_baseline_p95_ms: round(percentile(baseTimes, 95)),
    search_p95_ms_3chars: round(percentile(timeEach(long, search), 95)),
    search_max_ms: round(Math.max(...times)),
  };
}
