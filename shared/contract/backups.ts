import { z } from 'zod';
import { isTimeOfDay } from '../domain/backups.js';
import { empty, op, trimmed } from './common.js';

/** « Sauvegardes » (administration): backups of the data folder, their schedule, and the restore of one. */

const counts = z.object({ families: z.number(), invoices: z.number(), payments: z.number(), documents: z.number() });

const backupSettings = z.object({
  destination: trimmed(500, 'Dossier des sauvegardes obligatoire.'),
  frequency: z.enum(['daily', 'off'], { error: 'Fréquence\u00a0: chaque jour, ou jamais.' }),
  time: z.string({ error: 'Heure obligatoire.' }).trim().refine(isTimeOfDay, { error: 'Heure\u00a0: une heure de la journée, par exemple 12:30.' }),
});

export const backupSummary = z.object({
  /** The backup folder's name (`guichet-2026-12-01T12-30-00`), its id for a restore. */
  name: z.string(),
  /** ISO instant. */
  at: z.string(),
  bytes: z.number(),
  verified: z.boolean(),
  problems: z.array(z.string()),
  counts,
});
export type BackupSummary = z.infer<typeof backupSummary>;

export const backupState = z.object({
  settings: backupSettings,
  last: backupSummary.nullable(),
  lastError: z.string().nullable(),
  /** Paris local time `YYYY-MM-DDTHH:MM`; null when the schedule is off. */
  next: z.string().nullable(),
  running: z.boolean(),
  current: z.object({ counts, lastChange: z.string().nullable() }),
});
export type BackupState = z.infer<typeof backupState>;

export const backupOperations = {
  'backups.state': op(empty, backupState),
  'backups.list': op(empty, z.array(backupSummary)),
  'backups.run': op(empty, backupSummary),
  'backups.settings': op(backupSettings, backupSettings),
  'backups.restore': op(
    z.object({ name: trimmed(200, 'Sauvegarde obligatoire.') }),
    z.object({ restoredFrom: z.string(), previousFile: z.string().nullable(), counts }),
  ),
} as const;
