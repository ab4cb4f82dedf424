import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER } from '../../main/store/db.js';
import { createFamily } from '../../main/services/families/file.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { familyInput } from '../helpers/fixtures.js';
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

  it('0009 rebuilds the search documents exactly as the services write them', () => {
    const ctx = tempContext();
    try {
      const guardians = familyInput().guardians;
      createFamily(ctx, parseOrThrow(familySchema, familyInput()));
      createFamily(
        ctx,
        parseOrThrow(
          familySchema,
          familyInput({
            familyName: 'N’Diaye',
            guardians: [{ ...guardians[0]!, lastName: 'N’Diaye', phoneMobile: '+33 7 06 21 85 67', phoneWork: '01.43.55.00.00', email: null }],
          }),
        ),
      );
      const documents = () => ctx.store.sqlite.prepare('SELECT rowid, * FROM family_search ORDER BY rowid').all();
      const written = documents();
      const migration = readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, '0009_family_search_columns.sql'), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint')) ctx.store.sqlite.exec(statement);
      expect(documents()).toEqual(written);
      expect(written).toHaveLength(2);
    } finally {
      ctx.dispose();
    }
  });
});
