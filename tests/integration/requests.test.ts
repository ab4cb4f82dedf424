import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { getDashboard } from '../../main/services/dashboard/dashboard.js';
import { getFamily } from '../../main/services/families/file.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { storeRequestPiece } from '../../main/services/uploads/pieces.js';
import { decideRadiation } from '../../main/services/requests/radiation.js';
import { closeCorrection, decideRefund, decideRhythm, refundVerdictFor } from '../../main/services/requests/decisions.js';
import { assignRequest, createRequest, getRequest, listRequests, setRequestStatus } from '../../main/services/requests/requests.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

const PDF = (await pdfFixture({ marker: 'certificat médical' })).toString('base64');

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-04-01');
});
afterEach(() => s.ctx.dispose());

const linesOf = (familyId: string, periodId: string) =>
  s.ctx.store.sqlite
    .prepare(
      `SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.family_id = ? AND i.period_id = ? AND i.status = 'issued' ORDER BY l.position`,
    )
    .all(familyId, periodId) as Record<string, any>[];

/** A family billed for Mars / Avril 2026 (Mon, Tue, Thu, Fri at 7,00 €, tranche 10). */
function billedFamily(name = 'Durand') {
  const f = s.family({ name });
  issueBilling(s.ctx, s.period('Mars'));
  return { familyId: f.id, childId: f.children[0]!.id };
}

function refundRequest(
  familyId: string,
  childId: string,
  over: Partial<{ absenceFrom: string; absenceTo: string; receivedOn: string; certificate: boolean; visa: boolean; confirmDuplicate: boolean }> = {},
) {
  const { id } = createRequest(s.ctx, {
    type: 'refund',
    familyId,
    childId,
    receivedOn: over.receivedOn ?? '2026-03-20',
    confirmDuplicate: over.confirmDuplicate ?? false,
    details: {
      absenceFrom: over.absenceFrom ?? '2026-03-09',
      absenceTo: over.absenceTo ?? '2026-03-13',
      reason: 'maladie',
      certificateOriginal: true,
      certificateNoErasures: true,
      schoolHeadVisa: over.visa ?? true,
    },
  });
  if (over.certificate ?? true) {
    storeHealthDocument(s.ctx, { familyId, childId, requestId: id, fileName: 'certificat.pdf', base64: PDF });
  }
  return id;
}

describe('requests', () => {
  it('creates, lists with the days waited, assigns and instructs a request; the dashboard counts it', async () => {
    const { familyId, childId } = billedFamily();
    const id = refundRequest(familyId, childId, { certificate: false });
    const other = createRequest(s.ctx, { type: 'contact', familyId, childId: null, receivedOn: '2026-03-30', details: { text: 'Bonjour' } }).id;
    expect(listRequests(s.ctx, { sort: 'waited' }).map((r) => [r.id, r.waitedDays, r.statusLabel])).toEqual([
      [id, 12, 'Reçue'],
      [other, 2, 'Reçue'],
    ]);
    expect(listRequests(s.ctx, { type: 'contact', sort: 'received' }).map((r) => r.id)).toEqual([other]);
    assignRequest(s.ctx, { requestId: id, agent: 'Mme Bernard' });
    setRequestStatus(s.ctx, { requestId: id, status: 'missing_documents', missingPieces: ['Certificat médical original'] });
    const got = getRequest(s.ctx, id);
    expect(got).toMatchObject({ status: 'missing_documents', statusLabel: 'Pièces manquantes', handledBy: 'Mme Bernard', missingPieces: ['Certificat médical original'], documents: [] });
    expect(getDashboard(s.ctx).requestsWaiting).toBe(2);
    expect(s.count('audit_log', "entity = 'requests'")).toBe(4);

    const bad = await dispatch(s.ctx, 'requests.create', {
      type: 'refund',
      familyId,
      childId,
      receivedOn: '2026-03-20',
      details: { absenceFrom: '2026-03-13', absenceTo: '2026-03-09', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'details.absenceTo', message: 'Dernier jour d’absence\u00a0: Le dernier jour d’absence précède le premier.' } });
    const missing = await dispatch(s.ctx, 'requests.create', { type: 'rhythm', familyId, childId, receivedOn: '2026-03-20', details: {} });
    expect(missing).toMatchObject({ ok: false, error: { field: 'details.weekdays' } });
    // The details are those of the type, checked at the boundary.
    const mixed = await dispatch(s.ctx, 'requests.create', { type: 'contact', familyId, childId: null, receivedOn: '2026-03-20', details: { weekdays: [1] } });
    expect(mixed.ok === false && mixed.error.issues?.map((i) => i.field)).toEqual(['details.text', 'details']);
    const unknown = await dispatch(s.ctx, 'requests.create', { type: 'inscription', familyId, receivedOn: '2026-03-20', details: {} });
    expect(unknown).toMatchObject({ ok: false, error: { field: 'type', message: 'Type de demande inconnu.' } });
    const none = await dispatch(s.ctx, 'requests.create', { type: 'contact', familyId, receivedOn: '2026-03-20' });
    expect(none).toMatchObject({ ok: false, error: { field: 'details', message: 'Détails de la demande obligatoires.' } });
    // A certificate comes with a refund only.
    const stray = await dispatch(s.ctx, 'requests.create', { type: 'contact', familyId, receivedOn: '2026-03-20', details: { text: 'Bonjour' }, certificate: { fileName: 'c.pdf', base64: PDF } });
    expect(stray).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(s.count('requests')).toBe(2);
  });

  describe('a refund entered with its certificate: one operation', () => {
    const details = { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true };
    const healthFiles = () => (existsSync(join(s.ctx.dataDir, 'documents', 'sante')) ? readdirSync(join(s.ctx.dataDir, 'documents', 'sante')) : []);
    const counts = () => ({ requests: s.count('requests'), documents: s.count('documents'), audit: s.count('audit_log'), outbox: s.count('outbox'), files: healthFiles().length });

    it('stores the request and its certificate together, audited and synced; the verdict sees the certificate', async () => {
      const { familyId, childId } = billedFamily();
      const before = counts();
      const result = await dispatch(s.ctx, 'requests.create', { type: 'refund', familyId, childId, receivedOn: '2026-03-20', details, certificate: { fileName: 'certificat.pdf', base64: PDF } });
      expect(result.ok).toBe(true);
      const id = (result as { value: { id: string } }).value.id;
      expect(getRequest(s.ctx, id).documents).toEqual([expect.objectContaining({ fileName: 'certificat.pdf', isHealth: true, mime: 'application/pdf' })]);
      expect(counts()).toMatchObject({ requests: before.requests + 1, documents: before.documents + 1, files: before.files + 1 });
      const actions = s.ctx.store.sqlite.prepare('SELECT action FROM audit_log ORDER BY rowid DESC LIMIT 2').all() as { action: string }[];
      expect(actions.map((a) => a.action).sort()).toEqual(['document.create', 'request.create']);
      expect(s.count('outbox', "entity = 'documents'")).toBeGreaterThan(0);
      expect(refundVerdictFor(s.ctx, id).eligible).toBe(true);
    });

    it.each<[string, () => Record<string, unknown>, object]>([
      [
        'a certificate that is not a PDF, JPEG or PNG',
        () => ({ certificate: { fileName: 'certificat.pdf', base64: Buffer.from('bonjour').toString('base64') } }),
        { code: 'VALIDATION', field: 'certificate.base64', message: 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.' },
      ],
      [
        'no document key on this desk',
        () => {
          s.ctx.documentKeys = null;
          return { certificate: { fileName: 'certificat.pdf', base64: PDF } };
        },
        { code: 'CONFLICT', message: expect.stringContaining('Aucun coffre de clés n’est disponible sur ce poste') },
      ],
      [
        'a child of another family (refused inside the transaction, after the file was written)',
        () => ({ childId: billedFamily('Autre').childId, certificate: { fileName: 'certificat.pdf', base64: PDF } }),
        { code: 'VALIDATION', field: 'childId', message: 'Enfant\u00a0: cet enfant n’est pas dans ce dossier.' },
      ],
    ])('%s leaves no request, no document, no file', async (_name, change, error) => {
      const { familyId, childId } = billedFamily();
      const over = change();
      const before = counts();
      const result = await dispatch(s.ctx, 'requests.create', { type: 'refund', familyId, childId, receivedOn: '2026-03-20', details, ...over });
      expect(result).toMatchObject({ ok: false, error });
      expect(counts()).toEqual(before);
    });
  });

  it('accepts a refund: a pending credit, then a credit line on the next invoice, never twice', () => {
    const { familyId, childId } = billedFamily();
    const id = refundRequest(familyId, childId);
    const verdict = refundVerdictFor(s.ctx, id);
    expect(verdict).toMatchObject({ eligible: true, refundedDays: ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'], amountCents: 2800 });
    expect(verdict.checks).toHaveLength(8);

    const result = decideRefund(s.ctx, { requestId: id, decision: 'accept', note: null });
    expect(result.status).toBe('accepted');
    const pending = s.ctx.store.sqlite.prepare('SELECT * FROM pending_credits').all() as Record<string, any>[];
    expect(pending).toEqual([
      expect.objectContaining({ kind: 'refund_credit', unit_price_cents: 700, amount_cents: -2800, reason: 'Remboursement maladie du 09/03/2026 au 13/03/2026\u00a0: 4 repas', applied_invoice_id: null }),
    ]);
    expect(getRequest(s.ctx, id).decision).toMatchObject({ decision: 'accept', verdict: { eligible: true } });

    // Accepting again: refused, the request is decided; another request for the same days: not eligible.
    expect(() => decideRefund(s.ctx, { requestId: id, decision: 'accept' })).toThrow(/déjà acceptée/);
    // Saved despite the similar (accepted) request, as an agent may: the rule still refunds no day twice.
    const again = refundRequest(familyId, childId, { confirmDuplicate: true });
    expect(refundVerdictFor(s.ctx, again)).toMatchObject({ eligible: false, refundedDays: [], amountCents: 0 });
    // A longer absence over the same days: only the days not refunded yet.
    const longer = refundRequest(familyId, childId, { absenceTo: '2026-03-16', confirmDuplicate: true });
    expect(refundVerdictFor(s.ctx, longer)).toMatchObject({ eligible: true, refundedDays: ['2026-03-16'], amountCents: 700 });
    expect(() => decideRefund(s.ctx, { requestId: again, decision: 'accept' })).toThrow(/jamais remboursé deux fois/);

    s.setToday('2026-05-20');
    issueBilling(s.ctx, s.period('Mai'));
    const credit = linesOf(familyId, s.period('Mai')).find((l) => l.kind === 'refund_credit');
    expect(credit).toMatchObject({ child_id: childId, quantity: -4, unit_price_cents: 700, amount_cents: -2800, label: 'Remboursement maladie du 09/03/2026 au 13/03/2026\u00a0: 4 repas' });
    expect(JSON.parse(credit!.days)).toEqual(['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13']);
    // Once on an invoice, still never refunded twice.
    expect(refundVerdictFor(s.ctx, again).eligible).toBe(false);
  });

  it('refunds each day at the price billed for it, to the cent', () => {
    const f = s.family({ name: 'Petit', qf: [{ value: 500, on: '2026-01-10' }] });
    const childId = f.children[0]!.id;
    issueBilling(s.ctx, s.period('Mars'));
    // Pretend the 12th and 13th were billed at another price (a grid changed between two lines).
    s.ctx.store.sqlite.prepare(`INSERT INTO invoices (id, number, year, family_id, period_id, kind, payer_name, payer_address, tranche, total_cents, issued_on, due_date, status, created_at)
      VALUES ('x', 'FX', 2026, ?, NULL, 'invoice', 'P', '{}', 3, 0, '2026-04-01', '2026-04-30', 'issued', '2026-04-01')`).run(f.id);
    s.ctx.store.sqlite.prepare(`INSERT INTO invoice_lines (id, invoice_id, position, child_id, kind, label, days, quantity, unit_price_cents, amount_cents)
      VALUES ('xl', 'x', 1, ?, 'meals', 'x', '["2026-03-12","2026-03-13"]', 2, 171, 342)`).run(childId);
    const id = refundRequest(f.id, childId);
    expect(refundVerdictFor(s.ctx, id).amountCents).toBe(2 * 162 + 2 * 171);
    const { pendingCreditIds } = decideRefund(s.ctx, { requestId: id, decision: 'accept' });
    expect(pendingCreditIds).toHaveLength(2);
    const rows = s.ctx.store.sqlite.prepare('SELECT unit_price_cents, amount_cents, reason FROM pending_credits ORDER BY unit_price_cents').all();
    expect(rows).toEqual([
      { unit_price_cents: 162, amount_cents: -324, reason: 'Remboursement maladie du 09/03/2026 au 13/03/2026\u00a0: 2 repas' },
      { unit_price_cents: 171, amount_cents: -342, reason: 'Remboursement maladie du 09/03/2026 au 13/03/2026\u00a0: 2 repas' },
    ]);
  });

  it('refuses a two-day illness with the checks listed, and keeps them in the decision', () => {
    const { familyId, childId } = billedFamily();
    const id = refundRequest(familyId, childId, { absenceFrom: '2026-03-09', absenceTo: '2026-03-10' });
    expect(() => decideRefund(s.ctx, { requestId: id, decision: 'accept' })).toThrow(/Seulement 2 jours de repas/);
    const result = decideRefund(s.ctx, { requestId: id, decision: 'refuse', note: 'Absence trop courte.' });
    expect(result.status).toBe('refused');
    const request = getRequest(s.ctx, id);
    if (request.type !== 'refund' || request.decision?.decision !== 'refuse') throw new Error('a refused refund was expected');
    expect(request.decision.failedChecks.map((c) => c.rule)).toEqual(['minimumDays']);
    expect(request.decision.failedChecks[0]!.message).toContain('il en faut au moins 3');
    expect(request.decision.verdict).toMatchObject({ eligible: false, amountCents: 0 });
    expect(s.count('pending_credits')).toBe(0);
    expect(getDashboard(s.ctx).requestsWaiting).toBe(0);
  });

  it('asks for the missing certificate', () => {
    const { familyId, childId } = billedFamily();
    const id = refundRequest(familyId, childId, { certificate: false });
    const { verdict } = decideRefund(s.ctx, { requestId: id, decision: 'missing_documents' });
    expect(verdict.eligible).toBe(false);
    expect(getRequest(s.ctx, id)).toMatchObject({ status: 'missing_documents' });
    expect(getRequest(s.ctx, id).missingPieces[0]).toMatch(/Aucun certificat médical/);
  });

  it('accepts a rhythm change from the next period start; the history shows it', async () => {
    const f = s.family({ name: 'Roux' });
    const childId = f.children[0]!.id;
    s.setToday('2026-03-15');
    const { id } = createRequest(s.ctx, { type: 'rhythm', familyId: f.id, childId, receivedOn: '2026-03-10', details: { weekdays: [5, 1] } });
    const result = await dispatch(s.ctx, 'requests.decideRhythm', { requestId: id, decision: 'accept' });
    expect(result).toEqual({ ok: true, value: { status: 'accepted', effectiveFrom: '2026-05-01' } });
    const child = getFamily(s.ctx, f.id).children[0]!;
    expect(child.rhythmHistory.map((r) => [r.effectiveFrom, r.weekdays])).toEqual([
      ['2026-05-01', [1, 5]],
      ['2025-09-01', [1, 2, 4, 5]],
    ]);
    expect(child.weekdays).toEqual([1, 2, 4, 5]);
    // The decision's audit keeps the request before and after: the history names its type.
    const decided = getFamily(s.ctx, f.id).history.find((h) => h.action === 'request.decide' && h.entityId === id)!;
    expect(decided.summary).toBe('Demande changement de rythme\u00a0: acceptée');
    expect(decided.before).toMatchObject({ type: 'rhythm', status: 'received' });
    expect(decided.after).toMatchObject({ type: 'rhythm', status: 'accepted' });

    s.setToday('2026-06-10');
    const late = createRequest(s.ctx, { type: 'rhythm', familyId: f.id, childId, receivedOn: '2026-06-01', details: { weekdays: [1] } }).id;
    expect(() => decideRhythm(s.ctx, { requestId: late, decision: 'accept' })).toThrow(/Aucune période de facturation ne commence après le 10\/06\/2026/);
    expect(getRequest(s.ctx, late).status).toBe('received');
  });

  it('an archived file is read-only: its open requests change no more, and it gets no new one', () => {
    const { familyId, childId } = billedFamily();
    const refund = refundRequest(familyId, childId, { certificate: false });
    const rhythm = createRequest(s.ctx, { type: 'rhythm', familyId, childId, receivedOn: '2026-03-20', details: { weekdays: [1, 2] } }).id;
    const contact = createRequest(s.ctx, { type: 'contact', familyId, childId: null, receivedOn: '2026-03-20', details: { text: 'Bonjour' } }).id;
    const radiation = createRequest(s.ctx, { type: 'radiation', familyId, childId: null, receivedOn: '2026-03-20', details: { movingDate: '2026-03-31', newAddress: { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' } } }).id;
    s.ctx.store.sqlite.prepare("UPDATE families SET status = 'archived' WHERE id = ?").run(familyId);
    const audits = s.count('audit_log');
    const outbox = s.count('outbox');
    const readOnly = 'Ce dossier est archivé\u00a0: il ne peut plus être modifié.';

    expect(() => assignRequest(s.ctx, { requestId: refund, agent: 'Mme Bernard' })).toThrow(readOnly);
    expect(() => setRequestStatus(s.ctx, { requestId: refund, status: 'in_review', missingPieces: [] })).toThrow(readOnly);
    expect(() => decideRefund(s.ctx, { requestId: refund, decision: 'refuse' })).toThrow(readOnly);
    expect(() => decideRefund(s.ctx, { requestId: refund, decision: 'missing_documents', missingPieces: ['Certificat'] })).toThrow(readOnly);
    expect(() => decideRhythm(s.ctx, { requestId: rhythm, decision: 'refuse' })).toThrow(readOnly);
    expect(() => closeCorrection(s.ctx, { requestId: contact, note: 'Répondu.' })).toThrow(readOnly);
    expect(() => decideRadiation(s.ctx, { requestId: radiation, decision: 'refuse' })).toThrow(readOnly);
    expect(() => storeRequestPiece(s.ctx, { familyId, requestId: radiation, kind: 'radiation_certificate', fileName: 'r.pdf', base64: PDF })).toThrow(readOnly);
    expect(() => createRequest(s.ctx, { type: 'contact', familyId, childId: null, receivedOn: '2026-03-30', details: { text: 'Encore' } })).toThrow(readOnly);

    expect(s.count('audit_log')).toBe(audits);
    expect(s.count('outbox')).toBe(outbox);
    expect(s.count('documents')).toBe(0);
    expect([refund, rhythm, contact, radiation].map((id) => getRequest(s.ctx, id).status)).toEqual(['received', 'received', 'received', 'received']);
  });

  it('reads the stored JSON with its type’s schemas: a decision of another shape is refused, not passed on', () => {
    const f = s.family({ name: 'Blanc' });
    const { id } = createRequest(s.ctx, { type: 'rhythm', familyId: f.id, childId: f.children[0]!.id, receivedOn: '2026-03-10', details: { weekdays: [1, 2] } });
    const got = getRequest(s.ctx, id);
    expect(got.type === 'rhythm' && got.details.weekdays).toEqual([1, 2]);
    s.ctx.store.sqlite.prepare(`UPDATE requests SET status = 'accepted', decision = '{"decision":"accept","verdict":{}}' WHERE id = ?`).run(id);
    expect(() => getRequest(s.ctx, id)).toThrow();
  });

  it('closes a correction with its note', () => {
    const f = s.family({ name: 'Blanc' });
    const { id } = createRequest(s.ctx, { type: 'correction', familyId: f.id, childId: null, receivedOn: '2026-03-30', details: { concerns: 'Adresse', text: 'Nous avons déménagé au 3 rue Oberkampf.' } });
    closeCorrection(s.ctx, { requestId: id, note: 'Adresse corrigée.' });
    expect(getRequest(s.ctx, id)).toMatchObject({ status: 'done', statusLabel: 'Traitée', letterNote: 'Adresse corrigée.', decidedBy: 'test' });
    expect(() => closeCorrection(s.ctx, { requestId: id, note: 'encore' })).toThrow(/déjà traitée/);
  });
});
