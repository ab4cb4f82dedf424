import { openSync, writeSync, closeSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { createContext, DB_FILE_NAME } from '../../main/context.js';
import { configureBackups, startBackupScheduler } from '../../main/services/backups/index.js';
import { createFamily } from '../../main/services/families/file.js';
import { explainOpenFailure } from '../../main/store/open-failure.js';
import { restoreBackup } from '../../main/store/restore.js';
import type { OperationName } from '../../shared/contract/operations.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
let clock: Date;
beforeEach(() => {
  ctx = tempContext();
  clock = new Date('2026-12-01T08:00:00Z'); // 09:00 in Paris
  configureBackups(ctx, { now: () => clock });
});
afterEach(() => ctx.dispose());

async function call<T = Record<string, unknown>>(name: OperationName, input: unknown = {}): Promise<T> {
  const result = await dispatch(ctx, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}
const add = (familyName: string) => createFamily(ctx, familySchema.parse(familyInput({ familyName })));
const families = () => (ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;

describe('« Sauvegardes » operations', () => {
  it('has settings by default, and refuses a wrong time or the data folder itself, naming the field', async () => {
    const state = await call<{ settings: unknown; last: unknown; next: string }>('backups.state');
    expect(state.settings).toEqual({ destination: join(ctx.dataDir, 'sauvegardes'), frequency: 'daily', time: '12:30' });
    expect(state.last).toBeNull();
    expect(state.next).toBe('2026-12-01T09:00'); // never backed up: due now

    const badTime = await dispatch(ctx, 'backups.settings', { destination: '/tmp/ailleurs', frequency: 'daily', time: '25:00' });
    expect(badTime).toMatchObject({ ok: false, error: { field: 'time', message: expect.stringContaining('Heure') } });
    const same = await dispatch(ctx, 'backups.settings', { destination: ctx.dataDir, frequency: 'daily', time: '18:00' });
    expect(same).toMatchObject({ ok: false, error: { field: 'destination' } });
    const saved = await call('backups.settings', { destination: join(ctx.dataDir, 'partage'), frequency: 'off', time: '18:00' });
    expect(saved).toEqual({ destination: join(ctx.dataDir, 'partage'), frequency: 'off', time: '18:00' });
    expect((await call<{ next: string | null }>('backups.state')).next).toBeNull();
  });

  it('backs up now, lists the backup verified, and restores it in the running desk (store closed, restored, reopened)', async () => {
    add('Martin');
    const run = await call<{ name: string; verified: boolean; counts: { families: number } }>('backups.run');
    expect(run).toMatchObject({ name: 'guichet-2026-12-01T09-00-00', verified: true, counts: { families: 1 } });
    const list = await call<{ name: string }[]>('backups.list');
    expect(list.map((b) => b.name)).toEqual([run.name]);
    const state = await call<{ last: { name: string }; current: { counts: { families: number } }; next: string }>('backups.state');
    expect(state.last.name).toBe(run.name);
    expect(state.next).toBe('2026-12-01T12:30');

    add('Dupont');
    add('Durand');
    expect(families()).toBe(3);
    clock = new Date('2026-12-01T10:00:00Z');
    const restored = await call<{ previousFile: string; counts: { families: number } }>('backups.restore', { name: run.name });
    expect(restored.counts.families).toBe(1);
    expect(existsSync(restored.previousFile)).toBe(true);
    // The desk goes on with the restored store: reads and writes work.
    expect(families()).toBe(1);
    add('Bernard');
    expect(families()).toBe(2);
    const audit = ctx.store.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'backup.restore'").all() as { after: string }[];
    expect(audit.map((a) => JSON.parse(a.after).from)).toEqual([run.name]);

    const unknown = await dispatch(ctx, 'backups.restore', { name: '../../etc' });
    expect(unknown).toMatchObject({ ok: false, error: { field: 'name' } });
  });

  it('runs the scheduled backup when due, catches a missed one up at start, and rotates', async () => {
    const scheduler = startBackupScheduler(ctx, { timer: false });
    // Start at 09:00 with no backup at all: caught up at once.
    expect(await scheduler.tick()).toMatchObject({ name: 'guichet-2026-12-01T09-00-00' });
    clock = new Date('2026-12-01T11:00:00Z'); // 12:00: not yet
    expect(await scheduler.tick()).toBeNull();
    clock = new Date('2026-12-01T11:30:00Z'); // 12:30
    expect(await scheduler.tick()).toMatchObject({ name: 'guichet-2026-12-01T12-30-00' });
    // The desk is off for three days, then started at 08:00: yesterday's slot is caught up.
    clock = new Date('2026-12-05T07:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ name: 'guichet-2026-12-05T08-00-00' });
    expect(await scheduler.tick()).toBeNull();
    // Twelve more days: the rotation keeps the newest of each of the 7 last days, and the weeks'.
    for (let day = 6; day <= 17; day++) {
      clock = new Date(`2026-12-${String(day).padStart(2, '0')}T11:30:00Z`);
      expect(await scheduler.tick()).not.toBeNull();
    }
    const names = readdirSync(join(ctx.dataDir, 'sauvegardes')).sort();
    // The 7 last days (11–17), the newest of ISO weeks 50 (13th, already kept) and 49 (the 6th); December's newest is the 17th.
    expect(names).toEqual([
      'guichet-2026-12-06T12-30-00',
      'guichet-2026-12-11T12-30-00',
      'guichet-2026-12-12T12-30-00',
      'guichet-2026-12-13T12-30-00',
      'guichet-2026-12-14T12-30-00',
      'guichet-2026-12-15T12-30-00',
      'guichet-2026-12-16T12-30-00',
      'guichet-2026-12-17T12-30-00',
    ]);
    scheduler.stop();
  });
});

describe('a damaged base', () => {
  it('stops the start with a French message that offers the last verified backup, which restores', async () => {
    add('Martin');
    const run = await call<{ name: string }>('backups.run');
    ctx.store.close();
    // Damage the file's header: SQLite no longer recognises it.
    const fd = openSync(join(ctx.dataDir, DB_FILE_NAME), 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);

    let failure: unknown;
    try {
      createContext({ dataDir: ctx.dataDir }).store.close();
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeDefined();
    const explained = explainOpenFailure(ctx.dataDir, failure);
    expect(explained.message).toMatch(/^La base de données de .* est endommagée\u00a0: Guichet ne peut pas l’ouvrir\. La dernière sauvegarde vérifiée date du 1 décembre 2026/);
    expect(explained.message).toContain(`npm run cli -- restore "${join(ctx.dataDir, 'sauvegardes', run.name)}"`);
    expect(explained.offer?.name).toBe(run.name);

    const result = restoreBackup(ctx.dataDir, explained.offer!.folder);
    expect(existsSync(result.previousFile!)).toBe(true); // the damaged file is kept
    ctx.store = createContext({ dataDir: ctx.dataDir }).store;
    expect(families()).toBe(1);
  });
});
