import { z } from 'zod';
import { id, ok, op } from './common.js';

/**
 * Business conflicts (issue 10, « Business conflicts »): what last-writer-wins per field would hide,
 * detected by the server (portal/sync/conflicts.ts) and kept with every version, so that an agent
 * chooses one in the « Conflits » list. The server writes them as `sync_conflicts` rows.
 */
export const CONFLICT_KINDS = ['request_decision', 'allocation_overrun', 'duplicate_child', 'dossier_number', 'guardian_rank', 'refund_overlap'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * One version: the desk that wrote it, when, and the rows it wrote with their values as they
 * travel (field names of the desk's store): a request's decision fields, a desk's allocations on
 * one invoice, a child and its family, a family and its dossier number, a guardian with its
 * family's name and dossier number, an accepted refund request with the days it refunds and its
 * pending credits (`refund_overlap`: two requests of one child refunding the same days).
 */
export const conflictVersion = z.object({
  deskId: z.string(),
  deskName: z.string(),
  /** ISO instant the version was written (as the desk stamped it), or null. */
  at: z.string().nullable(),
  rows: z.array(z.object({ entity: z.string(), rowId: z.string(), values: z.record(z.string(), z.unknown()) })),
});
export type ConflictVersion = z.infer<typeof conflictVersion>;
export const conflictVersions = z.array(conflictVersion);

/** Who resolves a conflict of each kind: the role that makes that decision in the first place. */
export const CONFLICT_ROLE: Readonly<Record<ConflictKind, 'instruction' | 'regie' | 'accueil'>> = {
  request_decision: 'instruction',
  allocation_overrun: 'regie',
  duplicate_child: 'accueil',
  dossier_number: 'accueil',
  guardian_rank: 'accueil',
  refund_overlap: 'instruction',
};

/** A conflict as the list shows it: every version described in French, side by side. */
const conflictView = z.object({
  id: z.string(),
  kind: z.enum(CONFLICT_KINDS),
  title: z.string(),
  /** What choosing does, in a sentence. */
  explanation: z.string(),
  familyId: z.string().nullable(),
  detectedAt: z.string(),
  /** `choose`: « Garder celle-ci » on each version; `acknowledge`: nothing to choose, « Vu ». */
  action: z.enum(['choose', 'acknowledge']),
  versions: z.array(z.object({ deskName: z.string(), at: z.string().nullable(), lines: z.array(z.string()) })),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  chosen: z.number().nullable(),
  /** Whether this agent's roles let them resolve it. */
  canResolve: z.boolean(),
});
export type ConflictView = z.infer<typeof conflictView>;

export const conflictOperations = {
  'conflicts.list': op(
    z.object({ state: z.enum(['open', 'resolved'], { error: 'État\u00a0: «\u00a0open\u00a0» ou «\u00a0resolved\u00a0».' }).default('open') }).strict().default({ state: 'open' }),
    z.object({ rows: z.array(conflictView), openCount: z.number() }),
  ),
  /** Keeps version `chosen` (its index); null acknowledges a conflict that has nothing to choose. */
  'conflicts.resolve': op(
    z.object({ id, chosen: z.number({ error: 'Version choisie\u00a0: un numéro.' }).int().min(0, { error: 'Version choisie\u00a0: un numéro.' }).nullable() }).strict(),
    ok,
  ),
} as const;
