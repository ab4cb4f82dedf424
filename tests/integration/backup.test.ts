import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { createContext, DB_FILE_NAME } from '../../main/context.js';
import { backup, restore } from '../../main/store/backup.js';
import { DEFAULT_MIGRATIONS_FOLDER } from '../../main/store/db.js';
import { createFamily } from '../../main/services/families/file.js';
import { searchFamilies } from '../../main/services/families/search.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

type Ctx = ReturnType<typeof tempContext>;
let ctx: Ctx;
let scratch: string;

beforeEach(() => {
  ctx = tempContext();
  scratch = mkdtempSync(join(tmpdir(), 'guichet-backup-'));
});
afterEach(() => {
  ctx.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const add = (target: Ctx | ReturnType<typeof createContext>, familyName: string) =>
  createFamily(target, familySchema.parse(familyInput({ familyName })));
const names = (target: { store: Ctx['store'] } & Parameters<typeof searchFamilies>[0]) =>
  searchFamilies(target, { query: '', scope: 'all', limit: 100 }).rows.map((r) => r.familyName);

describe('backup', () => {
  it('copies the live store into one self-contained file, and refuses to overwrite one', async () => {
    add(ctx, 'Martin');
    const dest = join(scratch, 'sauvegarde.sqlite');
    const result = await backup(ctx, dest);
    expect(result.file).toBe(dest);
    expect(result.bytes).toBeGreaterThan(0);
    expect(existsSync(`${dest}-wal`)).toBe(false);
    const copy = new Database(dest, { readonly: true });
    expect((copy.prepare('SELECT family_name FROM families').all() as { family_name: string }[]).map((r) => r.family_name)).toEqual(['Martin']);
    copy.close();

    add(ctx, 'Dupont');
    await expect(backup(ctx, dest)).rejects.toThrow(/existe déjà/);
    await backup(ctx, dest, { force: true });
    const again = new Database(dest, { readonly: true });
    expect((again.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n).toBe(2);
    again.close();
    expect(readdirSync(scratch)).toEqual(['sauvegarde.sqlite']); // no partial file left
  });
});

describe('restore', () => {
  it('puts a backup in place, keeps the previous store beside it, and the store opens', async () => {
    add(ctx, 'Martin');
    const saved = join(scratch, 'sauvegarde.sqlite');
    await backup(ctx, saved);
    add(ctx, 'Dupont'); // after the backup: lost by the restore, kept in the previous file
    ctx.store.close();

    const result = await restore(ctx.dataDir, saved, { now: new Date('2026-11-27T06:14:03Z') });
    expect(result.restoredFrom).toBe(saved);
    expect(result.previousFile).toBe(join(ctx.dataDir, `${DB_FILE_NAME}.avant-restauration-2026-11-27T07-14-03`));
    expect(result.migrationsApplied).toBe(0);
    expect(existsSync(result.previousFile!)).toBe(true);

    const reopened = createContext({ dataDir: ctx.dataDir, today: () => '2026-03-15' });
    expect(names(reopened)).toEqual(['Martin']);
    reopened.store.close();
    const previous = new Database(result.previousFile!, { readonly: true });
    expect((previous.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n).toBe(2);
    previous.close();
    ctx.store = createContext({ dataDir: ctx.dataDir }).store; // for dispose()
  });

  it('restores into an empty data folder, and applies the migrations a backup lacks', async () => {
    add(ctx, 'Martin');
    const saved = join(scratch, 'ancienne.sqlite');
    await backup(ctx, saved);
    // Pretend the backup comes from the version before the newest migration: undo what that
    // migration creates (tables and indexes) and forget that it ran.
    const created = newestMigrationObjects();
    const old = new Database(saved);
    // Triggers first (they name tables), then indexes (they name columns), then tables and columns.
    const order = ['TRIGGER', 'INDEX', 'TABLE', 'COLUMN'];
    for (const { kind, name, table } of [...created].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
      old.exec(kind === 'COLUMN' ? `ALTER TABLE \`${table}\` DROP COLUMN \`${name}\`` : `DROP ${kind} IF EXISTS \`${name}\``);
    }
    old.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT MAX(created_at) FROM __drizzle_migrations)').run();
    old.close();

    const empty = mkdtempSync(join(tmpdir(), 'guichet-restore-'));
    try {
      const result = await restore(empty, saved);
      expect(result.previousFile).toBeNull();
      expect(result.migrationsApplied).toBe(1);
      const db = new Database(join(empty, DB_FILE_NAME), { readonly: true });
      for (const { kind, name, table } of created) {
        const found = kind === 'COLUMN' ? db.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name = ?`).get(name) : db.prepare('SELECT name FROM sqlite_master WHERE name = ?').get(name);
        expect(found, name).toBeDefined();
      }
      db.close();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not a Guichet store, and leaves the current store untouched', async () => {
    add(ctx, 'Martin');
    ctx.store.close();
    const text = join(scratch, 'notes.sqlite');
    writeFileSync(text, 'ceci n’est pas une base');
    await expect(restore(ctx.dataDir, text)).rejects.toThrow(/pas une sauvegarde Guichet/);
    const other = join(scratch, 'autre.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE families (id TEXT)');
    db.close();
    await expect(restore(ctx.dataDir, other)).rejects.toThrow(/pas une sauvegarde Guichet/);
    await expect(restore(ctx.dataDir, join(scratch, 'absent.sqlite'))).rejects.toThrow(/introuvable/);
    await expect(restore(ctx.dataDir, join(ctx.dataDir, DB_FILE_NAME))).rejects.toThrow(/base en service/);

    expect(readdirSync(ctx.dataDir).filter((f) => f.includes('avant-restauration'))).toEqual([]);
    const reopened = createContext({ dataDir: ctx.dataDir });
    expect(names(reopened)).toEqual(['Martin']);
    ctx.store = reopened.store;
  });

  it('refuses a backup made by a newer version', async () => {
    const saved = join(scratch, 'future.sqlite');
    await backup(ctx, saved);
    const db = new Database(saved);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
    db.close();
    ctx.store.close();
    await expect(restore(ctx.dataDir, saved)).rejects.toThrow(/version plus récente/);
    ctx.store = createContext({ dataDir: ctx.dataDir }).store;
  });
});

/** Tables and indexes that the newest shipped migration creates. */
function newestMigrationObjects(): { kind: string; name: string; table?: string }[] {
  const journal = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const sql = readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, `${journal.entries.at(-1)!.tag}.sql`), 'utf8');
  const objects: { kind: string; name: string; table?: string }[] = [
    ...[...sql.matchAll(/CREATE (?:UNIQUE )?(?:VIRTUAL )?(TABLE|INDEX|TRIGGER) `([^`]+)`/g)].map((m) => ({ kind: m[1]!, name: m[2]! })),
    ...[...sql.matchAll(/ALTER TABLE `([^`]+)` ADD `([^`]+)`/g)].map((m) => ({ kind: 'COLUMN', name: m[2]!, table: m[1]! })),
  ];
  expect(objects.length).toBeGreaterThan(0);
  return objects;
}
