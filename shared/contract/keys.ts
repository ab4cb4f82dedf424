import { z } from 'zod';
import { empty, op, trimmed } from './common.js';

/**
 * « Clé des documents » (administration): the keys that encrypt health documents at rest, the
 * recovery code that unwraps them on another machine, and their rotation (issue 9, « Keys »).
 */

const keySummary = z.object({
  /** Short id written in each encrypted file's header (`k1a2b3c4`). */
  id: z.string(),
  /** ISO instant. */
  createdAt: z.string(),
  /** Whether this desk holds the key itself (else only its copy wrapped for the recovery code). */
  onThisDesk: z.boolean(),
  /** Health documents still encrypted under this key. */
  documents: z.number(),
  current: z.boolean(),
});

export const documentKeyStatus = z.object({
  /**
   * `ready`: certificates can be stored and opened; `locked`: some keys of the keyring are not on
   * this desk (a restored backup, a new machine): the recovery code unlocks them; `none`: no key
   * could be made or read on this desk (the reason says why).
   */
  state: z.enum(['ready', 'locked', 'none']),
  reason: z.string().nullable(),
  recovery: z.object({ setUp: z.boolean(), createdAt: z.string().nullable(), createdBy: z.string().nullable() }),
  keys: z.array(keySummary),
  rotation: z.object({ pending: z.number(), running: z.boolean(), lastError: z.string().nullable() }),
});
export type DocumentKeyStatus = z.infer<typeof documentKeyStatus>;

/** A new recovery code, shown once, with its printable sheet (a PDF, never written to disk). */
const recoveryIssued = z.object({ code: z.string(), sheet: z.object({ fileName: z.string(), base64: z.string() }), status: documentKeyStatus });

export const keyOperations = {
  'documentKeys.status': op(empty, documentKeyStatus),
  'documentKeys.setupRecovery': op(empty, recoveryIssued),
  'documentKeys.renewRecovery': op(empty, recoveryIssued),
  'documentKeys.recover': op(z.object({ code: trimmed(64, 'Code de secours obligatoire.') }), documentKeyStatus),
  'documentKeys.rotate': op(empty, documentKeyStatus),
} as const;
