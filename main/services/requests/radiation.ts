import { type RadiationDecision, REQUEST_SCHEMAS, type RequestStatus } from '../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { radiationLastBilledDay } from '../../../shared/rules/radiation.js';
import type { AppContext } from '../../context.js';
import { asc, eq } from 'drizzle-orm';
import { transaction } from '../../store/journal.js';
import { updateRecord } from '../../store/records.js';
import { children } from '../../store/schema.js';
import { radiateFamily, requireWritableFamily } from '../families/index.js';
import { all, conflict, nowIso, one } from '../../store/sql.js';
import { billedDays, refundedDays, writePendingCredits } from './decisions.js';
import { requireOpenRequest, storedDetails, updateRequest } from './requests.js';

/**
 * Radiation (DESIGN.md, « Radiation »): billing stops after the later of the moving date and the
 * date the request is received; days already billed after it become pending credits; the file is
 * radiated, then archived once its account is settled, and purged after the retention period.
 */

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
    const request = requireOpenRequest(ctx, input.requestId, 'radiation');
    const note = input.note ?? null;
    const decided = { decidedAt: nowIso(), decidedBy: ctx.actor, letterNote: note };
    const none = { lastBilledDay: null, purgeAfter: null, pendingCreditIds: [] };

    if (input.decision === 'missing_documents') {
      const pieces = input.missingPieces?.length ? input.missingPieces : ['Certificat de radiation'];
      updateRequest(
        ctx,
        request,
        { status: 'missing_documents', missingPieces: JSON.stringify(pieces), letterNote: note, handledBy: request.handledBy ?? ctx.actor },
        'request.status',
      );
      return { status: 'missing_documents' as const, ...none };
    }
    if (input.decision === 'refuse') {
      const decision: RadiationDecision = { decision: 'refuse', note };
      updateRequest(ctx, request, { status: 'refused', decision: JSON.stringify(decision), ...decided }, 'request.decide');
      return { status: 'refused' as const, ...none };
    }

    if (!one(ctx, "SELECT id FROM documents WHERE request_id = ? AND kind = 'radiation_certificate' LIMIT 1", request.id)) {
      throw conflict('Le certificat de radiation est obligatoire avant l’acceptation.');
    }
    if (request.familyId === null) throw conflict('Cette demande ne désigne pas de dossier famille.');
    const family = requireWritableFamily(ctx, request.familyId);

    const details = storedDetails(request, REQUEST_SCHEMAS.radiation.details);
    const lastDay = radiationLastBilledDay(details.movingDate, request.receivedOn);
    const at = nowIso();

    // Every child stops being billed after the last day.
    const kids = ctx.store.db.select().from(children).where(eq(children.familyId, family.id)).orderBy(asc(children.birthDate), asc(children.id)).all();
    const pendingCreditIds: string[] = [];
    let creditedDays = 0;
    for (const kid of kids) {
      if (kid.enrolledTo === null || kid.enrolledTo > lastDay) {
        updateRecord(ctx, children, kid, { enrolledTo: lastDay, updatedAt: at }, { action: 'child.update', familyId: family.id });
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

    const purgeDate = radiateFamily(ctx, family.id, lastDay);

    const decision: RadiationDecision = { decision: 'accept', movingDate: details.movingDate, lastBilledDay: lastDay, creditedDays, pendingCreditIds, purgeAfter: purgeDate, note };
    updateRequest(ctx, request, { status: 'accepted', decision: JSON.stringify(decision), ...decided }, 'request.decide');
    return { status: 'accepted' as const, lastBilledDay: lastDay, purgeAfter: purgeDate, pendingCreditIds };
  });
}
