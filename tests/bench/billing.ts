import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../main/context.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { listPeriods } from '../../main/services/billing/periods.js';
import { billingSummary, previewPage } from '../../main/services/billing/preview.js';
import { openStore } from '../../main/store/db.js';
import { round } from './stats.js';

/**
 * A whole billing run for one period on the demo data (DESIGN.md: under 2 s for 12,000 children):
 * the preview as the screen asks for it (summary and first page), then the issue (invoices, lines,
 * numbers, sync messages, one audit entry, one transaction).
 *
 * Baseline, in the same run: the same invoice and line rows inserted with raw prepared statements
 * in one transaction, into a copy of the store taken just before the run (same indexes, same
 * pragmas, same data around), without computing anything and without sync messages.
 *
 * Call it on a store with the demo data loaded and the period not issued yet (it issues it).
 */
export function benchBilling(ctx: AppContext, periodLabel: string): Record<string, number> {
  const { sqlite } = ctx.store;
  const period = listPeriods(ctx).find((p) => p.label === periodLabel && p.issuedAt === null);
  if (!period) throw new Error(`Période « ${periodLabel} » introuvable ou déjà facturée.`);
  const copy = join(ctx.dataDir, 'bench-billing-baseline.sqlite');
  rmSync(copy, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(copy);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const outboxBefore = (sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

  const start = performance.now();
  const summary = billingSummary(ctx, period.id);
  previewPage(ctx, { periodId: period.id, offset: 0, limit: 100, onlyWarnings: false, query: '' });
  const previewed = performance.now();
  const result = issueBilling(ctx, period.id);
  const end = performance.now();
  if (result.invoices !== summary.invoices) throw new Error('La facturation ne correspond pas à son aperçu.');

  const outboxMessages = (sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n - outboxBefore;
  const invoices = sqlite.prepare('SELECT * FROM invoices WHERE period_id = ? ORDER BY rowid').raw(true).all(period.id) as unknown[][];
  const invoiceColumns = sqlite.prepare('SELECT * FROM invoices LIMIT 0').columns().map((c) => c.name);
  const lines = sqlite
    .prepare('SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.period_id = ? ORDER BY l.rowid')
    .raw(true)
    .all(period.id) as unknown[][];
  const lineColumns = sqlite.prepare('SELECT * FROM invoice_lines LIMIT 0').columns().map((c) => c.name);

  const baseline = openStore(copy);
  let baselineMs: number;
  try {
    const insertInvoice = baseline.sqlite.prepare(
      `INSERT INTO invoices (${invoiceColumns.join(', ')}) VALUES (${invoiceColumns.map(() => '?').join(', ')})`,
    );
    const insertLine = baseline.sqlite.prepare(`INSERT INTO invoice_lines (${lineColumns.join(', ')}) VALUES (${lineColumns.map(() => '?').join(', ')})`);
    const t = performance.now();
    baseline.sqlite.transaction(() => {
      for (const row of invoices) insertInvoice.run(row);
      for (const row of lines) insertLine.run(row);
    })();
    baselineMs = performance.now() - t;
  } finally {
    baseline.close();
    rmSync(copy, { force: true });
    rmSync(`${copy}-wal`, { force: true });
    rmSync(`${copy}-shm`, { force: true });
  }

  return {
    billing_run_ms: round(end - start, 1),
    billing_preview_ms: round(previewed - start, 1),
    billing_issue_ms: round(end - previewed, 1),
    billing_baseline_ms: round(baselineMs, 1),
    billing_invoices: result.invoices + result.creditNotes,
    billing_lines: result.lines,
    billing_meals: result.meals,
    billing_outbox_messages: outboxMessages,
  };
}
