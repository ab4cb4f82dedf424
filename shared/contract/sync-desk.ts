import { z } from 'zod';
import { empty, op, trimmed } from './common.js';

/** The desk's sync state for its status strip, and « Synchroniser maintenant » (issue 10, « On the desk »). */
export const syncStatus = z.object({
  /** `none`: not enrolled with a server; `offline`: the server cannot be reached (the desk works on). */
  state: z.enum(['none', 'synced', 'running', 'offline', 'error']),
  server: z.object({ url: z.string(), deskName: z.string() }).nullable(),
  /** ISO instant of the last complete sync. */
  lastSyncAt: z.string().nullable(),
  /** Changes of this desk waiting to be sent. */
  pending: z.number(),
  /** French reason of the last failure (`offline`, `error`). */
  error: z.string().nullable(),
  /**
   * How far a long pull is (`running` only): server sequence numbers done and to do, and whether
   * it is the desk's first (« Première synchronisation : 42 % »).
   */
  progress: z.object({ done: z.number(), total: z.number(), first: z.boolean() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const syncDeskOperations = {
  'sync.status': op(empty, syncStatus),
  'sync.now': op(empty, syncStatus),
  /** « Réglages › Serveur »: the server's address and the one-time code from `portal:cli desk enrol`. */
  'sync.connect': op(z.object({ url: trimmed(300, 'Adresse du serveur obligatoire.'), code: trimmed(40, 'Code d’enrôlement obligatoire.') }), syncStatus),
} as const;
