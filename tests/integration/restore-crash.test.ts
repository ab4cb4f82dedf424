import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { mulberry32 } from '../../shared/domain/random.js';
import { dispatch } from '../helpers/dispatch.js';
import { createContext, type AppContext } from '../../main/context.js';
import { createBackup } from '../../main/store/backup.js';
import { dataFolderKeySource } from '../../main/store/key-vault.js';
import { createFamily } from '../../main/services/families/file.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { familyInput } from '../helpers/fixtures.js';
import { ROOT, TSX } from '../helpers/cli.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * A restore killed at random points, 50 times: each time the next opening finds either the whole
 * old data (base and documents) or the whole new one, never none and never a mix, and says what it
 * did when it found the restore half-done.
 */
const CHILD = join(__dirname, 'restore-crash-child.ts');
const RUNS = 50;

let root: string;
let template: string; // the data folder before the restore: 3 families, 3 certificates
let backupFolder: string; // the backup restored: 5 families, 24 certificates
const OLD = { families: 3, documents: 3 };
const NEW = { families: 5, documents: 24 };

/** A real certificate of about 48 KiB (uploads are checked by their structure). */
const pdf = await pdfFixture({ padding: 48 * 1024 });

function fill(dataDir: string, families: number, documents: number): AppContext {
  const ctx = createContext({ dataDir, actor: 'test', roles: ['agent', 'sante'], documentKeys: dataFolderKeySource(dataDir) });
  const ids = Array.from({ length: families }, (_, i) => createFamily(ctx, familySchema.parse(familyInput({ familyName: `Famille ${'ABCDEFGHIJ'[i]} ${families === 5 ? 'Nouvelle' : 'Ancienne'}` }))).id);
  for (let i = 0; i < documents; i++) {
    storeHealthDocument(ctx, { familyId: ids[i % families]!, childId: null, requestId: null, fileName: `c${i}.pdf`, base64: pdf.toString('base64') });
  }
  return ctx;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'guichet-restore-crash-'));
  template = join(root, 'avant');
  const source = fill(join(root, 'source'), NEW.families, NEW.documents);
  backupFolder = (await createBackup(source, join(root, 'sauvegardes'))).folder;
  source.store.close();
  fill(template, OLD.families, OLD.documents).store.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runChild(dataDir: string, args: string[], killAfterMs: number | null): Promise<{ signal: NodeJS.Signals | null; stdout: string; ms: number }> {
  return new Promise((done) => {
    let started = 0;
    const child = spawn(process.execPath, ['--import', TSX, CHILD, dataDir, backupFolder, ...args], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (started === 0 && stdout.startsWith('start\n')) started = performance.now();
      if (killAfterMs !== null && stdout.startsWith('start\n')) {
        const delay = killAfterMs;
        killAfterMs = null;
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.on('exit', (_code, signal) => done({ signal, stdout, ms: performance.now() - started }));
  });
}

function opened(dataDir: string): { families: number; documents: number; files: number; notice: string | null } {
  const ctx = createContext({ dataDir, actor: 'test' });
  try {
    const count = (sql: string) => (ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
    return {
      families: count('SELECT COUNT(*) AS n FROM families'),
      documents: count('SELECT COUNT(*) AS n FROM documents'),
      files: readdirSync(join(dataDir, 'documents', 'sante')).length,
      notice: ctx.restoreNotice,
    };
  } finally {
    ctx.store.close();
  }
}

describe('a restore killed at random points', () => {
  it(`leaves the whole old data or the whole new, ${RUNS} times`, async () => {
    // A restore that runs to its end tells how many steps it has.
    const full = join(root, 'complet');
    cpSync(template, full, { recursive: true });
    const complete = await runChild(full, ['step', '0'], null);
    const totalSteps = Number(/done (\d+)/.exec(complete.stdout)?.[1]);
    expect(totalSteps).toBeGreaterThan(NEW.documents);
    expect(opened(full)).toEqual({ ...NEW, files: NEW.documents, notice: null });

    const random = mulberry32(20261201);
    const seen = { old: 0, new: 0, finished: 0, undone: 0 };
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(root, `run-${run}`);
      cpSync(template, dataDir, { recursive: true });
      // Half the runs stop at a step (spread over all of them, then at random); half are killed
      // from outside at a random moment of the time a whole restore takes.
      const atStep = run < RUNS / 2;
      const step = 1 + Math.floor((atStep && run < RUNS / 4 ? (run / (RUNS / 4)) : random()) * totalSteps);
      const result = atStep
        ? await runChild(dataDir, ['step', String(step)], null)
        : await runChild(dataDir, ['timed'], Math.floor(random() * complete.ms * 1.2));
      if (atStep) expect(result.signal, `run ${run}`).toBe('SIGKILL');

      const after = opened(dataDir);
      const isOld = after.families === OLD.families && after.documents === OLD.documents && after.files === OLD.documents;
      const isNew = after.families === NEW.families && after.documents === NEW.documents && after.files === NEW.documents;
      expect(isOld || isNew, `run ${run} (${atStep ? `step ${step}` : 'timed'}): ${JSON.stringify(after)}`).toBe(true);
      if (isOld) seen.old++;
      if (isNew) seen.new++;
      if (after.notice?.includes('terminée')) seen.finished++;
      if (after.notice?.includes('annulée')) seen.undone++;
      if (after.notice !== null) expect(after.notice).toMatch(/^Une restauration de sauvegarde avait été interrompue/);
      // Nothing half-done is left behind.
      expect(readdirSync(dataDir).filter((f) => f.includes('restauration-en-cours') || f === 'restauration.json'), `run ${run}`).toEqual([]);
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
    expect(seen.finished).toBeGreaterThan(0);
    expect(seen.undone).toBeGreaterThan(0);
  }, 300_000);
});

describe('a start that finds a restore half-done', () => {
  it('undoes one stopped while copying, says so once, and leaves no copy behind', async () => {
    const dataDir = join(root, 'annulee');
    cpSync(template, dataDir, { recursive: true });
    expect((await runChild(dataDir, ['label', 'document écrit'], null)).signal).toBe('SIGKILL');
    expect(readdirSync(dataDir)).toContain('restauration.json');

    const ctx = createContext({ dataDir, actor: 'test' });
    try {
      const state = await dispatch(ctx, 'setup.state', {});
      expect(state).toMatchObject({ ok: true, value: { families: OLD.families, notice: expect.stringContaining('elle a été annulée à ce démarrage') } });
      await dispatch(ctx, 'setup.dismissNotice', {});
      expect(await dispatch(ctx, 'setup.state', {})).toMatchObject({ value: { notice: null } });
    } finally {
      ctx.store.close();
    }
    expect(readdirSync(dataDir).filter((f) => f.includes('restauration'))).toEqual([]);
  });

  it('finishes one stopped after the base was swapped: the documents follow it, the old base is kept', async () => {
    const dataDir = join(root, 'terminee');
    cpSync(template, dataDir, { recursive: true });
    expect((await runChild(dataDir, ['label', 'base échangée'], null)).signal).toBe('SIGKILL');
    expect(readdirSync(dataDir)).toContain('documents.restauration-en-cours');

    const after = opened(dataDir);
    expect(after).toMatchObject({ ...NEW, files: NEW.documents });
    expect(after.notice).toContain('elle a été terminée à ce démarrage');
    const left = readdirSync(dataDir);
    expect(left.filter((f) => f.startsWith('guichet.sqlite.avant-restauration-'))).toHaveLength(1);
    expect(left.filter((f) => f.startsWith('documents.avant-restauration-'))).toHaveLength(1);
    expect(left.filter((f) => f.includes('restauration-en-cours') || f === 'restauration.json')).toEqual([]);
  });
});
