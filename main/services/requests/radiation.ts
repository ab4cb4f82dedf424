import { AppError } from '../../../shared/contract/errors.js';
import type { RequestStatus } from '../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { formatCents } from '../../../shared/domain/money.js';
import { radiationLastBilledDay } from '../../../shared/rules/radiation.js';
import type { AppContext } from '../../context.js';
import { record, transaction } from '../journal.js';
import { familyAccount } from '../payments/account.js';
import { reindexFamily } from '../search-index.js';
import { all, conflict, nowIso, one, updateRow } from '../billing/sql.js';
import { billedDays, refundedDays, writePendingCredits } from './decisions.js';
import { requireOpen, requireRequest, updateRequest } from './requests.js';

/**
 * Radiation (DESIGN.md, « Radiation »): billing stops after the later of the moving date and the
 * date the request is received; days already billed after it become pending credits; the file is
 * radiated, then archived once its account is settled, and purged after the retention period.
 */

export const RETENTION_SETTING = 'retention.years';
export const DEFAULT_RETENTION_YEARS = 3;
/** Settings key holding a radiated family's purge date (`YYYY-MM-DD`). */
export const purgeAfterKey = (familyId: string) => `purge_after.${familyId}`;

interface FamilyRow {
  id: string;
  status: string;
  updated_at: string;
}

function setting(ctx: AppContext, key: string): string | undefined {
  return one<{ value: string }>(ctx, 'SELECT value FROM settings WHERE key = ?', key)?.value;
}

/** Retention in years: setting `retention.years` (whole number ≥ 1), 3 by default. */
export function retentionYears(ctx: AppContext): number {
  const raw = setting(ctx, RETENTION_SETTING);
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
  return setting(ctx, purgeAfterKey(familyId)) ?? null;
}

function writeSetting(ctx: AppContext, key: string, value: string, familyId: string): void {
  const before = setting(ctx, key);
  ctx.store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  record(ctx, { action: 'setting.set', entity: 'settings', entityId: key, familyId, before: before === undefined ? null : { value: before }, after: { value } });
}

export interface RadiationResult {
  status: RequestStatus;
  lastBilledDay: string | null;
  purgeAfter: string | null;
  pendingCreditIds: string[];
}

export function decideRadiation(
  ctx: AppContext,
  input: { requestId: string; decision: 'accept' | 'refuse' | 'missing_documents'; note?: string | null; missingPieces?: string[] },
): RadiationResult {
  return transaction(ctx, () => {
    const request = requireRequest(ctx, input.requestId, 'radiation');
    requireOpen(request);
    const note = input.note ?? null;
    const decided = { decided_at: nowIso(), decided_by: ctx.actor, letter_note: note };
    const none = { lastBilledDay: null, purgeAfter: null, pendingCreditIds: [] };

    if (input.decision === 'missing_documents') {
      const pieces = input.missingPieces?.length ? input.missingPieces : ['Certificat de radiation'];
      updateRequest(
        ctx,
        request,
        { status: 'missing_documents', missing_pieces: JSON.stringify(pieces), letter_note: note, handled_by: request.handled_by ?? ctx.actor },
        'request.status',
      );
      return { status: 'missing_documents' as const, ...none };
    }
    if (input.decision === 'refuse') {
      updateRequest(ctx, request, { status: 'refused', decision: JSON.stringify({ decision: 'refuse', note }), ...decided }, 'request.decide');
      return { status: 'refused' as const, ...none };
    }

    if (!one(ctx, "SELECT id FROM documents WHERE request_id = ? AND kind = 'radiation_certificate' LIMIT 1", request.id)) {
      throw conflict('Le certificat de radiation est obligatoire avant l’acceptation.');
    }
    if (request.family_id === null) throw conflict('Cette demande ne désigne pas de dossier famille.');
    const family = one<FamilyRow>(ctx, 'SELECT id, status, updated_at FROM families WHERE id = ?', request.family_id);
    if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
    if (family.status === 'archived') throw conflict('Ce dossier est archivé\u00a0: il ne peut plus être modifié.');

    const details = JSON.parse(request.details) as { movingDate: string };
    const lastDay = radiationLastBilledDay(details.movingDate, request.received_on);
    const at = nowIso();

    // Every child stops being billed after the last day.
    const kids = all<{ id: string; enrolled_to: string | null; updated_at: string }>(
      ctx,
      'SELECT id, enrolled_to, updated_at FROM children WHERE family_id = ? ORDER BY birth_date, id',
      family.id,
    );
    const pendingCreditIds: string[] = [];
    let creditedDays = 0;
    for (const kid of kids) {
      if (kid.enrolled_to === null || kid.enrolled_to > lastDay) {
        updateRow(ctx, 'children', kid.id, { enrolled_to: lastDay, updated_at: at });
        record(ctx, {
          action: 'child.update',
          entity: 'children',
          entityId: kid.id,
          familyId: family.id,
          before: { enrolled_to: kid.enrolled_to, updated_at: kid.updated_at },
          after: { enrolled_to: lastDay, updated_at: at },
        });
      }
      // Days billed after the last day, not yet credited (lines in force or credits pending).
      const prices = billedDays(ctx, kid.id);
      const done = new Set(refundedDays(ctx, kid.id));
      for (const p of all<{ days: string }>(
        ctx,
        "SELECT days FROM pending_credits WHERE child_id = ? AND kind = 'radiation_credit' AND applied_invoice_id IS NULL",
        kid.id,
      )) {
        for (const d of JSON.parse(p.days) as string[]) done.add(d);
      }
      const days = [...prices.keys()].filter((day) => day > lastDay && !done.has(day)).sort();
      pendingCreditIds.push(
        ...writePendingCredits(ctx, {
          familyId: family.id,
          childId: kid.id,
          kind: 'radiation_credit',
          days,
          prices,
          reason: (count) => `Radiation au ${formatFrenchDate(lastDay)}\u00a0: ${count} repas facturés après le départ`,
          createdAt: at,
        }),
      );
      creditedDays += days.length;
    }

    updateRow(ctx, 'families', family.id, { status: 'radiated', updated_at: at });
    record(ctx, {
      action: 'family.radiate',
      entity: 'families',
      entityId: family.id,
      familyId: family.id,
      before: { status: family.status, updated_at: family.updated_at },
      after: { status: 'radiated', updated_at: at },
    });
    const purgeDate = addYears(lastDay, retentionYears(ctx));
    writeSetting(ctx, purgeAfterKey(family.id), purgeDate, family.id);
    reindexFamily(ctx, family.id);

    const decision = { decision: 'accept', movingDate: details.movingDate, lastBilledDay: lastDay, creditedDays, pendingCreditIds, purgeAfter: purgeDate, note };
    updateRequest(ctx, request, { status: 'accepted', decision: JSON.stringify(decision), ...decided }, 'request.decide');
    return { status: 'accepted' as const, lastBilledDay: lastDay, purgeAfter: purgeDate, pendingCreditIds };
  });
}

/**
 * Archives a radiated family whose account is settled (nothing due, no credit left, no credit
 * pending): the file becomes read-only (families.ts) and waits for its purge date.
 */
export function archiveFamily(ctx: AppContext, familyId: string): { ok: true; purgeAfter: string | null } {
  return transaction(ctx, () => {
    const family = one<FamilyRow>(ctx, 'SELECT id, status, updated_at FROM families WHERE id = ?', familyId);
    if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
    if (family.status === 'archived') throw conflict('Ce dossier est déjà archivé.');
    if (family.status !== 'radiated') throw conflict('Seul un dossier radié peut être archivé (acceptez d’abord la demande de radiation).');
    const account = familyAccount(ctx, familyId);
    if (account.balanceCents !== 0 || account.dueCents !== 0 || account.creditCents !== 0) {
      throw conflict(`Le compte n’est pas soldé (solde\u00a0: ${formatCents(account.balanceCents)})\u00a0: le dossier ne peut pas être archivé.`);
    }
    if (account.pendingCredits.length > 0) {
      throw conflict('Des avoirs attendent encore une facture\u00a0: émettez la facture de clôture avant d’archiver le dossier.');
    }
    const at = nowIso();
    updateRow(ctx, 'families', familyId, { status: 'archived', updated_at: at });
    record(ctx, {
      action: 'family.archive',
      entity: 'families',
      entityId: familyId,
      familyId,
      before: { status: family.status, updated_at: family.updated_at },
      after: { status: 'archived', updated_at: at },
    });
    reindexFamily(ctx, familyId);
    return { ok: true as const, purgeAfter: purgeAfter(ctx, familyId) };
  });
}
