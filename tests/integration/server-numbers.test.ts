import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/context.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { cancelInvoiceRun, issueBillingRun, reissueFamilyRun } from '../../main/services/sync/numbers.js';
import { recordPayment } from '../../main/services/payments/payments.js';
import { syncOnce } from '../../main/services/sync/index.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { rowsOf, portalServerForFile } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

/** A desk linked to the server takes its invoice numbers from it (issue 10 § 2); receipts stay the desk's own. */
const server = portalServerForFile();

let s: BillingStore;
let a: AppContext;
let b: ReturnType<typeof tempContext>;
beforeEach(async () => {
  await server.empty();
  s = billingStore('2026-03-15');
  a = s.ctx;
  for (const name of ['Martin', 'Bernard', 'Petit', 'Durand']) s.family({ name });
  b = tempContext({ today: () => '2026-03-15' });
  for (const [desk, name] of [[a, 'A'], [b, 'B']] as const) {
    await server.link(desk, name);
  }
  await syncOnce(a);
  await syncOnce(b);
});
afterEach(() => {
  s.ctx.dispose();
  b.dispose();
});

const numbers = (ctx: AppContext, kind = 'invoice') =>
  (ctx.store.sqlite.prepare('SELECT number FROM invoices WHERE kind = ? ORDER BY number').all(kind) as { number: string }[]).map((r) => r.number);
const count = (ctx: AppContext, table: string) => (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const blocks = async () => rowsOf<{ run_id: string; first: number; last: number }>(await server.store.db.execute(sql`SELECT run_id, first, last FROM number_blocks ORDER BY first`));
const down: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));

describe('invoice numbers given by the server', () => {
  it('two desks issuing two periods make one unbroken series, and each sees the other’s numbers after a sync', async () => {
    const january = await issueBillingRun(a, s.period('Janvier'));
    const march = await issueBillingRun(b, s.period('Mars'));
    expect(january).toMatchObject({ invoices: 4, firstNumber: 'F2026-000001', lastNumber: 'F2026-000004' });
    expect(march).toMatchObject({ invoices: 4, firstNumber: 'F2026-000005', lastNumber: 'F2026-000008' });
    await syncOnce(a);
    await syncOnce(b);
    await syncOnce(a);
    const all = Array.from({ length: 8 }, (_, i) => `F2026-${String(i + 1).padStart(6, '0')}`);
    expect(numbers(a)).toEqual(all);
    expect(numbers(b)).toEqual(all);
    // B sees the period A issued as issued: issuing it again returns A's result, reserves nothing.
    expect(await issueBillingRun(b, s.period('Janvier'))).toMatchObject({ firstNumber: 'F2026-000001' });
    expect((await blocks()).map((x) => x.run_id)).toEqual([`billing:${s.period('Janvier')}`, `billing:${s.period('Mars')}`]);
  });

  it('a run that fails after its reservation, retried, uses the same block: no gap, no duplicate', async () => {
    const period = s.period('Janvier');
    const crash = issueBillingRun(a, period, {
      hooks: {
        afterInvoice(n) {
          if (n === 3) throw new Error('coupure de courant');
        },
      },
    });
    await expect(crash).rejects.toThrow('coupure de courant');
    expect(count(a, 'invoices')).toBe(0);
    expect(await blocks()).toEqual([{ run_id: `billing:${period}`, first: 1, last: 4 }]);
    const retried = await issueBillingRun(a, period);
    expect(retried).toMatchObject({ firstNumber: 'F2026-000001', lastNumber: 'F2026-000004' });
    expect(await blocks()).toHaveLength(1);
    // The next run follows on.
    expect(await issueBillingRun(a, s.period('Mars'))).toMatchObject({ firstNumber: 'F2026-000005' });
  });

  it('a run of a period issued on another desk not yet synced is refused, naming that desk', async () => {
    await issueBillingRun(a, s.period('Janvier'));
    await expect(issueBillingRun(b, s.period('Janvier'))).rejects.toThrow('réservés par le poste «\u00a0A\u00a0»');
    expect(count(b, 'invoices')).toBe(0);
  });

  it('offline, issuing and cancelling are refused and nothing is written', async () => {
    const written = () => ['invoices', 'invoice_lines', 'outbox', 'audit_log', 'number_series'].map((t) => count(a, t));
    const before = written();
    await expect(issueBillingRun(a, s.period('Janvier'), { fetch: down })).rejects.toThrow(
      /^L’émission d’une période demande le serveur, qui donne les numéros des factures et des avoirs\u00a0: rien n’a été émis\. Réessayez quand le serveur répond \(Serveur injoignable/,
    );
    expect(written()).toEqual(before);
    const issued = await issueBillingRun(a, s.period('Janvier'));
    const invoiceId = (a.store.sqlite.prepare('SELECT id FROM invoices WHERE number = ?').get(issued.firstNumber) as { id: string }).id;
    const after = written();
    await expect(cancelInvoiceRun(a, { invoiceId, reason: 'Erreur' }, { fetch: down })).rejects.toThrow(/^L’annulation d’une facture demande le serveur/);
    expect(written()).toEqual(after);
    // A linked desk never numbers an invoice itself.
    expect(() => issueBilling(a, s.period('Mars'))).toThrow('les numéros des factures et des avoirs sont donnés par le serveur');
    expect(written()).toEqual(after);
  });

  it('a cancellation and a reissue take their numbers from the server, once each', async () => {
    await issueBillingRun(a, s.period('Janvier'));
    await syncOnce(a);
    await syncOnce(b);
    const invoiceId = (a.store.sqlite.prepare("SELECT id FROM invoices WHERE number = 'F2026-000002'").get() as { id: string }).id;
    const familyId = (a.store.sqlite.prepare('SELECT family_id FROM invoices WHERE id = ?').get(invoiceId) as { family_id: string }).family_id;
    const cancelled = await cancelInvoiceRun(a, { invoiceId, reason: 'Erreur de tranche' });
    expect(cancelled.number).toBe('A2026-000001');
    // B, not synced yet, cannot cancel it a second time with numbers of its own.
    await expect(cancelInvoiceRun(b, { invoiceId, reason: 'Doublon' })).rejects.toThrow('réservés par le poste «\u00a0A\u00a0»');
    const reissued = await reissueFamilyRun(a, { periodId: s.period('Janvier'), familyId });
    expect(reissued.number).toBe('F2026-000005');
    await syncOnce(a);
    await syncOnce(b);
    expect(numbers(b)).toEqual(numbers(a));
    expect(numbers(b, 'credit_note')).toEqual(['A2026-000001']);
    expect((await blocks()).map((x) => x.run_id.split(':')[0])).toEqual(['billing', 'cancel', 'reissue']);
  });
});

describe('receipts', () => {
  const pay = (ctx: AppContext, key: string) => {
    const familyId = (ctx.store.sqlite.prepare("SELECT id FROM families WHERE family_name = 'Martin'").get() as { id: string }).id;
    return recordPayment(ctx, parseOrThrow(paymentInput, { familyId, method: 'cash', amountCents: 1000, receivedOn: '2026-03-14', idempotencyKey: key }));
  };

  it('are numbered in each desk’s own book, with the server down too', async () => {
    // No server call: receipts are numbered on the desk.
    await server.stop();
    expect([pay(a, 'guichet-a-1').receiptNumber, pay(a, 'guichet-a-2').receiptNumber]).toEqual(['R2026-01-000001', 'R2026-01-000002']);
    expect(pay(b, 'guichet-b-1').receiptNumber).toBe('R2026-02-000001');
    await server.start();
  });
});
