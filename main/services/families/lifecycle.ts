import type { AuditAction } from '../../../shared/contract/audit.js';
import type { FamilyStatus } from '../../../shared/contract/families.js';
import { formatCents } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { updateRecord } from '../../store/records.js';
import { type FamilyRecord, requireFamily, requireWritableFamily } from '../family-status/index.js';
import { families } from '../../store/schema.js';
import { all, conflict, nowIso } from '../../store/sql.js';
import { readSetting } from '../../store/settings.js';
import { familyAccount } from '../billing/index.js';
import { reindexFamily } from './search-index.js';

/**
 * The one owner of a family file's status (DESIGN.md « Radiation »): en attente → actif on an
 * agent's validation; actif (or en attente) → radié when a radiation is accepted; radié → archivé
 * once the account is settled; archivé → purgé after the retention period (purge.ts). No other code
 * writes `families.status`, and every writer of a file calls `requireWritableFamily` first.
 */


const RETENTION_SETTING = 'retention.years';
const DEFAULT_RETENTION_YEARS = 3;

/**
 * Every path into « radié » or « archivé » writes the purge date (`families.purge_after`) with the
 * status: radiation, archiving, and a file created so (import, creation with a status).
 */
function setStatus(ctx: AppContext, family: FamilyRecord, status: FamilyStatus, action: AuditAction, purgeAfter: string | null): void {
  updateRecord(ctx, families, family, { status, purgeAfter, updatedAt: nowIso() }, { action, familyId: family.id });
  reindexFamily(ctx, family.id);
}

/** En attente → actif: an agent has checked a file created from the portal or an import. */
export function validateFamily(ctx: AppContext, familyId: string): { ok: true } {
  return transaction(ctx, () => {
    const family = requireWritableFamily(ctx, familyId);
    if (family.status !== 'pending') throw conflict('Seul un dossier en attente de validation peut être validé.');
    setStatus(ctx, family, 'active', 'family.validate', null);
    return { ok: true as const };
  });
}

/**
 * Radié: billing has stopped after `lastBilledDay` (the radiation decision ends the enrolments);
 * the purge date is the last billed day plus the retention period. Call inside the decision's
 * transaction. Returns the purge date.
 */
export function radiateFamily(ctx: AppContext, familyId: string, lastBilledDay: string): string {
  const family = requireWritableFamily(ctx, familyId);
  if (family.status !== 'active' && family.status !== 'pending') throw conflict('Ce dossier est déjà radié.');
  const purgeDate = addYears(lastBilledDay, retentionYears(ctx));
  setStatus(ctx, family, 'radiated', 'family.radiate', purgeDate);
  return purgeDate;
}

/**
 * Archives a radiated family whose account is settled (nothing due, no credit left, no credit
 * pending): the file becomes read-only and waits for its purge date.
 */
export function archiveFamily(ctx: AppContext, familyId: string): { ok: true; purgeAfter: string | null } {
  return transaction(ctx, () => {
    const family = requireFamily(ctx, familyId);
    if (family.status === 'archived') throw conflict('Ce dossier est déjà archivé.');
    if (family.status !== 'radiated') throw conflict('Seul un dossier radié peut être archivé (acceptez d’abord la demande de radiation).');
    const account = familyAccount(ctx, familyId);
    if (account.balanceCents !== 0 || account.dueCents !== 0 || account.creditCents !== 0) {
      throw conflict(`Le compte n’est pas soldé (solde\u00a0: ${formatCents(account.balanceCents)})\u00a0: le dossier ne peut pas être archivé.`);
    }
    if (account.pendingCredits.length > 0) {
      throw conflict('Des avoirs attendent encore une facture\u00a0: émettez la facture de clôture avant d’archiver le dossier.');
    }
    // The radiation set the date; a file radiated without one (an old import) gets it now.
    const ends = all<{ enrolled_to: string | null }>(ctx, 'SELECT enrolled_to FROM children WHERE family_id = ?', familyId).map((c) => c.enrolled_to);
    const purgeDate = family.purgeAfter ?? initialPurgeDate(ctx, ends, ctx.today()) ?? ctx.today();
    setStatus(ctx, family, 'archived', 'family.archive', purgeDate);
    return { ok: true as const, purgeAfter: purgeDate };
  });
}

/* ---------- retention ---------- */

/**
 * The purge date of a file created already radiated or archived (CSV import of a history,
 * creation with a status): the last day a child was enrolled, or `fallbackDay` (today) when a
 * child has no end date or there is no child, plus the retention period. Null for other statuses.
 */
export function initialPurgeDate(ctx: AppContext, enrolledTo: (string | null)[], fallbackDay: string, status: FamilyStatus = 'archived'): string | null {
  if (status !== 'radiated' && status !== 'archived') return null;
  const ends = enrolledTo.filter((d): d is string => d !== null);
  const base = ends.length > 0 && ends.length === enrolledTo.length ? ends.reduce((a, b) => (a > b ? a : b)) : fallbackDay;
  return addYears(base, retentionYears(ctx));
}

/** Retention in years: setting `retention.years` (whole number ≥ 1), 3 by default. */
function retentionYears(ctx: AppContext): number {
  const raw = readSetting(ctx, RETENTION_SETTING);
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_RETENTION_YEARS;
}

/** `YYYY-MM-DD` plus whole years (29 February becomes 28 February). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** The purge date stored for a family, or null. */
export function purgeAfter(ctx: AppContext, familyId: string): string | null {
  return requireFamily(ctx, familyId).purgeAfter;
}
