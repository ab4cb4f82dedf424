import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/context.js';
import { createFamily, removeGuardian, saveGuardian, searchFamilies, updateFamily } from '../../main/services/families/index.js';
import { applyPage } from '../../main/services/sync/apply.js';
import { syncOnce } from '../../main/services/sync/index.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { familyInput } from '../helpers/fixtures.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { pdfFixture } from '../helpers/uploads.js';
import { cancelPayment, recordPayment } from '../../main/services/payments/payments.js';
import { issueBillingRun } from '../../main/services/sync/numbers.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { seedDefaultCalendar } from '../../main/services/billing/seed.js';
import { upsertSchools } from '../../main/services/schools/register.js';
import { portalServerForFile } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';

/** Two desks and one server: what one writes, the other gets; concurrent edits end the same on both (issue 10, « Pull »). */
const server = portalServerForFile();

/** Each desk's clock is set by the test (a few seconds before the server's, never ahead). */
const clocks = { a: Date.now() - 60_000, b: Date.now() - 60_000 };
let a: ReturnType<typeof tempContext>;
let b: ReturnType<typeof tempContext>;
beforeEach(async () => {
  await server.empty();
  a = tempContext({ now: () => clocks.a });
  b = tempContext({ now: () => clocks.b });
  for (const [desk, name] of [[a, 'A'], [b, 'B']] as const) {
    await server.link(desk, name);
  }
});
afterEach(() => {
  a.dispose();
  b.dispose();
});

/** The synced tables of a desk, in a canonical order, for comparison. */
function dump(ctx: AppContext): unknown {
  const table = (name: string) => ctx.store.sqlite.prepare(`SELECT * FROM ${name} ORDER BY id`).all();
  return { families: table('families'), guardians: table('guardians'), children: table('children'), rhythms: table('rhythms') };
}

describe('two desks through one server', () => {
  it('a family created on A appears on B, searchable, with its guardians and children', async () => {
    const { id } = createFamily(a, familySchema.parse(familyInput({ familyName: 'Martin-Lefèvre' })));
    await syncOnce(a);
    const { pull } = await syncOnce(b);
    expect(pull).toMatchObject({ waiting: 0, ignored: 0 });
    expect(pull.applied).toBe(pull.received);
    expect(dump(b)).toEqual(dump(a));
    const found = searchFamilies(b, { query: 'Zoé', scope: 'all', limit: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([id]);
    expect(found.rows[0]).toMatchObject({ guardians: 'Élodie Martin · Jean-Baptiste Lefèvre' });
    // Nothing applied goes back: B has nothing to send, and A pulls nothing of its own (only,
    // once, the row of B's first document key, sent with B's first sync: five fields).
    expect((await syncOnce(b)).push.sent).toBe(0);
    expect((await syncOnce(a)).pull.received).toBe(5);
    expect((await syncOnce(a)).pull.received).toBe(0);
  });

  it('the same family edited on both offline ends with each field’s latest value on both', async () => {
    const { id } = createFamily(a, familySchema.parse(familyInput({ familyName: 'Martin' })));
    await syncOnce(a);
    await syncOnce(b);
    const address = { line1: '12 rue de la Roquette', line2: null, postalCode: '75011', city: 'Paris' };
    // Offline: A renames the family and writes a note; later, B writes another note and moves it.
    clocks.a += 1000;
    updateFamily(a, { id, familyName: 'Martin-Durand', address, notes: 'Note de A' });
    clocks.b += 2000;
    updateFamily(b, { id, familyName: 'Martin', address: { ...address, line1: '5 rue Oberkampf' }, notes: 'Note de B' });
    await syncOnce(a);
    await syncOnce(b);
    await syncOnce(a);
    expect(dump(a)).toEqual(dump(b));
    const row = a.store.sqlite.prepare('SELECT family_name, notes, address_line1 FROM families WHERE id = ?').get(id);
    // The name was changed on A only; the note and the address last on B.
    expect(row).toEqual({ family_name: 'Martin-Durand', notes: 'Note de B', address_line1: '5 rue Oberkampf' });
    expect(searchFamilies(b, { query: 'Durand', scope: 'all', limit: 10 }).rows.map((r) => r.id)).toEqual([id]);
  });

  it('a row cut across two pages waits in the inbox for the rest, then is written', () => {
    const familyId = createFamily(b, familySchema.parse(familyInput({ familyName: 'Petit', children: [] }))).id;
    const stamp = (i: number) => encodeHlc({ millis: clocks.a + 5000, counter: i, node: 'aaaa' });
    const child = { family_id: familyId, last_name: 'Petit', first_name: 'Léa', birth_date: '2019-02-03', class_name: 'CP', enrolled_from: '2025-09-01', diet_need: 'none', updated_at: '2026-03-01T10:00:00.000Z' };
    const messages = Object.entries(child).map(([field, value], i) => ({ seq: i + 1, hlc: stamp(i), entity: 'children', rowId: 'child-1', field, value: JSON.stringify(value) }));
    expect(applyPage(b, messages.slice(0, 2), 2)).toMatchObject({ applied: 2, waiting: 1 });
    expect(b.store.sqlite.prepare("SELECT COUNT(*) AS n FROM children WHERE id = 'child-1'").get()).toEqual({ n: 0 });
    expect(applyPage(b, messages.slice(2), messages.length)).toMatchObject({ waiting: 0 });
    expect(b.store.sqlite.prepare("SELECT first_name FROM children WHERE id = 'child-1'").get()).toEqual({ first_name: 'Léa' });
    // A replayed page changes nothing: every field is already at that clock.
    expect(applyPage(b, messages, messages.length)).toMatchObject({ applied: 0, ignored: messages.length });
  });

  it('rows that hang on each other three deep in one page are all written (a document, its request, its child, its family)', async () => {
    const { id: familyId } = createFamily(a, familySchema.parse(familyInput({ familyName: 'Roux' })));
    const childId = (a.store.sqlite.prepare('SELECT id FROM children WHERE family_id = ?').get(familyId) as { id: string }).id;
    const details = { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true };
    const { id: requestId } = createRequest(a, { type: 'refund', familyId, childId, receivedOn: '2026-03-15', details });
    const base64 = (await pdfFixture({ marker: 'certificat médical' })).toString('base64');
    const { id: documentId } = storeHealthDocument(a, { familyId, childId, requestId, fileName: 'certificat.pdf', base64 });
    // A's outbox as one pulled page: the staged rows are written in name order (children,
    // documents, families, requests…), so the document waits two passes for its request.
    const messages = a.store.sqlite.prepare('SELECT seq, hlc, entity, row_id AS rowId, field, value FROM outbox ORDER BY seq').all() as Parameters<typeof applyPage>[1][number][];
    expect(applyPage(b, messages, messages.length)).toMatchObject({ waiting: 0 });
    expect(b.store.sqlite.prepare('SELECT request_id FROM documents WHERE id = ?').get(documentId)).toEqual({ request_id: requestId });
  });

  it('a billing run stamps its messages by the desk’s clock, not the wall’s: on a desk a minute behind, it is issued and synced', async () => {
    seedDefaultCalendar(a, '2025-2026');
    const schools = upsertSchools(a, [{ code: 'E-TEST', name: 'École élémentaire Test', kind: 'elementaire', address: '1 rue Test, 75011 Paris', headName: null }]);
    const child = { ...familyInput().children![0]!, schoolId: schools.get('E-TEST')!.id };
    createFamily(a, familySchema.parse(familyInput({ familyName: 'Faure', children: [child] })));
    const period = (a.store.sqlite.prepare("SELECT id FROM billing_periods WHERE label LIKE 'Septembre%'").get() as { id: string }).id;
    // The run's bulk writer ticked from the wall clock, then could not move the desk's clock past it.
    const run = await issueBillingRun(a, period);
    expect(run.invoices).toBe(1);
    const latest = (a.store.sqlite.prepare('SELECT MAX(hlc) AS hlc FROM outbox').get() as { hlc: string }).hlc;
    expect(Number(latest.slice(0, 15))).toBeLessThan(clocks.a + 1000);
    await syncOnce(a);
    await syncOnce(b);
    expect(b.store.sqlite.prepare('SELECT number FROM invoices').all()).toEqual([{ number: 'F2026-000001' }]);
  });

  it('one payment cancelled on both desks offline: its released allocation ends the same on both (the release carries its field clock)', async () => {
    seedDefaultCalendar(a, '2025-2026');
    const schools = upsertSchools(a, [{ code: 'E-TEST', name: 'École élémentaire Test', kind: 'elementaire', address: '1 rue Test, 75011 Paris', headName: null }]);
    const child = { ...familyInput().children![0]!, schoolId: schools.get('E-TEST')!.id };
    const family = createFamily(a, familySchema.parse(familyInput({ familyName: 'Faure', children: [child] })));
    const period = (a.store.sqlite.prepare("SELECT id FROM billing_periods WHERE label LIKE 'Septembre%'").get() as { id: string }).id;
    await issueBillingRun(a, period);
    const payment = recordPayment(a, parseOrThrow(paymentInput, { familyId: family.id, method: 'cash', amountCents: 500, receivedOn: '2025-10-01', idempotencyKey: 'guichet-test-cancel' }));
    await syncOnce(a);
    await syncOnce(b);
    // Both cancel it offline, B a little later: B's release is the latest everywhere.
    cancelPayment(a, { paymentId: payment.paymentId, reason: 'Erreur de saisie' });
    clocks.b += 5;
    cancelPayment(b, { paymentId: payment.paymentId, reason: 'Doublon' });
    for (const desk of [a, b, a]) await syncOnce(desk);
    const allocations = (desk: AppContext) => desk.store.sqlite.prepare('SELECT id, released_at FROM payment_allocations ORDER BY id').all();
    expect(allocations(a)).toEqual(allocations(b));
    expect(allocations(a)).not.toEqual([]);
  });

  it('a row deleted on one desk while another edits it ends deleted on both, with nothing left waiting', async () => {
    const { id: familyId } = createFamily(a, familySchema.parse(familyInput({ familyName: 'Garnier' })));
    await syncOnce(a);
    await syncOnce(b);
    const second = b.store.sqlite.prepare('SELECT * FROM guardians WHERE family_id = ? AND rank = 2').get(familyId) as Record<string, string>;
    // Offline: A removes the second guardian; later, B changes that guardian's phone.
    clocks.a += 1000;
    removeGuardian(a, familyId, second.id!);
    clocks.b += 2000;
    saveGuardian(b, familyId, { id: second.id, rank: 2, lastName: second.last_name!, firstName: second.first_name!, isPayer: false, email: null, phoneMobile: '06 11 22 33 44', phoneHome: null, phoneWork: null, address: null });
    await syncOnce(a);
    await syncOnce(b);
    const { pull } = await syncOnce(a);
    expect(pull.waiting).toBe(0);
    for (const desk of [a, b]) {
      expect(desk.store.sqlite.prepare('SELECT COUNT(*) AS n FROM guardians WHERE id = ?').get(second.id)).toEqual({ n: 0 });
      expect(desk.store.sqlite.prepare('SELECT COUNT(*) AS n FROM sync_inbox').get()).toEqual({ n: 0 });
    }
  });
});
