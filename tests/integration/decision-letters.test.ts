import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { decideRefund } from '../../main/services/requests/decisions.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

const CERT = (await pdfFixture({ marker: 'certificat médical' })).toString('base64');

let s: BillingStore;
let tmp: string;
beforeEach(() => {
  s = billingStore('2026-04-01');
  tmp = mkdtempSync(join(tmpdir(), 'guichet-letter-'));
});
afterEach(() => {
  s.ctx.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

function refundRequest(visa = true): { id: string; familyId: string } {
  const f = s.family({ name: 'Durand' });
  issueBilling(s.ctx, s.period('Mars'));
  const childId = f.children[0]!.id;
  const { id } = createRequest(s.ctx, {
    type: 'refund',
    familyId: f.id,
    childId,
    receivedOn: '2026-03-20',
    details: { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: visa },
  });
  storeHealthDocument(s.ctx, { familyId: f.id, childId, requestId: id, fileName: 'certificat.pdf', base64: CERT });
  return { id, familyId: f.id };
}

/** The letter through the API, checked by qpdf, as text (pdftotext). */
async function letterText(requestId: string): Promise<string> {
  const result = await dispatch(s.ctx, 'documents.decisionLetterPdf', { requestId });
  if (!result.ok) throw new Error(result.error.message);
  const value = result.value as { fileName: string; base64: string };
  const bytes = Buffer.from(value.base64, 'base64');
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(value.fileName).toMatch(/^decision-.*\.pdf$/);
  const file = join(tmp, value.fileName);
  writeFileSync(file, bytes);
  execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('decision letters', () => {
  it('an accepted refund: the decision, every check, the amount deducted from the next invoice; stored and indexed', async () => {
    const { id, familyId } = refundRequest();
    const { verdict } = decideRefund(s.ctx, { requestId: id, decision: 'accept' });
    const text = await letterText(id);
    expect(text).toContain('Demande acceptée');
    expect(text).toMatch(/Nous avons bien reçu, le \d{2}\/\d{2}\/\d{4}, votre demande de remboursement pour maladie (de |d’)\S+/);
    expect(text).toContain('déduit de votre prochaine facture');
    const check = verdict.checks.find((c) => c.ok)!.message.replace(/\s+/g, ' ');
    expect(text).toContain(check.slice(0, 30));
    const indexed = s.ctx.store.sqlite.prepare("SELECT family_id FROM documents WHERE kind = 'decision'").all() as { family_id: string }[];
    expect(indexed).toEqual([{ family_id: familyId }]);
  });

  it('a refused refund: the failed check', async () => {
    const { id } = refundRequest(false);
    const { verdict } = decideRefund(s.ctx, { requestId: id, decision: 'refuse' });
    const failed = verdict.checks.find((c) => !c.ok);
    expect(failed).toBeDefined();
    const text = await letterText(id);
    expect(text).toContain('Demande refusée');
    expect(text).toContain(failed!.message.replace(/\s+/g, ' ').slice(0, 30));
  });

  it('a refund across a tariff change: the checks and the decision give the same amount, each day at its billed price', async () => {
    // Tranche 10 (7,00 €) until February; the QF proof of January puts March at tranche 2 (0,85 €).
    const f = s.family({ name: 'Martin', qf: [{ value: 300, on: '2026-01-10' }] });
    issueBilling(s.ctx, s.period('Janvier'));
    issueBilling(s.ctx, s.period('Mars'));
    const childId = f.children[0]!.id;
    const { id } = createRequest(s.ctx, {
      type: 'refund',
      familyId: f.id,
      childId,
      receivedOn: '2026-03-20',
      details: { absenceFrom: '2026-02-19', absenceTo: '2026-03-13', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
    });
    storeHealthDocument(s.ctx, { familyId: f.id, childId, requestId: id, fileName: 'certificat.pdf', base64: CERT });

    const { verdict } = decideRefund(s.ctx, { requestId: id, decision: 'accept' });
    // Thu 19 and Fri 20 February, then the winter holidays, then Mon 9 to Fri 13 March but Wednesday.
    expect(verdict).toMatchObject({ eligible: true, refundedDays: ['2026-02-19', '2026-02-20', '2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'], amountCents: 1740 });
    const worth = verdict.checks.find((c) => c.rule === 'notAlreadyRefunded')!.message;
    expect(worth).toContain('2 jours × 7,00\u00a0€ + 4 jours × 0,85\u00a0€ = 17,40\u00a0€ à rembourser');

    const text = await letterText(id);
    expect(text).toContain('soit 17,40 €');
    expect(text).toContain('2 jours × 7,00 € + 4 jours × 0,85 € = 17,40 €');
    // One amount: every sum the letter prints is 17,40 €.
    expect([...text.matchAll(/= ([\d ]+,\d{2}) €/g)].map((m) => m[1])).toEqual(['17,40']);
    expect(text).not.toContain('42,00');
  });

  it('no letter while the request is undecided', async () => {
    const { id } = refundRequest();
    const result = await dispatch(s.ctx, 'documents.decisionLetterPdf', { requestId: id });
    expect(result.ok === false && result.error).toMatchObject({ code: 'CONFLICT', message: 'Aucune décision à notifier pour cette demande.' });
  });
});
