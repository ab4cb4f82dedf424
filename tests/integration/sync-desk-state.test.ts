import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../main/context.js';
import { configureBackups, restoreFromBackup } from '../../main/services/backups/index.js';
import { createFamily, updateFamily } from '../../main/services/families/index.js';
import { syncOnce } from '../../main/services/sync/index.js';
import { pullChanges, type PullProgress } from '../../main/services/sync/pull.js';
import { pendingMessages } from '../../main/services/sync/push.js';
import { syncNow, syncStatus } from '../../main/services/sync/scheduler.js';
import { createBackup } from '../../main/store/backup.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { familyInput } from '../helpers/fixtures.js';
import { portalServerForFile } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';

/**
 * What a desk keeps of its sync (issue 10, « On the desk »): how far a long first pull is, the
 * last sync's time across a restart, and a backup restored on a desk that had synced since.
 */
const server = portalServerForFile();

let a: ReturnType<typeof tempContext>;
let b: ReturnType<typeof tempContext>;
beforeEach(async () => {
  await server.empty();
  a = tempContext();
  b = tempContext();
  for (const [desk, name] of [[a, 'A'], [b, 'B']] as const) {
    await server.link(desk, name);
  }
});
afterEach(() => {
  a.dispose();
  b.dispose();
});

const add = (ctx: AppContext, familyName: string) => createFamily(ctx, familySchema.parse(familyInput({ familyName }))).id;
const address = { line1: '12 rue de la Roquette', line2: null, postalCode: '75011', city: 'Paris' };
const families = (ctx: AppContext) => ctx.store.sqlite.prepare('SELECT id, family_name AS name FROM families ORDER BY id').all();
const setting = (ctx: AppContext, key: string) => (ctx.store.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;

/** The network as it is, with pages of `size` messages (the server's are 5,000): a long pull on a small set. */
function smallPages(size: number, onPull?: () => void): typeof fetch {
  return (input, init) => {
    const address = input instanceof Request ? input.url : input.toString();
    if (address.includes('/sync/pull')) onPull?.();
    return fetch(address.replace(/limit=\d+/, `limit=${size}`), init);
  };
}

describe('a desk’s own sync state', () => {
  it('a new desk’s first pull tells how far it is, page after page; the status strip shows it while it runs', async () => {
    for (const name of ['Martin', 'Durand', 'Petit', 'Moreau']) add(a, name);
    await syncOnce(a);
    const seen: PullProgress[] = [];
    const report = await pullChanges(b, smallPages(20), (progress) => seen.push(progress));
    expect(report.pages).toBeGreaterThan(3);
    expect(seen.length).toBe(report.pages - 1);
    expect(seen.every((p) => p.first && p.total === seen[0]!.total && p.done < p.total)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((x, y) => x - y));
    expect(families(b)).toEqual(families(a));

    // While B syncs again (a later pull, not its first), its status carries the progress.
    add(a, 'Lefèvre');
    add(a, 'Bernard');
    await syncOnce(a);
    const during: ReturnType<typeof syncStatus>[] = [];
    const done = await syncNow(b, smallPages(20, () => during.push(syncStatus(b))));
    expect(during[0]).toMatchObject({ state: 'running', progress: null });
    expect(during.at(-1)).toMatchObject({ state: 'running', progress: { first: false } });
    expect(done).toMatchObject({ state: 'synced', progress: null });
  });

  it('keeps the last sync’s time across a restart, in a local setting that never travels', async () => {
    add(b, 'Martin');
    const synced = await syncNow(b);
    expect(synced.lastSyncAt).not.toBeNull();
    expect(pendingMessages(b)).toBe(0);
    b.store.close();
    const reopened = createContext({ dataDir: b.dataDir, actor: 'test' });
    b.store = reopened.store; // closed by the test's end
    expect(syncStatus(reopened)).toMatchObject({ state: 'synced', lastSyncAt: synced.lastSyncAt, pending: 0 });
    // Written beside the cursor, never through the outbox: no other desk gets B's sync time.
    expect(reopened.store.sqlite.prepare("SELECT COUNT(*) AS n FROM outbox WHERE entity = 'settings' AND row_id LIKE 'sync.%'").get()).toEqual({ n: 0 });
  });

  it('a restored desk takes back from the server what it had sent after the backup, and sends nothing twice', async () => {
    configureBackups(a, {});
    const martin = add(a, 'Martin');
    // Backed up before its first sync: the backup's outbox still holds Martin, unsent.
    const backup = await createBackup(a, join(a.dataDir, 'sauvegardes'));
    await syncOnce(a);
    const durand = add(a, 'Durand');
    updateFamily(a, { id: martin, familyName: 'Martin-Roux', address, notes: 'Après la sauvegarde' });
    await syncOnce(a);
    await syncOnce(b);
    expect(families(b)).toEqual(families(a));

    restoreFromBackup(a, backup.name);
    expect(families(a)).toEqual([{ id: martin, name: 'Martin' }]);
    expect(pendingMessages(a)).toBeGreaterThan(0);
    expect(setting(a, 'sync.restoredAt')).toBeDefined();

    const { push, pull } = await syncOnce(a);
    // The outbox's Martin was already on the server: known from the pull, not sent again.
    expect(push.sent).toBe(0);
    expect(pendingMessages(a)).toBe(0);
    expect(pull.applied).toBeGreaterThan(0);
    // What A had sent after the backup is back, the latest values win, and both desks agree.
    expect(families(a)).toEqual(
      [
        { id: martin, name: 'Martin-Roux' },
        { id: durand, name: 'Durand' },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect(setting(a, 'sync.restoredAt')).toBeUndefined();
    // Its next changes win over the ones it took back, and reach B.
    updateFamily(a, { id: martin, familyName: 'Martin', address, notes: 'Après la restauration' });
    await syncOnce(a);
    await syncOnce(b);
    expect(families(b)).toEqual(families(a));
    expect(b.store.sqlite.prepare('SELECT notes FROM families WHERE id = ?').get(martin)).toEqual({ notes: 'Après la restauration' });
  });
});
