import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import { backupSchedule, backupsToKeep, isTimeOfDay, type BackupFrequency } from '../../../shared/domain/backups.js';
import { DB_FILE_NAME, rootContext, type AppContext } from '../../context.js';
import {
  BACKUP_PREFIX,
  countsOf,
  createBackup,
  listBackupFolders,
  readBackupStatus,
  removeBackupFolder,
  type BackupCounts,
  type BackupEntry,
} from '../../store/backup.js';
import { Clock } from '../../store/clock.js';
import { DEFAULT_MIGRATIONS_FOLDER, openStore } from '../../store/db.js';
import { audit, transaction } from '../../store/journal.js';
import { restoreBackup } from '../../store/restore.js';
import { readSetting, writeSetting } from '../../store/settings.js';
import { importLegacyKeys, startReencryption } from '../keys/index.js';

/**
 * Backups from the application (issue 9): settings, « Sauvegarder maintenant », the schedule that
 * runs a due backup while the desk runs (and catches a missed one up at start), the rotation, and
 * the restore the desk does in its own process (it holds the data folder's lock): its store closed,
 * the backup restored, the store reopened.
 */

const KEYS = { destination: 'backups.destination', frequency: 'backups.frequency', time: 'backups.time' } as const;
const DEFAULT_TIME = '12:30';
const DEFAULT_SUBFOLDER = 'sauvegardes';

export interface BackupSettings {
  destination: string;
  frequency: BackupFrequency;
  time: string;
}

export function backupSettings(ctx: AppContext): BackupSettings {
  const frequency = readSetting(ctx, KEYS.frequency);
  const time = readSetting(ctx, KEYS.time);
  return {
    destination: readSetting(ctx, KEYS.destination) ?? join(ctx.dataDir, DEFAULT_SUBFOLDER),
    frequency: frequency === 'off' ? 'off' : 'daily',
    time: time !== undefined && isTimeOfDay(time) ? time : DEFAULT_TIME,
  };
}

export function saveBackupSettings(ctx: AppContext, input: BackupSettings): BackupSettings {
  const destination = resolve(input.destination);
  if (destination === resolve(ctx.dataDir)) {
    throw AppError.invalid('destination', 'Dossier des sauvegardes\u00a0: choisissez un autre dossier que celui des données (un sous-dossier ou un partage réseau).');
  }
  if (!isTimeOfDay(input.time)) throw AppError.invalid('time', 'Heure\u00a0: une heure de la journée, par exemple 12:30.');
  transaction(ctx, () => {
    writeSetting(ctx, KEYS.destination, destination);
    writeSetting(ctx, KEYS.frequency, input.frequency);
    writeSetting(ctx, KEYS.time, input.time);
  });
  return backupSettings(ctx);
}

/** Per desk (process): the backup under way, where its migrations are, its clock. */
interface Runtime {
  running: Promise<BackupEntry> | null;
  migrationsFolder: string;
  now: () => Date;
}

const runtimes = new WeakMap<AppContext, Runtime>();

function runtime(view: AppContext): Runtime {
  // Keyed by the process's context: each dispatch call sees it through its own view.
  const ctx = rootContext(view);
  let r = runtimes.get(ctx);
  if (!r) {
    r = { running: null, migrationsFolder: DEFAULT_MIGRATIONS_FOLDER, now: () => new Date() };
    runtimes.set(ctx, r);
  }
  return r;
}

/**
 * What an entry point tells the backups of its desk: where its migrations are (Electron packages
 * them apart), its clock.
 */
export function configureBackups(ctx: AppContext, options: { migrationsFolder?: string; now?: () => Date }): void {
  const r = runtime(ctx);
  if (options.migrationsFolder) r.migrationsFolder = options.migrationsFolder;
  if (options.now) r.now = options.now;
}

/** Paris wall-clock time of an instant, `YYYY-MM-DDTHH:MM:SS`. */
const parisFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const parisLocal = (date: Date): string => parisFormat.format(date).replace(' ', 'T');

export interface BackupSummary {
  name: string;
  at: string;
  bytes: number;
  verified: boolean;
  problems: string[];
  counts: BackupCounts;
}

const summary = (e: BackupEntry): BackupSummary => ({
  name: e.name,
  at: e.at,
  bytes: e.bytes,
  verified: e.verification.ok,
  problems: e.verification.problems,
  counts: e.counts,
});

export function listBackups(ctx: AppContext): BackupSummary[] {
  return listBackupFolders(backupSettings(ctx).destination).map(summary);
}

export interface BackupState {
  settings: BackupSettings;
  last: BackupSummary | null;
  /** The last attempt failed: why (French). */
  lastError: string | null;
  /** Paris local time of the next scheduled backup; null when the schedule is off. */
  next: string | null;
  running: boolean;
  /** The base in service, to compare with a backup before restoring it. */
  current: { counts: BackupCounts; lastChange: string | null };
}

export function backupState(ctx: AppContext): BackupState {
  const settings = backupSettings(ctx);
  const r = runtime(ctx);
  const backups = listBackupFolders(settings.destination);
  const status = readBackupStatus(ctx.dataDir);
  const last = backups[0] ?? null;
  const schedule = backupSchedule({
    now: parisLocal(r.now()),
    last: last ? parisLocal(new Date(last.at)) : null,
    frequency: settings.frequency,
    time: settings.time,
  });
  const lastChange = (ctx.store.sqlite.prepare('SELECT MAX(at) AS at FROM audit_log').get() as { at: string | null }).at;
  return {
    settings,
    last: last ? summary(last) : null,
    lastError: status.lastAttempt && !status.lastAttempt.ok && (last === null || status.lastAttempt.at >= last.at) ? status.lastAttempt.message : null,
    next: schedule.next,
    running: r.running !== null,
    current: { counts: countsOf(ctx.store.sqlite), lastChange },
  };
}

/** Writes a backup now (one at a time: a second call waits for the one under way), then rotates. */
export async function runBackup(ctx: AppContext): Promise<BackupSummary> {
  const r = runtime(ctx);
  if (r.running) return summary(await r.running);
  const destination = backupSettings(ctx).destination;
  const work = createBackup(ctx, destination, { now: r.now() });
  r.running = work;
  try {
    const entry = await work;
    rotate(destination);
    return summary(entry);
  } finally {
    r.running = null;
  }
}

/** Removes the backups the rotation (7 daily, 4 weekly, 12 monthly) no longer keeps. */
function rotate(destination: string): void {
  const entries = listBackupFolders(destination);
  const keep = backupsToKeep(entries.map((e) => ({ id: e.name, local: parisLocal(new Date(e.at)), verified: e.verification.ok })));
  for (const entry of entries) if (!keep.has(entry.name)) removeBackupFolder(entry.folder);
}

/**
 * The desk restores a backup of its destination folder in its own process: no backup under way,
 * store closed, `restoreBackup` (journal, copies, one rename), store reopened — on failure, the
 * store as it was is reopened. The restore is audited in the restored base.
 */
export function restoreFromBackup(ctx: AppContext, name: string): { restoredFrom: string; previousFile: string | null; counts: BackupCounts } {
  const r = runtime(ctx);
  if (r.running) throw new AppError({ code: 'CONFLICT', message: 'Une sauvegarde est en cours\u00a0: attendez sa fin pour restaurer.' });
  const entry = listBackupFolders(backupSettings(ctx).destination).find((e) => e.name === name);
  if (!entry || !name.startsWith(BACKUP_PREFIX)) throw AppError.invalid('name', 'Sauvegarde\u00a0: introuvable dans le dossier des sauvegardes.');
  if (!entry.verification.ok) {
    throw AppError.invalid('name', 'Sauvegarde\u00a0: elle n’a pas passé sa vérification, choisissez-en une vérifiée.');
  }
  const file = join(ctx.dataDir, DB_FILE_NAME);
  ctx.store.close();
  let result: ReturnType<typeof restoreBackup> | null = null;
  try {
    result = restoreBackup(ctx.dataDir, entry.folder, { migrationsFolder: r.migrationsFolder, now: r.now() });
  } finally {
    // Reopened whatever happened: the restored base, or the one left untouched by a failed restore.
    ctx.store = openStore(file, { migrationsFolder: r.migrationsFolder });
    ctx.clock = Clock.load(ctx.store, () => r.now().getTime());
  }
  // The restored base names its own keys: a first versions' key file it brought is imported, and
  // its documents not under its current key are re-encrypted (the keys are in this desk's vault,
  // or the recovery code brings them).
  importLegacyKeys(ctx);
  startReencryption(ctx);
  audit(ctx, {
    action: 'backup.restore',
    entity: 'settings',
    entityId: 'backups',
    familyId: null,
    before: null,
    after: { from: entry.name, at: entry.at, previousFile: result.previousFile },
  });
  return { restoredFrom: entry.name, previousFile: result.previousFile, counts: countsOf(ctx.store.sqlite) };
}

export interface BackupScheduler {
  /** Runs the backup if one is due (the timer calls it; tests call it with their clock). */
  tick(): Promise<BackupSummary | null>;
  stop(): void;
}

/**
 * The schedule, in the main process of the desk (web host or Electron): checked at start (a missed
 * backup is caught up) then every minute. A failed backup is noted (the screen shows it) and retried
 * at the next check only after a quarter of an hour.
 */
export function startBackupScheduler(ctx: AppContext, options: { intervalMs?: number; timer?: boolean } = {}): BackupScheduler {
  const r = runtime(ctx);
  let failedAt: number | null = null;
  const tick = async (): Promise<BackupSummary | null> => {
    if (r.running) return null;
    const now = r.now();
    if (failedAt !== null && now.getTime() - failedAt < 15 * 60_000) return null;
    const settings = backupSettings(ctx);
    const last = listBackupFolders(settings.destination)[0] ?? null;
    const { due } = backupSchedule({ now: parisLocal(now), last: last ? parisLocal(new Date(last.at)) : null, frequency: settings.frequency, time: settings.time });
    if (!due) return null;
    try {
      const done = await runBackup(ctx);
      failedAt = done.verified ? null : now.getTime();
      return done;
    } catch (error) {
      failedAt = now.getTime();
      console.error(`Guichet\u00a0: la sauvegarde programmée a échoué — ${(error as Error).message}`);
      return null;
    }
  };
  let timer: NodeJS.Timeout | null = null;
  if (options.timer !== false) {
    void tick();
    timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
    timer.unref();
  }
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
