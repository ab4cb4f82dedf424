import type { AppContext } from '../../context.js';
import { requireRecord, type RowOf } from '../../store/records.js';
import { families } from '../../store/schema.js';
import { conflict } from '../../store/sql.js';

/**
 * Whether a family file may still be written to: the one check every writer calls (DESIGN.md:
 * an archived file is read-only). Its own small domain, below billing, so that billing (cancelling
 * or billing an invoice again), payments and every other writer can call it; the status itself is
 * changed only by families/lifecycle.ts.
 */

export type FamilyRecord = RowOf<typeof families>;

export function requireFamily(ctx: AppContext, familyId: string): FamilyRecord {
  return requireRecord(ctx, families, familyId, 'Ce dossier famille n’existe pas (ou plus).');
}

/** The family, if it may still be written to: archived files are read-only. */
export function requireWritableFamily(ctx: AppContext, familyId: string): FamilyRecord {
  const family = requireFamily(ctx, familyId);
  if (family.status === 'archived') throw conflict('Ce dossier est archivé\u00a0: il ne peut plus être modifié.');
  return family;
}

