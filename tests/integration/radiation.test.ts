import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { storeRequestPiece } from '../../main/services/uploads/pieces.js';
import { decideRadiation } from '../../main/services/requests/radiation.js';
import { purgeAfter } from '../../main/services/families/lifecycle.js';
import { createRequest, getRequest } from '../../main/services/requests/requests.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

const LYON = { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' };
const PDF = (await pdfFixture({ marker: 'certificat de radiation' })).toString('base64');

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-04-01');
});
afterEach(() => s.ctx.dispose());

const db = () => s.ctx.store.sqlite;

function radiationRequest(familyId: string, movingDate: string, receivedOn: string, certificate = true) {
  const { id } = createRequest(s.ctx, { type: 'radiation', familyId, childId: null, receivedOn, details: { movingDate, newAddress: LYON } });
  if (certificate) storeRequestPiece(s.ctx, { familyId, requestId: id, kind: 'radiation_certificate', fileName: 'radiation.pdf', base64: PDF });
  return id;
}

function billedMars(name = 'Durand') {
  const f = s.family({ name, children: [{ firstName: 'Zoé' }, { firstName: 'Léo' }] });
  issueBilling(s.ctx, s.period('Mars'));
  return f;
}

const mealDays = (childId: string) =>
  (db().prepare("SELECT days FROM invoice_lines WHERE child_id = ? AND kind = 'meals'").all(childId) as { days: string }[]).flatMap(
    (l) => JSON.parse(l.days) as string[],
  );

describe('radiation', () => {
  it.each([
    ['moving before reception: the reception date', '2026-03-10', '2026-03-13', '2026-03-13'],
    ['moving after reception: the moving date', '2026-03-20', '2026-03-13', '2026-03-20'],
    ['same day', '2026-03-16', '2026-03-16', '2026-03-16'],
  ])('%s', (_label, moving, received, last) => {
    const f = billedMars();
    const id = radiationRequest(f.id, moving, received);
    const result = decideRadiation(s.ctx, { requestId: id, decision: 'accept' });
    expect(result).toMatchObject({ status: 'accepted', lastBilledDay: last, purgeAfter: `2029${last.slice(4)}` });
    expect(db().prepare('SELECT DISTINCT enrolled_to AS e FROM children WHERE family_id = ?').all(f.id)).toEqual([{ e: last }]);
    expect((db().prepare('SELECT status FROM families WHERE id = ?').get(f.id) as { status: string }).status).toBe('radiated');
    expect(purgeAfter(s.ctx, f.id)).toBe(`2029${last.slice(4)}`);
    for (const child of f.children) {
      const after = mealDays(child.id).filter((d) => d > last);
      const credits = db().prepare("SELECT days, amount_cents, unit_price_cents, reason FROM pending_credits WHERE child_id = ? AND kind = 'radiation_credit'").all(child.id) as Record<string, any>[];
      expect(credits).toHaveLength(1);
      expect(JSON.parse(credits[0]!.days)).toEqual(after);
      expect(credits[0]!.amount_cents).toBe(-after.length * credits[0]!.unit_price_cents);
      expect(credits[0]!.reason).toBe(`Radiation au ${last.slice(8)}/${last.slice(5, 7)}/2026\u00a0: ${after.length} repas facturés après le départ`);
    }
    expect(getRequest(s.ctx, id).decision).toMatchObject({ decision: 'accept', lastBilledDay: last });
  });

  it('credits the billed days after the end once: the next run applies them, nothing more', () => {
    const f = billedMars();
    const id = radiationRequest(f.id, '2026-04-10', '2026-03-30');
    decideRadiation(s.ctx, { requestId: id, decision: 'accept' });
    const pending = (db().prepare("SELECT SUM(amount_cents) AS n FROM pending_credits WHERE family_id = ?").get(f.id) as { n: number }).n;
    expect(pending).toBeLessThan(0);
    s.setToday('2026-05-02');
    issueBilling(s.ctx, s.period('Mai'));
    const lines = db()
      .prepare("SELECT l.amount_cents, l.kind FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.family_id = ? AND l.kind = 'radiation_credit'")
      .all(f.id) as { amount_cents: number }[];
    expect(lines.reduce((t, l) => t + l.amount_cents, 0)).toBe(pending);
    expect(s.count('pending_credits', 'family_id = ? AND applied_invoice_id IS NULL', f.id)).toBe(0);
    // No meals billed after the end in the next period.
    for (const c of f.children) expect(mealDays(c.id).filter((d) => d > '2026-04-30')).toEqual([]);
    // The request is final: it cannot be accepted again.
    expect(() => decideRadiation(s.ctx, { requestId: id, decision: 'accept' })).toThrow(/ne peut plus changer/);
  });

  it('refuses acceptance without the certificate; missing documents and refusal work', async () => {
    const f = billedMars();
    const id = radiationRequest(f.id, '2026-03-20', '2026-03-13', false);
    expect(() => decideRadiation(s.ctx, { requestId: id, decision: 'accept' })).toThrow('Le certificat de radiation est obligatoire avant l’acceptation.');
    expect(s.count('pending_credits')).toBe(0);
    expect((db().prepare('SELECT status FROM families WHERE id = ?').get(f.id) as { status: string }).status).toBe('active');
    const r = await dispatch(s.ctx, 'requests.decideRadiation', { requestId: id, decision: 'missing_documents' });
    expect(r).toMatchObject({ ok: true, value: { status: 'missing_documents' } });
    expect(getRequest(s.ctx, id).missingPieces).toEqual(['Certificat de radiation']);
    expect(decideRadiation(s.ctx, { requestId: id, decision: 'refuse', note: 'Pas de déménagement' }).status).toBe('refused');
  });

  it('refuses a second radiation request once the file is radiated', () => {
    const f = billedMars();
    decideRadiation(s.ctx, { requestId: radiationRequest(f.id, '2026-03-20', '2026-03-13'), decision: 'accept' });
    expect(() => radiationRequest(f.id, '2026-03-25', '2026-03-26', false)).toThrow('Ce dossier est déjà radié\u00a0: une nouvelle demande de radiation est sans objet.');
    expect(db().prepare("SELECT COUNT(*) AS n FROM requests WHERE type = 'radiation'").get()).toEqual({ n: 1 });
  });

  it('takes the retention from the setting retention.years', () => {
    db().prepare("INSERT INTO settings (key, value) VALUES ('retention.years', '5')").run();
    const f = billedMars();
    const id = radiationRequest(f.id, '2026-03-20', '2026-03-13');
    expect(decideRadiation(s.ctx, { requestId: id, decision: 'accept' }).purgeAfter).toBe('2031-03-20');
  });
});
