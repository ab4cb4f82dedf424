import { WARNING_LABELS, type BillingSummary, type InvoiceDraft, type IssueResult, type WarningCode } from '../../../shared/contract/billing.js';
import { foldText } from '../../../shared/domain/search.js';
import type { AppContext } from '../../context.js';
import { computeBilling, totalsOf, type Computation, type ComputedDraft } from './compute.js';
import { requirePeriod } from './periods.js';

/**
 * The preview of a billing run for the screen: a summary (totals, warnings by kind, amounts by
 * tranche) and the drafts page by page — 9,000 drafts never travel to the screen at once. The
 * computation is kept for the next page while the store has not changed (SQLite's data_version
 * and this connection's total_changes tell), so paging costs no recomputation.
 */

const cache = new WeakMap<object, { key: string; computation: Computation }>();

function storeVersion(ctx: AppContext): string {
  const { sqlite } = ctx.store;
  const dataVersion = sqlite.pragma('data_version', { simple: true }) as number;
  const changes = (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${dataVersion}:${changes}`;
}

/** The computation of a period, from the cache when nothing changed since. */
export function previewBilling(ctx: AppContext, periodId: string): Computation {
  const key = `${periodId}|${storeVersion(ctx)}`;
  const cached = cache.get(ctx.store);
  if (cached?.key === key) return cached.computation;
  const computation = computeBilling(ctx, periodId);
  cache.set(ctx.store, { key, computation });
  return computation;
}

function toDraft(d: ComputedDraft): InvoiceDraft {
  return {
    familyId: d.familyId,
    dossierNumber: d.dossierNumber,
    familyName: d.familyName,
    payerName: d.payerName,
    tranche: d.tranche,
    meals: d.meals,
    totalCents: d.totalCents,
    kind: d.kind,
    invoiced: d.invoiced,
    lines: d.lines.map((l) => ({
      childId: l.childId,
      kind: l.kind,
      label: l.label,
      days: l.days,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      amountCents: l.amountCents,
    })),
    warnings: d.warnings,
  };
}

export function previewPage(
  ctx: AppContext,
  input: { periodId: string; offset: number; limit: number; onlyWarnings: boolean; query: string },
): { total: number; offset: number; drafts: InvoiceDraft[] } {
  const { drafts } = previewBilling(ctx, input.periodId);
  const query = foldText(input.query.trim());
  const matches = drafts.filter((d) => {
    if (input.onlyWarnings && d.warnings.length === 0) return false;
    if (!query) return true;
    if (/^\d+$/.test(query)) return String(d.dossierNumber).startsWith(query);
    return foldText(d.familyName).startsWith(query) || foldText(d.payerName).includes(query);
  });
  return { total: matches.length, offset: input.offset, drafts: matches.slice(input.offset, input.offset + input.limit).map(toDraft) };
}

/** What the billing screen shows above the list; for an issued period, what was issued. */
export function billingSummary(ctx: AppContext, periodId: string): BillingSummary {
  const period = requirePeriod(ctx, periodId);
  if (period.issuedAt !== null && period.issueSummary !== null) {
    const issued = JSON.parse(period.issueSummary) as IssueResult;
    const byTranche = ctx.store.sqlite
      .prepare(
        `SELECT i.tranche, COUNT(*) AS invoices, SUM(i.total_cents) AS amountCents,
           (SELECT COALESCE(SUM(l.quantity), 0) FROM invoice_lines l JOIN invoices j ON j.id = l.invoice_id
             WHERE j.period_id = i.period_id AND j.tranche = i.tranche AND l.kind = 'meals'
               AND j.status = 'issued' AND j.cancels_invoice_id IS NULL) AS meals
         FROM invoices i WHERE i.period_id = ? AND i.status = 'issued' AND i.cancels_invoice_id IS NULL
         GROUP BY i.tranche ORDER BY i.tranche`,
      )
      .all(periodId) as { tranche: number; invoices: number; meals: number; amountCents: number }[];
    return {
      periodId,
      periodLabel: period.label,
      issuedAt: period.issuedAt,
      invoices: issued.invoices,
      creditNotes: issued.creditNotes,
      lines: issued.lines,
      meals: issued.meals,
      amountCents: issued.amountCents,
      familiesWithWarnings: 0,
      warnings: [],
      byTranche,
    };
  }
  const { drafts } = previewBilling(ctx, periodId);
  const warnings = new Map<WarningCode, number>();
  const byTranche = new Map<number, { tranche: number; invoices: number; meals: number; amountCents: number }>();
  let familiesWithWarnings = 0;
  for (const d of drafts) {
    if (d.warnings.length > 0) familiesWithWarnings += 1;
    for (const w of d.warnings) warnings.set(w.code, (warnings.get(w.code) ?? 0) + 1);
    if (!d.invoiced) continue;
    const t = byTranche.get(d.tranche) ?? { tranche: d.tranche, invoices: 0, meals: 0, amountCents: 0 };
    t.invoices += 1;
    t.meals += d.meals;
    t.amountCents += d.totalCents;
    byTranche.set(d.tranche, t);
  }
  return {
    periodId,
    periodLabel: period.label,
    issuedAt: null,
    ...totalsOf(drafts),
    familiesWithWarnings,
    warnings: [...warnings].map(([code, count]) => ({ code, label: WARNING_LABELS[code], count })),
    byTranche: [...byTranche.values()].sort((a, b) => a.tranche - b.tranche),
  };
}
