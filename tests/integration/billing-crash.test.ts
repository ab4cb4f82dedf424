import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../main/context.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { listPeriods } from '../../main/services/billing/periods.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import { ROOT, TSX } from '../helpers/cli.js';
import { tempContext } from '../helpers/temp-context.js';

const CHILD = join(__dirname, 'billing-crash-child.ts');

describe('a billing run killed half-way', () => {
  it('leaves no invoice behind, and a rerun completes', async () => {
    const setup = tempContext();
    const { dataDir } = setup;
    await loadDemo(setup, { seed: 11, families: 200, billingHistory: false });
    const periodId = listPeriods(setup).find((p) => p.label.startsWith('Mars'))!.id;
    const count = (ctx: AppContext, table: string) => (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { outbox: count(setup, 'outbox'), audit: count(setup, 'audit_log') };
    setup.store.close();

    const child = spawnSync(process.execPath, ['--import', TSX, CHILD, dataDir, periodId, '60'], { cwd: ROOT, encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(child.stdout).not.toContain('not killed');

    const ctx = createContext({ dataDir, actor: 'test', today: () => '2026-03-15' });
    try {
      for (const table of ['invoices', 'invoice_lines', 'payment_allocations', 'number_series']) expect(count(ctx, table), table).toBe(0);
      expect(count(ctx, 'outbox')).toBe(before.outbox);
      expect(count(ctx, 'audit_log')).toBe(before.audit);
      expect(listPeriods(ctx).find((p) => p.id === periodId)!.issuedAt).toBeNull();

      const result = issueBilling(ctx, periodId);
      expect(result.invoices).toBeGreaterThan(60);
      expect(result.firstNumber).toBe('F2026-000001');
      expect(result.lastNumber).toBe(`F2026-${String(result.invoices).padStart(6, '0')}`);
      expect(count(ctx, 'invoices')).toBe(result.invoices + result.creditNotes);
    } finally {
      ctx.store.close();
      setup.dispose();
    }
  });
});
