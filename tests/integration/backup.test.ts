import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { createContext, DB_FILE_NAME, type AppContext } from '../../main/context.js';
import { countsOf, createBackup, listBackupFolders, readBackupStatus, verifyBackupFolder } from '../../main/store/backup.js';
import { DEFAULT_MIGRATIONS_FOLDER } from '../../main/store/db.js';
import { dataFolderKeySource } from '../../main/store/key-vault.js';
import { documentKeyStatus, recoverKeys, setupRecovery } from '../../main/services/keys/index.js';
import { restoreBackup } from '../../main/store/restore.js';
import { createFamily } from '../../main/services/families/file.js';
import { searchFamilies } from '../../main/services/families/search.js';
import { openHealthDocument, storeHealthDocument } from '../../main/services/uploads/health.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';
import { pdfFixture } from '../helpers/uploads.js';

type Ctx = ReturnType<typeof tempContext>;
let ctx: Ctx;
let scratch: string;

const CERTIFICATE = (await pdfFixture({ marker: 'CERTIFICAT-MEDICAL-ZOE' }));

beforeEach(() => {
  ctx = tempContext({ roles: ['agent', 'sante'] });
  scratch = mkdtempSync(join(tmpdir(), 'guichet-backup-'));
});
afterEach(() => {
  ctx.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const add = (target: AppContext, familyName: string) => createFamily(target, familySchema.parse(familyInput({ familyName })));
const names = (target: AppContext) => searchFamilies(target, { query: '', scope: 'all', limit: 100 }).rows.map((r) => r.familyName).sort();
const certificate = (target: AppContext, familyId: string) =>
  storeHealthDocument(target, { familyId, childId: null, requestId: null, fileName: 'certificat.pdf', base64: CERTIFICATE.toString('base64') });

describe('a backup', () => {
  it('holds the base and the documents (no key), is verified, and restores into a fresh folder with equal counts and certificates read with the recovery code', async () => {
    const martin = add(ctx, 'Martin');
    add(ctx, 'Dupont');
    const doc = certificate(ctx, martin.id);
    const { code } = await setupRecovery(ctx);

    const entry = await createBackup(ctx, scratch, { now: new Date('2026-12-01T11:30:00Z') });
    expect(entry.name).toBe('guichet-2026-12-01T12-30-00');
    expect(entry.verification).toEqual({ ok: true, problems: [] });
    expect(entry.counts).toEqual(countsOf(ctx.store.sqlite));
    expect(entry.counts).toMatchObject({ families: 2, documents: 1 });
    expect(readdirSync(scratch)).toEqual([entry.name]); // no partial folder left
    expect(readdirSync(entry.folder).sort()).toEqual(['documents', DB_FILE_NAME, 'sauvegarde.json']);
    expect(existsSync(join(entry.folder, `${DB_FILE_NAME}-wal`))).toBe(false);
    expect(listBackupFolders(scratch).map((e) => e.name)).toEqual([entry.name]);
    expect(readBackupStatus(ctx.dataDir)).toMatchObject({ lastGood: { folder: entry.folder }, lastAttempt: { ok: true } });

    // Another computer: an empty data folder, an empty vault.
    const fresh = mkdtempSync(join(tmpdir(), 'guichet-fresh-'));
    try {
      const result = restoreBackup(fresh, entry.folder);
      expect(result.previousFile).toBeNull();
      expect(result.keysRestored).toEqual([]);
      const other = createContext({ dataDir: fresh, roles: ['agent', 'sante'], documentKeys: dataFolderKeySource(fresh) });
      try {
        expect(countsOf(other.store.sqlite)).toEqual(entry.counts);
        expect(names(other)).toEqual(['Dupont', 'Martin']);
        expect(documentKeyStatus(other)).toMatchObject({ state: 'locked', recovery: { setUp: true } });
        expect(() => openHealthDocument(other, doc.id)).toThrow(/n’est pas sur ce poste/);
        expect(recoverKeys(other, code.toLowerCase().replace(/-/g, ' ')).state).toBe('ready');
        const opened = openHealthDocument(other, doc.id);
        expect(Buffer.from(opened.base64, 'base64').equals(CERTIFICATE)).toBe(true);
      } finally {
        other.store.close();
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('fails its verification when a document the base lists is missing from the copy', async () => {
    const martin = add(ctx, 'Martin');
    const doc = certificate(ctx, martin.id);
    const entry = await createBackup(ctx, scratch);
    const stored = (ctx.store.sqlite.prepare('SELECT stored_name AS s FROM documents WHERE id = ?').get(doc.id) as { s: string }).s;
    rmSync(join(entry.folder, 'documents', stored));
    const again = verifyBackupFolder(entry.folder);
    expect(again.verification.ok).toBe(false);
    expect(again.verification.problems.join()).toMatch(/1 document\(s\) de la base absent\(s\) de la copie/);

    writeFileSync(join(entry.folder, DB_FILE_NAME), 'plus une base');
    expect(verifyBackupFolder(entry.folder).verification.problems.join()).toMatch(/ne s’ouvre pas/);
  });

  it('notes a failed attempt (destination unwritable) in the data folder', async () => {
    const file = join(scratch, 'un-fichier');
    writeFileSync(file, '');
    await expect(createBackup(ctx, join(file, 'dessous'))).rejects.toThrow(/La sauvegarde a échoué/);
    expect(readBackupStatus(ctx.dataDir).lastAttempt).toMatchObject({ ok: false, folder: null });
  });
});

describe('restore', () => {
  it('copies the current base aside, swaps the base and the documents, and the store opens on the backup', async () => {
    const martin = add(ctx, 'Martin');
    certificate(ctx, martin.id);
    const entry = await createBackup(ctx, scratch);
    const dupont = add(ctx, 'Dupont'); // after the backup: lost by the restore, kept in the previous copy
    certificate(ctx, dupont.id);
    ctx.store.close();

    const result = restoreBackup(ctx.dataDir, entry.folder, { now: new Date('2026-11-27T06:14:03Z') });
    expect(result.previousFile).toBe(join(ctx.dataDir, `${DB_FILE_NAME}.avant-restauration-2026-11-27T07-14-03`));
    expect(result.previousDocuments).toBe(join(ctx.dataDir, 'documents.avant-restauration-2026-11-27T07-14-03'));
    expect(result.migrationsApplied).toBe(0);
    expect(readdirSync(ctx.dataDir).filter((f) => f.includes('restauration-en-cours') || f === 'restauration.json')).toEqual([]);
    expect(readdirSync(join(ctx.dataDir, 'documents', 'sante'))).toHaveLength(1);
    expect(readdirSync(join(result.previousDocuments!, 'sante'))).toHaveLength(2);
    // Same key in the backup and in service: nothing to keep aside.
    expect(readdirSync(ctx.dataDir).filter((f) => f.startsWith('document-key.hex.'))).toEqual([]);

    ctx.store = createContext({ dataDir: ctx.dataDir }).store;
    expect(names(ctx)).toEqual(['Martin']);
    const previous = new Database(result.previousFile!, { readonly: true });
    expect((previous.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n).toBe(2);
    previous.close();
  });

  it('restores a lone base file of an older version, and applies the migrations it lacks', async () => {
    add(ctx, 'Martin');
    const entry = await createBackup(ctx, scratch);
    const saved = join(entry.folder, DB_FILE_NAME);
    // Pretend the backup comes from the version before the newest migration.
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
      const result = restoreBackup(empty, saved);
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

  it('refuses what is not a Guichet backup, and leaves the current store untouched', () => {
    add(ctx, 'Martin');
    ctx.store.close();
    const text = join(scratch, 'notes.sqlite');
    writeFileSync(text, 'ceci n’est pas une base');
    expect(() => restoreBackup(ctx.dataDir, text)).toThrow(/pas une sauvegarde Guichet/);
    const other = join(scratch, 'autre.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE families (id TEXT)');
    db.close();
    expect(() => restoreBackup(ctx.dataDir, other)).toThrow(/pas une sauvegarde Guichet/);
    expect(() => restoreBackup(ctx.dataDir, scratch)).toThrow(/n’est pas une sauvegarde Guichet \(pas de guichet\.sqlite\)/);
    expect(() => restoreBackup(ctx.dataDir, join(scratch, 'absent'))).toThrow(/introuvable/);
    expect(() => restoreBackup(ctx.dataDir, join(ctx.dataDir, DB_FILE_NAME))).toThrow(/base en service/);

    expect(readdirSync(ctx.dataDir).filter((f) => f.includes('restauration'))).toEqual([]);
    ctx.store = createContext({ dataDir: ctx.dataDir }).store;
    expect(names(ctx)).toEqual(['Martin']);
  });

  it('refuses a backup made by a newer version', async () => {
    const entry = await createBackup(ctx, scratch);
    const db = new Database(join(entry.folder, DB_FILE_NAME));
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
    db.close();
    ctx.store.close();
    expect(() => restoreBackup(ctx.dataDir, entry.folder)).toThrow(/version plus récente/);
    ctx.store = createContext({ dataDir: ctx.dataDir }).store;
  });

  it('refuses to start on a folder with restore leftovers but no base, rather than create an empty one', async () => {
    add(ctx, 'Martin');
    const entry = await createBackup(ctx, scratch);
    const bare = mkdtempSync(join(tmpdir(), 'guichet-bare-'));
    try {
      writeFileSync(join(bare, `${DB_FILE_NAME}.avant-restauration-2026-11-27T07-14-03`), readFileSync(join(entry.folder, DB_FILE_NAME)));
      expect(() => createContext({ dataDir: bare })).toThrow(/restes d’une restauration .* mais pas de base\u00a0: Guichet ne crée pas de base vide/);
      expect(existsSync(join(bare, DB_FILE_NAME))).toBe(false);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
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
