import type { AccountPayment, FamilyAccount } from '../../../shared/contract/payments.js';
import type { LineKind } from '../../../shared/contract/billing.js';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { all, one } from '../../store/sql.js';
import { creditSources } from './credits.js';
import { DOCUMENTS, type DocumentRow, toAccountInvoice } from './queries.js';

/** A family's account (the Compte tab, the statement): its documents, payments and credits. Read-only. */

function requireFamily(ctx: AppContext, familyId: string): { id: string; dossier_number: number; family_name: string } {
  const family = one<{ id: string; dossier_number: number; family_name: string }>(
    ctx,
    'SELECT id, dossier_number, family_name FROM families WHERE id = ?',
    familyId,
  );
  if (!family) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
  return family;
}

export function familyAccount(ctx: AppContext, familyId: string): FamilyAccount {
  const family = requireFamily(ctx, familyId);
  const today = ctx.today();
  const documents = all<DocumentRow>(ctx, `${DOCUMENTS} WHERE i.family_id = ? ORDER BY i.issued_on, i.number`, familyId);
  const invoices = documents.map((d) => toAccountInvoice(d, today));
  const payments = all<{
    id: string;
    receipt_number: string;
    method: AccountPayment['method'];
    amount_cents: number;
    received_on: string;
    bank: string | null;
    cheque_number: string | null;
    reference: string | null;
    status: 'valid' | 'cancelled';
    cancel_reason: string | null;
    created_at: string;
    created_by: string;
    allocated: number;
  }>(
    ctx,
    `SELECT p.*, COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.payment_id = p.id AND a.released_at IS NULL), 0) AS allocated
     FROM payments p WHERE p.family_id = ? ORDER BY p.received_on, p.created_at`,
    familyId,
  ).map(
    (p): AccountPayment => ({
      id: p.id,
      receiptNumber: p.receipt_number,
      method: p.method,
      amountCents: p.amount_cents,
      receivedOn: p.received_on,
      bank: p.bank,
      chequeNumber: p.cheque_number,
      reference: p.reference,
      status: p.status,
      cancelReason: p.cancel_reason,
      allocatedCents: p.status === 'valid' ? p.allocated : 0,
      unallocatedCents: p.status === 'valid' ? p.amount_cents - p.allocated : 0,
      createdAt: p.created_at,
      createdBy: p.created_by,
    }),
  );
  const credits = creditSources(ctx, familyId).map((c) => ({ source: c.source, id: c.id, number: c.number, availableCents: c.availableCents }));
  const pendingCredits = all<{ id: string; kind: LineKind; reason: string; amount_cents: number }>(
    ctx,
    'SELECT id, kind, reason, amount_cents FROM pending_credits WHERE family_id = ? AND applied_invoice_id IS NULL ORDER BY created_at',
    familyId,
  ).map((p) => ({ id: p.id, kind: p.kind, reason: p.reason, amountCents: p.amount_cents }));

  // `invoices` maps `documents` one to one: the same index is the same document.
  const owed = invoices.filter((i, k) => i.kind === 'invoice' && i.status === 'issued' && documents[k]!.cancels_invoice_id === null);
  const invoicedCents = owed.reduce((s, i) => s + i.totalCents, 0);
  const paidCents = owed.reduce((s, i) => s + i.paidCents, 0);
  const dueCents = owed.reduce((s, i) => s + Math.max(0, i.remainingCents), 0);
  const overdueCents = owed.filter((i) => i.overdue).reduce((s, i) => s + i.remainingCents, 0);
  const creditCents = credits.reduce((s, c) => s + c.availableCents, 0);
  return {
    familyId,
    dossierNumber: family.dossier_number,
    familyName: family.family_name,
    invoices,
    payments,
    credits,
    pendingCredits,
    invoicedCents,
    paidCents,
    dueCents,
    overdueCents,
    creditCents,
    balanceCents: dueCents - creditCents,
  };
}
