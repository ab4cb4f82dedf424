import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueBilling } from '../../main/services/billing/issue.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { familyAccount } from '../../main/services/billing/account.js';
import { recordPayment } from '../../main/services/payments/payments.js';
import { purgeExpired } from '../../main/services/families/purge.js';
import { storeRequestPiece } from '../../main/services/uploads/pieces.js';
import { decideRadiation } from '../../main/services/requests/radiation.js';
import { archiveFamily } from '../../main/services/families/lifecycle.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

const LYON = { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' };
const PDF = (await pdfFixture({ marker: 'piece' })).toString('base64');
const NAME = 'Quintanillazed';

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-04-30');
});
afterEach(() => s.ctx.dispose());

const db = () => s.ctx.store.sqlite;

/** Billed for Mars / Avril, radiated on 30/04/2026 (nothing to credit): purge after 30/04/2029. */
function radiated() {
  const f = s.family({ name: NAME, children: [{ firstName: 'Zoé' }] });
  issueBilling(s.ctx, s.period('Mars'));
  const { id } = createRequest(s.ctx, { type: 'radiation', familyId: f.id, childId: null, receivedOn: '2026-04-30', details: { movingDate: '2026-04-30', newAddress: LYON } });
  storeRequestPiece(s.ctx, { familyId: f.id, requestId: id, kind: 'radiation_certificate', fileName: 'radiation.pdf', base64: PDF });
  storeHealthDocument(s.ctx, { familyId: f.id, childId: f.children[0]!.id, requestId: null, fileName: 'certificat.pdf', base64: PDF });
  expect(decideRadiation(s.ctx, { requestId: id, decision: 'accept' }).purgeAfter).toBe('2029-04-30');
  return f;
}

function settle(familyId: string) {
  const due = familyAccount(s.ctx, familyId).dueCents;
  recordPayment(
    s.ctx,
    parseOrThrow(paymentInput, { familyId, method: 'cash', amountCents: due, receivedOn: '2026-04-30', idempotencyKey: 'purge-test-1' }),
  );
}

const invoiceTotals = (familyId: string) => db().prepare('SELECT number, total_cents FROM invoices WHERE family_id = ? ORDER BY number').all(familyId);

describe('archive and purge', () => {
  it('refuses to archive with a balance, archives once settled', () => {
    const f = radiated();
    expect(() => archiveFamily(s.ctx, f.id)).toThrow(/Le compte n’est pas soldé/);
    settle(f.id);
    expect(archiveFamily(s.ctx, f.id)).toEqual({ ok: true, purgeAfter: '2029-04-30' });
    expect((db().prepare('SELECT status FROM families WHERE id = ?').get(f.id) as { status: string }).status).toBe('archived');
  });

  it('does not purge before the date; a dry run changes nothing', () => {
    const f = radiated();
    settle(f.id);
    archiveFamily(s.ctx, f.id);
    expect(purgeExpired(s.ctx, { asOf: '2029-04-30' }).families).toEqual([]);
    const audit = s.count('audit_log');
    const docs = s.count('documents', 'family_id = ?', f.id);
    const dry = purgeExpired(s.ctx, { asOf: '2029-05-01', dryRun: true });
    expect(dry.families.map((x) => x.familyId)).toEqual([f.id]);
    expect(s.count('audit_log')).toBe(audit);
    expect(s.count('guardians', 'family_id = ?', f.id)).toBe(1);
    expect(s.count('documents', 'family_id = ?', f.id)).toBe(docs);
    expect(docs).toBeGreaterThanOrEqual(2);
  });

  it('deletes personal data and files, keeps the invoice numbers and totals', () => {
    const f = radiated();
    settle(f.id);
    archiveFamily(s.ctx, f.id);
    const totals = invoiceTotals(f.id);
    const files = (db().prepare('SELECT stored_name FROM documents WHERE family_id = ?').all(f.id) as { stored_name: string }[]).map((d) =>
      d.stored_name.startsWith('documents/') ? join(s.ctx.dataDir, d.stored_name) : join(s.ctx.dataDir, 'documents', d.stored_name),
    );
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(existsSync(file)).toBe(true);

    const result = purgeExpired(s.ctx, { asOf: '2029-05-01' });
    expect(result.families.map((x) => x.familyId)).toEqual([f.id]);
    expect(result.filesDeleted).toBe(files.length);
    for (const file of files) expect(existsSync(file)).toBe(false);

    expect(s.count('guardians', 'family_id = ?', f.id)).toBe(0);
    expect(s.count('documents', 'family_id = ?', f.id)).toBe(0);
    expect(s.count('requests', 'family_id = ?', f.id)).toBe(0);
    expect(db().prepare('SELECT family_name, address_line1 FROM families WHERE id = ?').get(f.id)).toEqual({ family_name: 'Dossier purgé', address_line1: 'Dossier purgé' });
    expect(invoiceTotals(f.id)).toEqual(totals);
    expect(new Set((db().prepare('SELECT payer_name FROM invoices WHERE family_id = ?').all(f.id) as { payer_name: string }[]).map((r) => r.payer_name))).toEqual(new Set(['Famille purgée']));
    expect(s.count('audit_log', "action = 'family.purge' AND family_id = ?", f.id)).toBe(1);
    expect(JSON.stringify(db().prepare("SELECT after FROM audit_log WHERE action = 'family.purge'").get())).not.toContain(NAME);
    // Purged once: a second run finds nothing.
    expect(purgeExpired(s.ctx, { asOf: '2030-01-01' }).families).toEqual([]);

    db().exec('VACUUM');
    s.ctx.store.close();
    const bytes = readFileSync(join(s.ctx.dataDir, 'guichet.sqlite'));
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(NAME.toLowerCase()))).toBe(false);
    expect(bytes.includes(Buffer.from('Zoé'))).toBe(false);
  });
});
