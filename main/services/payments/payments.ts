import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors.js';
import type { PaymentAllocationPlan, PaymentData, PaymentResult } from '../../../shared/contract/payments.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { formatCents } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { requireWritableFamily } from '../families/index.js';
import {
  allocateReceiptNumber,
  applyCredits,
  creditSources,
  planAllocations,
  releaseAllocations,
  unpaidInvoices,
  writeAllocation,
  type UnpaidInvoice,
} from '../billing/index.js';
import { OutboxWriter } from '../../store/outbox.js';
import { conflict, nowIso, one, prepared } from '../../store/sql.js';
import { audit, transaction } from '../../store/journal.js';
import { insertRecord, requireRecord, type RowOf, updateRecord } from '../../store/records.js';
import { payments } from '../../store/schema.js';

/**
 * Payments at the counter (DESIGN.md « Payments »): recorded once (an idempotency key makes a
 * retried request harmless), applied to the family's unpaid invoices — the oldest first, or the
 * ones the agent chose — and any excess kept as the family's credit. Never deleted: a mistake is
 * cancelled with its reason, and the money it paid goes back to the invoices' « reste dû ».
 */

export type PaymentRecord = RowOf<typeof payments>;

/** The request's content, in a fixed order: same key and same content = the same payment. */
function fingerprint(input: PaymentData): string {
  return JSON.stringify([
    input.familyId,
    input.method,
    input.amountCents,
    input.receivedOn,
    input.bank,
    input.chequeNumber,
    input.reference,
    input.allocation === 'oldest' ? 'oldest' : input.allocation.invoiceIds,
  ]);
}

function resultOf(ctx: AppContext, payment: PaymentRecord, replayed: boolean): PaymentResult {
  const allocations = prepared(
    ctx.store.sqlite,
    `SELECT a.invoice_id AS invoiceId, i.number, a.amount_cents AS amountCents FROM payment_allocations a
     JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? AND a.released_at IS NULL ORDER BY a.rowid`,
  ).all(payment.id) as PaymentResult['allocations'];
  const allocated = allocations.reduce((s, a) => s + a.amountCents, 0);
  return {
    paymentId: payment.id,
    receiptNumber: payment.receiptNumber,
    replayed,
    allocations,
    unallocatedCents: payment.status === 'valid' ? payment.amountCents - allocated : 0,
  };
}

type PlanInput = Pick<PaymentData, 'familyId' | 'amountCents' | 'allocation'>;

/**
 * What a payment pays: the family's unpaid invoices, oldest first, or the ones the agent chose
 * (checked: the family's, with something left to pay), by the allocation rule of the billing
 * domain; the rest becomes the family's credit. Writes nothing: `recordPayment` writes exactly
 * this plan, and `previewPayment` shows it before recording.
 */
function planPayment(ctx: AppContext, input: PlanInput): PaymentAllocationPlan {
  let targets: UnpaidInvoice[];
  const unpaid = unpaidInvoices(ctx, input.familyId);
  if (input.allocation === 'oldest') {
    targets = unpaid;
  } else {
    targets = [];
    for (const [i, invoiceId] of [...new Set(input.allocation.invoiceIds)].entries()) {
      const found = unpaid.find((u) => u.id === invoiceId);
      if (!found) {
        const other = one<{ number: string; family_id: string }>(ctx, 'SELECT number, family_id FROM invoices WHERE id = ?', invoiceId);
        const why = !other
          ? 'cette facture n’existe pas'
          : other.family_id !== input.familyId
            ? `la facture ${other.number} est celle d’une autre famille`
            : `la facture ${other.number} n’a rien à payer (réglée, annulée ou avoir)`;
        throw AppError.invalid(`allocation.invoiceIds.${i}`, `Imputation\u00a0: ${why}.`);
      }
      targets.push(found);
    }
  }
  const money = { availableCents: input.amountCents };
  const allocations = planAllocations([money], targets).map((a) => ({ invoiceId: a.invoiceId, number: a.number, amountCents: a.amountCents }));
  return { allocations, unallocatedCents: money.availableCents };
}

/** The allocation a payment would get if recorded now (the counter shows it as the amount is typed). */
export function previewPayment(ctx: AppContext, input: PlanInput): PaymentAllocationPlan {
  requireWritableFamily(ctx, input.familyId);
  return planPayment(ctx, input);
}

export function recordPayment(ctx: AppContext, input: PaymentData): PaymentResult {
  return transaction(ctx, () => {
    const print = fingerprint(input);
    const existing = ctx.store.db.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey)).get();
    if (existing) {
      if (existing.requestFingerprint === print) return resultOf(ctx, existing, true);
      throw new AppError({
        code: 'CONFLICT',
        field: 'idempotencyKey',
        message: `Cette clé d’idempotence a déjà servi pour un autre paiement (reçu ${existing.receiptNumber}, ${formatCents(existing.amountCents)} le ${formatFrenchDate(existing.receivedOn)})\u00a0: rien n’a été enregistré.`,
      });
    }
    requireWritableFamily(ctx, input.familyId);
    if (input.receivedOn > ctx.today()) throw AppError.invalid('receivedOn', 'Reçu le\u00a0: la date est dans le futur.');

    // What it pays, checked before anything is written; the very plan the preview shows.
    const plan = planPayment(ctx, input);

    const row: PaymentRecord = {
      id: ctx.newId(),
      receiptNumber: allocateReceiptNumber(ctx, ctx.today()),
      familyId: input.familyId,
      method: input.method,
      amountCents: input.amountCents,
      receivedOn: input.receivedOn,
      bank: input.bank,
      chequeNumber: input.chequeNumber,
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      requestFingerprint: print,
      status: 'valid',
      cancelReason: null,
      cancelledAt: null,
      createdAt: nowIso(),
      createdBy: ctx.actor,
    };
    insertRecord(ctx, payments, row, { action: 'payment.record', familyId: row.familyId });

    const outbox = new OutboxWriter(ctx);
    for (const a of plan.allocations) writeAllocation(ctx, outbox, { source: 'payment', id: row.id }, a.invoiceId, a.amountCents);
    outbox.finish();
    if (plan.allocations.length > 0) {
      audit(ctx, {
        action: 'payment.allocate',
        entity: 'payments',
        entityId: row.id,
        familyId: row.familyId,
        before: null,
        after: { allocations: plan.allocations.map((a) => ({ invoice: a.number, amount_cents: a.amountCents })), unallocated_cents: plan.unallocatedCents },
      });
    }
    return resultOf(ctx, row, false);
  });
}

/** Cancels a payment (a bounced cheque, a mistake): kept, marked cancelled; its allocations released. */
export function cancelPayment(ctx: AppContext, input: { paymentId: string; reason: string }): { ok: true; releasedCents: number } {
  return transaction(ctx, () => {
    const before = requireRecord(ctx, payments, input.paymentId, 'Ce paiement n’existe pas.');
    requireWritableFamily(ctx, before.familyId);
    if (before.status === 'cancelled') throw conflict(`Le paiement ${before.receiptNumber} est déjà annulé.`);
    updateRecord(ctx, payments, before, { status: 'cancelled', cancelReason: input.reason, cancelledAt: nowIso() }, { action: 'payment.cancel', familyId: before.familyId });
    const outbox = new OutboxWriter(ctx);
    const releasedCents = releaseAllocations(ctx, outbox, 'payment_id', before.id);
    outbox.finish();
    return { ok: true, releasedCents };
  });
}

/** Applies the family's credit (overpayments, « avoirs ») to its unpaid invoices, oldest first. */
export function allocateCredit(
  ctx: AppContext,
  familyId: string,
): { allocations: { invoiceId: string; number: string; amountCents: number }[]; appliedCents: number } {
  return transaction(ctx, () => {
    requireWritableFamily(ctx, familyId);
    const outbox = new OutboxWriter(ctx);
    const made = applyCredits(ctx, outbox, creditSources(ctx, familyId), unpaidInvoices(ctx, familyId));
    outbox.finish();
    const appliedCents = made.reduce((s, a) => s + a.amountCents, 0);
    if (made.length > 0) {
      audit(ctx, {
        action: 'payment.allocateCredit',
        entity: 'families',
        entityId: familyId,
        familyId,
        before: null,
        after: { allocations: made.map((a) => ({ invoice: a.number, from: a.source.number, amount_cents: a.amountCents })) },
      });
    }
    return { allocations: made.map((a) => ({ invoiceId: a.invoiceId, number: a.number, amountCents: a.amountCents })), appliedCents };
  });
}
