import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER } from '../../main/store/db.js';
import { tempContext } from '../helpers/temp-context.js';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

describe('migrations', () => {
  const journal = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;

  it('have journal timestamps that only grow (drizzle skips a migration older than the last applied)', () => {
    for (let i = 1; i < journal.entries.length; i++) {
      expect(journal.entries[i]!.when, journal.entries[i]!.tag).toBeGreaterThan(journal.entries[i - 1]!.when);
      expect(journal.entries[i]!.idx).toBe(i);
    }
  });

  it('ship one SQL file per journal entry', () => {
    const files = readdirSync(DEFAULT_MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
  });

  it('apply to an empty store with the pragmas DESIGN.md asks for, and again without change', () => {
    const ctx = tempContext();
    try {
      const { sqlite } = ctx.store;
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
      const applied = (sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
      expect(applied).toBe(journal.entries.length);
      const tokenizer = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'family_search'").get() as { sql: string };
      expect(tokenizer.sql).toContain('remove_diacritics 2');
    } finally {
      ctx.dispose();
    }
  });
});
