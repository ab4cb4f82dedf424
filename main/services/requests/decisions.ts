import { AppError } from '../../../shared/contract/errors.js';
import { type ClosedDecision, REQUEST_SCHEMAS, type RefundDecision, type RefundDetails, type RequestStatus, type RhythmDecision } from '../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { HEALTH_PERMISSION } from '../../../shared/contract/permissions.js';
import { hideVerdictHealth } from '../../../shared/rules/health-visibility.js';
import { type RefundVerdict, refundVerdict } from '../../../shared/rules/refund.js';
import { rhythmEffectiveFrom } from '../../../shared/rules/rhythm.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { insertRecord, type RowOf } from '../../store/records.js';
import { pendingCredits } from '../../store/schema.js';
import { IN_FORCE, listPeriods, scheduledMeals } from '../billing/index.js';
import { all, conflict, nowIso, one } from '../../store/sql.js';
import { setRhythm } from '../families/index.js';
import { requireOpenRequest, requireRequest, storedDetails, updateRequest, type RequestRecord } from './requests.js';

/**
 * Decisions on requests: refund (règlement intérieur, article 8, by shared/rules/refund.ts),
 * rhythm change (from the next billing period, by shared/rules/rhythm.ts) and corrections.
 */

interface BilledLine {
  kind: string;
  days: string;
  unit_price_cents: number;
}

/**
 * What was billed for a child: each day of a meals line of an invoice in force with the price
 * billed, less the days credited since (closure or radiation credits in force). A refund also
 * counts the days scheduled in a period not billed yet (`scheduledMeals`); a radiation credits
 * only billed days (the days after it are no longer billed).
 */
export function billedDays(ctx: AppContext, childId: string): Map<string, number> {
  const lines = all<BilledLine>(
    ctx,
    `SELECT l.kind, l.days, l.unit_price_cents FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
     WHERE l.child_id = ? AND i.kind = 'invoice' AND ${IN_FORCE} ORDER BY i.issued_on, l.position`,
    childId,
  );
  const prices = new Map<string, number>();
  for (const l of lines) if (l.kind === 'meals') for (const d of JSON.parse(l.days) as string[]) prices.set(d, l.unit_price_cents);
  for (const l of lines) {
    if (l.kind === 'closure_credit' || l.kind === 'radiation_credit') for (const d of JSON.parse(l.days) as string[]) prices.delete(d);
  }
  return prices;
}

/** Days already refunded to a child: refund credit lines in force and refund credits pending. */
export function refundedDays(ctx: AppContext, childId: string): string[] {
  const out = new Set<string>();
  for (const l of all<{ days: string }>(
    ctx,
    `SELECT l.days FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
     WHERE l.child_id = ? AND l.kind = 'refund_credit' AND ${IN_FORCE}`,
    childId,
  )) {
    for (const d of JSON.parse(l.days) as string[]) out.add(d);
  }
  for (const p of all<{ days: string }>(ctx, "SELECT days FROM pending_credits WHERE child_id = ? AND kind = 'refund_credit'", childId)) {
    for (const d of JSON.parse(p.days) as string[]) out.add(d);
  }
  return [...out].sort();
}

/**
 * Writes the pending credits for a child's days (each at the price it was billed, from `prices`):
 * one credit per unit price, since prices may differ across periods, so the credit is right to the
 * cent. Each is audited; returns their ids.
 */
export function writePendingCredits(
  ctx: AppContext,
  credit: {
    familyId: string;
    childId: string | null;
    kind: 'refund_credit' | 'radiation_credit';
    days: readonly string[];
    prices: ReadonlyMap<string, number>;
    reason: (count: number) => string;
    createdAt: string;
    /** Days of a period not billed yet → that period: one credit per such period, deducted by its run. */
    unbilledPeriodOf?: ReadonlyMap<string, string>;
  },
): string[] {
  const groups = new Map<string, { price: number; days: string[] }>();
  for (const d of credit.days) {
    // Credited days are billed (or scheduled) days: each has its price (never a credit at 0 €).
    const price = credit.prices.get(d);
    if (price === undefined) throw new Error(`No billed price for ${d}`);
    const key = `${price}|${credit.unbilledPeriodOf?.get(d) ?? ''}`;
    const group = groups.get(key);
    if (group) group.days.push(d);
    else groups.set(key, { price, days: [d] });
  }
  const ids: string[] = [];
  for (const { price, days } of groups.values()) {
    const row: RowOf<typeof pendingCredits> = {
      id: ctx.newId(),
      familyId: credit.familyId,
      childId: credit.childId,
      kind: credit.kind,
      days: JSON.stringify(days),
      unitPriceCents: price,
      amountCents: -days.length * price,
      reason: credit.reason(days.length),
      createdAt: credit.createdAt,
      appliedInvoiceId: null,
    };
    insertRecord(ctx, pendingCredits, row, { action: 'credit.pending', familyId: credit.familyId });
    ids.push(row.id);
  }
  return ids;
}

interface VerdictWithPrices {
  verdict: RefundVerdict;
  prices: Map<string, number>;
  /** Days of a period not billed yet → that period's id. */
  unbilledPeriodOf: Map<string, string>;
  details: RefundDetails;
  request: RequestRecord;
}

function computeVerdict(ctx: AppContext, request: RequestRecord): VerdictWithPrices {
  if (request.childId === null) throw conflict('Cette demande ne désigne pas d’enfant.');
  const details = storedDetails(request, REQUEST_SCHEMAS.refund.details);
  const prices = billedDays(ctx, request.childId);
  // In a period not billed yet, the days the child is scheduled to eat, at the price its run will
  // bill: refunded too, deducted from that period's invoice (billing waits for its run).
  const scheduled = scheduledMeals(ctx, request.childId, { from: details.absenceFrom, to: details.absenceTo });
  const unbilledPeriodOf = new Map<string, string>();
  for (const period of scheduled) {
    for (const day of period.days) {
      if (prices.has(day)) continue;
      prices.set(day, period.unitPriceCents);
      unbilledPeriodOf.set(day, period.periodId);
    }
  }
  const served = [...prices.keys()].sort();
  const hasCertificate = one(ctx, 'SELECT id FROM documents WHERE request_id = ? AND is_health = 1 LIMIT 1', request.id) !== undefined;
  const verdict = refundVerdict({
    reason: details.reason,
    absence: { from: details.absenceFrom, to: details.absenceTo },
    servedDays: served,
    receivedOn: request.receivedOn,
    certificate: hasCertificate ? { original: details.certificateOriginal, noErasures: details.certificateNoErasures } : null,
    schoolHeadVisa: details.schoolHeadVisa,
    // Each day at the price billed that day: the amount and the messages come from the same figures.
    dayPricesCents: Object.fromEntries(prices),
    alreadyRefundedDays: refundedDays(ctx, request.childId),
    unbilledPeriods: scheduled.map((p) => ({ label: p.label, from: p.start, to: p.end })),
  });
  return { verdict, prices, unbilledPeriodOf, details, request };
}

/** The verdict on a refund request, from the store: every check, passed or failed. */
export function refundVerdictFor(ctx: AppContext, requestId: string): RefundVerdict {
  return verdictSeenBy(ctx, computeVerdict(ctx, requireRequest(ctx, requestId, 'refund')).verdict);
}

/** The verdict as this agent may read it: without the health permission, the free-text reason is not quoted. */
function verdictSeenBy(ctx: AppContext, verdict: RefundVerdict): RefundVerdict {
  return ctx.roles.has(HEALTH_PERMISSION) ? verdict : hideVerdictHealth(verdict);
}

/** The failed checks' messages, as every agent and the family may read them (never the free-text reason). */
const failedMessages = (verdict: RefundVerdict) => hideVerdictHealth(verdict).checks.filter((c) => !c.ok).map((c) => c.message);

/** A refund credit's reason, as the family reads it on its invoice: « Remboursement maladie du 09/03/2026 au 13/03/2026 : 4 repas ». */
const refundReason = (details: RefundDetails) => (count: number) =>
  `Remboursement maladie du ${formatFrenchDate(details.absenceFrom)} au ${formatFrenchDate(details.absenceTo)}\u00a0: ${count} repas`;

export function decideRefund(
  ctx: AppContext,
  input: { requestId: string; decision: 'accept' | 'refuse' | 'missing_documents'; note?: string | null; missingPieces?: string[] },
): { status: RequestStatus; verdict: RefundVerdict; pendingCreditIds: string[] } {
  return transaction(ctx, () => {
    const { verdict, prices, unbilledPeriodOf, details, request } = computeVerdict(ctx, requireOpenRequest(ctx, input.requestId, 'refund'));
    const note = input.note ?? null;
    const decided = { decidedAt: nowIso(), decidedBy: ctx.actor, letterNote: note };

    if (input.decision === 'missing_documents') {
      const pieces = input.missingPieces?.length ? input.missingPieces : failedMessages(verdict);
      if (pieces.length === 0) throw AppError.invalid('missingPieces', 'Pièces manquantes\u00a0: indiquez au moins une pièce manquante.');
      updateRequest(
        ctx,
        request,
        { status: 'missing_documents', missingPieces: JSON.stringify(pieces), letterNote: note, handledBy: request.handledBy ?? ctx.actor },
        'request.status',
      );
      return { status: 'missing_documents' as const, verdict: verdictSeenBy(ctx, verdict), pendingCreditIds: [] };
    }

    if (input.decision === 'refuse') {
      const decision: RefundDecision = { decision: 'refuse', verdict, failedChecks: verdict.checks.filter((c) => !c.ok), note };
      updateRequest(ctx, request, { status: 'refused', decision: JSON.stringify(decision), ...decided }, 'request.decide');
      return { status: 'refused' as const, verdict: verdictSeenBy(ctx, verdict), pendingCreditIds: [] };
    }

    if (!verdict.eligible) {
      throw conflict(`Le remboursement ne peut pas être accepté\u00a0: ${failedMessages(verdict).join(' ')}`);
    }
    if (request.familyId === null) throw conflict('Cette demande ne désigne pas de dossier famille.');
    const pendingCreditIds = writeRefundCredits(ctx, request.familyId, request.childId, { verdict, prices, unbilledPeriodOf, details });
    const decision: RefundDecision = { decision: 'accept', verdict, pendingCreditIds, note };
    updateRequest(ctx, request, { status: 'accepted', decision: JSON.stringify(decision), ...decided }, 'request.decide');
    return { status: 'accepted' as const, verdict: verdictSeenBy(ctx, verdict), pendingCreditIds };
  });
}

/** The refund credits of an accepted request: its verdict's days, at the prices billed. */
function writeRefundCredits(ctx: AppContext, familyId: string, childId: string | null, v: Omit<VerdictWithPrices, 'request'>): string[] {
  return writePendingCredits(ctx, {
    familyId,
    childId,
    kind: 'refund_credit',
    days: v.verdict.refundedDays,
    prices: v.prices,
    reason: refundReason(v.details),
    createdAt: nowIso(),
    unbilledPeriodOf: v.unbilledPeriodOf,
  });
}

/**
 * An accepted refund kept in a « Conflits » choice whose pending credits are gone: another agent,
 * at the same time on another desk, kept the other version of the conflict and withdrew them (the
 * server then lists the conflict again). Its credits are made again, as the rules give them now:
 * for the days of its absence not refunded since (a day is never refunded twice), with its
 * decision's JSON naming them. Nothing is written when none is missing.
 */
export function remakeRefundCredits(ctx: AppContext, requestId: string): void {
  const request = requireRequest(ctx, requestId);
  if (request.type !== 'refund' || request.status !== 'accepted' || request.decision === null || request.familyId === null) return;
  const decision = REQUEST_SCHEMAS.refund.decision.safeParse(JSON.parse(request.decision));
  if (!decision.success || decision.data.decision !== 'accept') return;
  const kept = decision.data.pendingCreditIds.filter((id) => one(ctx, 'SELECT 1 FROM pending_credits WHERE id = ?', id) !== undefined);
  if (kept.length === decision.data.pendingCreditIds.length) return;
  const { verdict, prices, unbilledPeriodOf, details } = computeVerdict(ctx, request);
  const made = writeRefundCredits(ctx, request.familyId, request.childId, { verdict, prices, unbilledPeriodOf, details });
  const remade: RefundDecision = { ...decision.data, verdict, pendingCreditIds: [...kept, ...made] };
  updateRequest(ctx, request, { decision: JSON.stringify(remade) }, 'request.decide');
}

/**
 * A rhythm change: accepted, the child's new rhythm takes effect at the start of the first billing
 * period that begins after today (the validation date), written through the families service.
 */
export function decideRhythm(
  ctx: AppContext,
  input: { requestId: string; decision: 'accept' | 'refuse'; note?: string | null },
): { status: RequestStatus; effectiveFrom: string | null } {
  return transaction(ctx, () => {
    const request = requireOpenRequest(ctx, input.requestId, 'rhythm');
    if (request.childId === null) throw conflict('Cette demande ne désigne pas d’enfant.');
    const note = input.note ?? null;
    const decided = { decidedAt: nowIso(), decidedBy: ctx.actor, letterNote: note };
    if (input.decision === 'refuse') {
      const decision: RhythmDecision = { decision: 'refuse', note };
      updateRequest(ctx, request, { status: 'refused', decision: JSON.stringify(decision), ...decided }, 'request.decide');
      return { status: 'refused' as const, effectiveFrom: null };
    }
    const today = ctx.today();
    const effectiveFrom = rhythmEffectiveFrom(
      today,
      listPeriods(ctx).map((p) => ({ id: p.id, start: p.start, end: p.end })),
    );
    if (effectiveFrom === null) {
      throw conflict(
        `Aucune période de facturation ne commence après le ${formatFrenchDate(today)}\u00a0: créez d’abord les périodes de l’année scolaire suivante.`,
      );
    }
    const details = storedDetails(request, REQUEST_SCHEMAS.rhythm.details);
    const rhythm = setRhythm(ctx, { childId: request.childId, weekdays: details.weekdays, effectiveFrom });
    const decision: RhythmDecision = { decision: 'accept', weekdays: details.weekdays, effectiveFrom, rhythmId: rhythm.id, note };
    updateRequest(ctx, request, { status: 'accepted', decision: JSON.stringify(decision), ...decided }, 'request.decide');
    return { status: 'accepted' as const, effectiveFrom };
  });
}

/**
 * A correction (or a contact message) is handled by editing the file with the usual operations
 * (their audit keeps the before and after); closing it records what was done.
 */
export function closeCorrection(ctx: AppContext, input: { requestId: string; note: string }): { ok: true } {
  return transaction(ctx, () => {
    const request = requireOpenRequest(ctx, input.requestId);
    if (request.type !== 'correction' && request.type !== 'contact') {
      throw conflict('Seules une demande de correction ou un message de contact se clôturent ainsi.');
    }
    updateRequest(
      ctx,
      request,
      {
        status: 'done',
        decision: JSON.stringify({ decision: 'done', note: input.note } satisfies ClosedDecision),
        decidedAt: nowIso(),
        decidedBy: ctx.actor,
        letterNote: input.note,
      },
      'request.decide',
    );
    return { ok: true as const };
  });
}
