import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/context.js';
import { issueBillingRun } from '../../main/services/sync/numbers.js';
import { listConflicts, resolveConflict } from '../../main/services/conflicts/index.js';
import { createFamily, saveGuardian } from '../../main/services/families/index.js';
import { recordPayment } from '../../main/services/payments/payments.js';
import { createRequest, decideRefund, decideRhythm } from '../../main/services/requests/index.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { syncOnce } from '../../main/services/sync/index.js';
import { familyInput as familySchema, guardianInput, type GuardianInput } from '../../shared/contract/families.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { familyInput } from '../helpers/fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';
import { portalServerForFile } from '../helpers/portal-store.js';
import { canonicalDump, outboxOf, stuckInInbox } from '../helpers/sync-invariants.js';
import { tempContext } from '../helpers/temp-context.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

/**
 * The business conflicts end to end (issue 10): two desks through one real server, offline writes
 * that last-writer-wins would hide → detected by the server, listed on both desks, resolved on
 * one, and the resolution with the chosen values reaches the other.
 */
const server = portalServerForFile();
const CERTIFICATE = (await pdfFixture({ marker: 'certificat médical' })).toString('base64');

/** Desk A holds the 2025-2026 calendar and schools; desk B starts empty and pulls them. */
let s: BillingStore;
let a: AppContext;
let b: ReturnType<typeof tempContext>;
beforeEach(async () => {
  await server.empty();
  s = billingStore('2026-03-15');
  a = s.ctx;
  a.actor = 'agent.a';
  b = tempContext({ actor: 'agent.b' });
  for (const [desk, name] of [[a, 'Accueil A'], [b, 'Régie B']] as const) {
    await server.link(desk, name);
  }
});
afterEach(() => {
  s.ctx.dispose();
  b.dispose();
});

/** Both desks in turn until neither has anything to send or receive. */
async function syncAll(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await syncOnce(a);
    await syncOnce(b);
  }
}

const rows = (ctx: AppContext, query: string, ...params: unknown[]) => ctx.store.sqlite.prepare(query).all(...params);
const conflictsTable = (ctx: AppContext) => rows(ctx, 'SELECT * FROM sync_conflicts ORDER BY id');

describe('business conflicts through one server', () => {
  it('two decisions on one request offline: both kept, listed on both desks; the refusal kept on A withdraws B’s new rhythm on B too', async () => {
    const family = s.family({ name: 'Martin' });
    const childId = family.children[0]!.id;
    const { id: requestId } = createRequest(a, { type: 'rhythm', familyId: family.id, childId, receivedOn: '2026-03-10', details: { weekdays: [1, 2] } });
    await syncAll();
    expect(rows(b, 'SELECT status FROM requests WHERE id = ?', requestId)).toEqual([{ status: 'received' }]);

    // Offline: A refuses, B accepts (which writes a rhythm from the next period).
    decideRhythm(a, { requestId, decision: 'refuse', note: 'Pièces manquantes' });
    decideRhythm(b, { requestId, decision: 'accept' });
    const rhythmOfB = (rows(b, 'SELECT id FROM rhythms WHERE child_id = ? ORDER BY effective_from DESC LIMIT 1', childId)[0] as { id: string }).id;
    await syncAll();

    for (const desk of [a, b]) {
      const { rows: open, openCount } = listConflicts(desk, { state: 'open' });
      expect(openCount).toBe(1);
      expect(open[0]).toMatchObject({
        kind: 'request_decision',
        action: 'choose',
        familyId: family.id,
        title: 'Deux décisions pour la demande «\u00a0changement de rythme\u00a0» de Zoé Martin',
        versions: [
          { deskName: 'Accueil A', lines: ['Refusée par agent.a', expect.stringMatching(/^le \d\d\/\d\d\/\d{4} \d\d:\d\d$/), 'Note\u00a0: Pièces manquantes'] },
          { deskName: 'Régie B', lines: ['Acceptée par agent.b', expect.stringMatching(/^le /)] },
        ],
        canResolve: true,
      });
    }
    expect(conflictsTable(a)).toEqual(conflictsTable(b));

    resolveConflict(a, { id: `request_decision:${requestId}`, chosen: 0 });
    await syncAll();
    for (const desk of [a, b]) {
      expect(rows(desk, 'SELECT status, decided_by, letter_note FROM requests WHERE id = ?', requestId)).toEqual([{ status: 'refused', decided_by: 'agent.a', letter_note: 'Pièces manquantes' }]);
      expect(rows(desk, 'SELECT id FROM rhythms WHERE id = ?', rhythmOfB)).toEqual([]);
      expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
      expect(listConflicts(desk, { state: 'resolved' }).rows[0]).toMatchObject({ chosen: 0, resolvedBy: 'agent.a' });
    }
    expect(conflictsTable(a)).toEqual(conflictsTable(b));
    // The resolution does not start the conflict again.
    expect(rows(a, 'SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL')).toEqual([{ n: 0 }]);
  });

  it('two payments offline on one invoice beyond its total: the version kept on B releases A’s allocation on A too', async () => {
    const family = s.family({ name: 'Martin' });
    await issueBillingRun(a, s.period('Septembre'));
    await syncAll();
    const invoice = rows(b, "SELECT id, number, total_cents AS total FROM invoices WHERE family_id = ? AND kind = 'invoice'", family.id)[0] as { id: string; number: string; total: number };
    const pay = (desk: AppContext, key: string) =>
      recordPayment(desk, parseOrThrow(paymentInput, { familyId: family.id, method: 'cash', amountCents: invoice.total, receivedOn: '2026-03-14', idempotencyKey: key }));
    pay(a, 'guichet-test-a');
    const fromB = pay(b, 'guichet-test-b');
    await syncAll();

    for (const desk of [a, b]) {
      const [conflict] = listConflicts(desk, { state: 'open' }).rows;
      expect(conflict).toMatchObject({
        id: `allocation_overrun:${invoice.id}`,
        title: expect.stringContaining(`Facture n°\u00a0${invoice.number} (Martin)\u00a0: payée au-delà de son total de `),
        versions: [
          { deskName: 'Accueil A', lines: [expect.stringMatching(/du reçu n°\u00a0R2026-\d{2}-000001 du 14\/03\/2026$/), expect.stringMatching(/^affecté le /)] },
          { deskName: 'Régie B', lines: [expect.stringMatching(/du reçu n°\u00a0R2026-\d{2}-000001 du 14\/03\/2026$/), expect.stringMatching(/^affecté le /)] },
        ],
      });
    }
    resolveConflict(b, { id: `allocation_overrun:${invoice.id}`, chosen: 1 });
    await syncAll();
    for (const desk of [a, b]) {
      const active = rows(desk, 'SELECT payment_id AS paymentId, amount_cents AS amount FROM payment_allocations WHERE invoice_id = ? AND released_at IS NULL', invoice.id);
      expect(active).toEqual([{ paymentId: fromB.paymentId, amount: invoice.total }]);
      expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
    }
    expect(conflictsTable(a)).toEqual(conflictsTable(b));
  });

  it('two refund requests of one child accepted offline, their days overlapping: listed on both desks; the decision kept on B sends A’s request back to instruction, its credit withdrawn, and decided again it refunds only the day left', async () => {
    const family = s.family({ name: 'Martin' });
    const childId = family.children[0]!.id;
    const refund = (absence: { from: string; to: string }) => {
      const details = { absenceFrom: absence.from, absenceTo: absence.to, reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true };
      const { id } = createRequest(a, { type: 'refund', familyId: family.id, childId, receivedOn: '2026-03-15', details, confirmDuplicate: true });
      storeHealthDocument(a, { familyId: family.id, childId, requestId: id, fileName: 'certificat.pdf', base64: CERTIFICATE });
      return id;
    };
    const first = refund({ from: '2026-03-09', to: '2026-03-13' });
    const second = refund({ from: '2026-03-10', to: '2026-03-13' });
    await syncAll();

    // Offline, each desk accepts one: A refunds 9, 10, 12 and 13 March, B 10, 12 and 13 March.
    const fromA = decideRefund(a, { requestId: first, decision: 'accept' });
    const fromB = decideRefund(b, { requestId: second, decision: 'accept' });
    expect(fromB.verdict.refundedDays).toEqual(['2026-03-10', '2026-03-12', '2026-03-13']);
    await syncAll();

    const id = `refund_overlap:${second}`;
    for (const desk of [a, b]) {
      const { rows: open, openCount } = listConflicts(desk, { state: 'open' });
      expect(openCount).toBe(1);
      expect(open[0]).toMatchObject({
        id,
        kind: 'refund_overlap',
        action: 'choose',
        familyId: family.id,
        title: 'Les mêmes repas de Zoé Martin remboursés deux fois',
        explanation: expect.stringMatching(/^Repas remboursés par deux demandes acceptées sur deux postes\u00a0: 10\/03\/2026, 12\/03\/2026, 13\/03\/2026\. La décision gardée vaut sur tous les postes\u00a0; les autres demandes reviennent «\u00a0En instruction\u00a0»/),
        versions: [
          { deskName: 'Accueil A', lines: [`Demande n°\u00a0${first.slice(0, 8).toUpperCase()} (absence du 09/03/2026 au 13/03/2026)`, 'Acceptée par agent.a', expect.stringMatching(/^le \d\d\/\d\d\/\d{4} \d\d:\d\d$/), '4 repas remboursés\u00a0: 09/03/2026, 10/03/2026, 12/03/2026, 13/03/2026'] },
          { deskName: 'Régie B', lines: [`Demande n°\u00a0${second.slice(0, 8).toUpperCase()} (absence du 10/03/2026 au 13/03/2026)`, 'Acceptée par agent.b', expect.stringMatching(/^le /), '3 repas remboursés\u00a0: 10/03/2026, 12/03/2026, 13/03/2026'] },
        ],
        canResolve: true,
      });
    }
    expect(conflictsTable(a)).toEqual(conflictsTable(b));

    resolveConflict(b, { id, chosen: 1 });
    await syncAll();
    for (const desk of [a, b]) {
      expect(rows(desk, 'SELECT id, status, decision FROM requests WHERE id IN (?, ?) ORDER BY id = ?', first, second, second)).toEqual([
        { id: first, status: 'in_review', decision: null },
        { id: second, status: 'accepted', decision: expect.any(String) },
      ]);
      expect(rows(desk, "SELECT id FROM pending_credits WHERE kind = 'refund_credit' ORDER BY id")).toEqual(fromB.pendingCreditIds.map((c) => ({ id: c })));
      expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
      expect(listConflicts(desk, { state: 'resolved' }).rows[0]).toMatchObject({ id, chosen: 1, resolvedBy: 'agent.b' });
    }
    expect(fromA.pendingCreditIds).toHaveLength(1);
    expect(conflictsTable(a)).toEqual(conflictsTable(b));

    // Decided again on A, the first request refunds only the day B's does not: no day twice, no new conflict.
    expect(decideRefund(a, { requestId: first, decision: 'accept' }).verdict.refundedDays).toEqual(['2026-03-09']);
    await syncAll();
    expect(listConflicts(b, { state: 'open' }).openCount).toBe(0);
    expect(canonicalDump(b)).toEqual(canonicalDump(a));
  });

  it('two agents keep the two versions of one refund decision at once: the server lists it again, and the next choice makes the kept refund’s credits again', async () => {
    const family = s.family({ name: 'Martin' });
    const childId = family.children[0]!.id;
    const details = { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true };
    const { id: requestId } = createRequest(a, { type: 'refund', familyId: family.id, childId, receivedOn: '2026-03-15', details });
    storeHealthDocument(a, { familyId: family.id, childId, requestId, fileName: 'certificat.pdf', base64: CERTIFICATE });
    await syncAll();
    decideRefund(a, { requestId, decision: 'accept' });
    decideRefund(b, { requestId, decision: 'accept' });
    await syncAll();
    const id = `request_decision:${requestId}`;
    // Offline, A keeps B's decision and B keeps A's: each withdraws the other's credit.
    resolveConflict(a, { id, chosen: 1 });
    resolveConflict(b, { id, chosen: 0 });
    await syncAll();
    const credits = (desk: AppContext) => rows(desk, "SELECT days FROM pending_credits WHERE child_id = ? AND kind = 'refund_credit'", childId);
    for (const desk of [a, b]) {
      expect(rows(desk, 'SELECT status FROM requests WHERE id = ?', requestId)).toEqual([{ status: 'accepted' }]);
      expect(credits(desk)).toEqual([]);
      expect(listConflicts(desk, { state: 'open' }).rows.map((c) => c.id)).toEqual([id]);
    }

    resolveConflict(a, { id, chosen: 0 });
    await syncAll();
    for (const desk of [a, b]) {
      expect(credits(desk)).toEqual([{ days: JSON.stringify(['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13']) }]);
      const decision = JSON.parse((rows(desk, 'SELECT decision FROM requests WHERE id = ?', requestId)[0] as { decision: string }).decision) as { pendingCreditIds: string[] };
      expect(rows(desk, 'SELECT id FROM pending_credits WHERE child_id = ?', childId)).toEqual(decision.pendingCreditIds.map((c) => ({ id: c })));
      expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
    }
    expect(canonicalDump(b)).toEqual(canonicalDump(a));
  });

  it('one child in two families created offline with the same dossier number: the second is renumbered everywhere, the child stays in the file chosen', async () => {
    await syncAll();
    const child = { lastName: 'Durand', firstName: 'Zoé', birthDate: '2018-05-04' };
    const onA = createFamily(a, familySchema.parse(familyInput({ familyName: 'Durand', children: [{ ...familyInput().children![0]!, ...child, schoolId: null }] })));
    const onB = createFamily(b, familySchema.parse(familyInput({ familyName: 'Durand-Petit', children: [{ ...familyInput().children![0]!, ...child, lastName: 'DURAND', schoolId: null }] })));
    const numbers = (desk: AppContext) => rows(desk, 'SELECT id, dossier_number AS n FROM families ORDER BY dossier_number');
    const first = (numbers(a)[0] as { n: number }).n;
    expect(numbers(b)).toEqual([{ id: onB.id, n: first }]);
    await syncAll();

    // Nothing waits on the UNIQUE constraint: B's family got the next number, on both desks.
    for (const desk of [a, b]) {
      expect(numbers(desk)).toEqual([
        { id: onA.id, n: first },
        { id: onB.id, n: first + 1 },
      ]);
      expect(rows(desk, 'SELECT COUNT(*) AS n FROM sync_inbox')).toEqual([{ n: 0 }]);
      const open = listConflicts(desk, { state: 'open' }).rows;
      expect(open.map((c) => c.kind).sort()).toEqual(['dossier_number', 'duplicate_child']);
      expect(open.find((c) => c.kind === 'dossier_number')).toMatchObject({
        action: 'acknowledge',
        title: `Numéro de dossier ${first} donné deux fois hors connexion`,
        versions: [{ lines: ['Dossier Durand', `garde le n°\u00a0${first}`] }, { lines: ['Dossier Durand-Petit', `devient le n°\u00a0${first + 1} (au lieu du n°\u00a0${first})`] }],
      });
      expect(open.find((c) => c.kind === 'duplicate_child')).toMatchObject({
        title: 'Deux dossiers pour l’enfant Zoé Durand, né(e) le 04/05/2018',
        versions: [{ deskName: 'Accueil A', lines: [`Dossier n°\u00a0${first} — Durand`, expect.stringMatching(/^créé le /)] }, { deskName: 'Régie B', lines: [`Dossier n°\u00a0${first + 1} — Durand-Petit`, expect.stringMatching(/^créé le /)] }],
      });
    }
    const duplicate = listConflicts(b, { state: 'open' }).rows.find((c) => c.kind === 'duplicate_child')!;
    const dossier = listConflicts(a, { state: 'open' }).rows.find((c) => c.kind === 'dossier_number')!;
    expect(() => resolveConflict(a, { id: dossier.id, chosen: 0 })).toThrow('Ce conflit n’a rien à choisir');
    resolveConflict(a, { id: dossier.id, chosen: null });
    resolveConflict(b, { id: duplicate.id, chosen: 0 });
    await syncAll();
    for (const desk of [a, b]) {
      // In B's file, the child's enrolment has ended (never deleted: see the next test).
      expect(rows(desk, "SELECT family_id AS familyId, enrolled_to IS NOT NULL AS ended FROM children WHERE first_name = 'Zoé' ORDER BY ended")).toEqual([
        { familyId: onA.id, ended: 0 },
        { familyId: onB.id, ended: 1 },
      ]);
      expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
    }
    expect(conflictsTable(a)).toEqual(conflictsTable(b));
  });

  it('one child in two families, kept in A’s file while B, offline, bills B’s: the child is not deleted from B’s file, so B’s invoice lines and the choice both land and the desks converge', async () => {
    await syncAll();
    const child = { lastName: 'Durand', firstName: 'Zoé', birthDate: '2018-05-04', schoolId: s.schoolId, enrolledFrom: '2025-09-01', weekdays: [1, 2, 4, 5] };
    const family = (desk: AppContext, name: string) => createFamily(desk, familySchema.parse(familyInput({ familyName: name, children: [child] })));
    const onA = family(a, 'Durand');
    const onB = family(b, 'Durand-Petit');
    await syncAll();
    const duplicate = listConflicts(a, { state: 'open' }).rows.find((c) => c.kind === 'duplicate_child')!;
    const childOfB = (rows(b, 'SELECT id FROM children WHERE family_id = ?', onB.id)[0] as { id: string }).id;

    // A keeps the child in A's file; B, not synced since, issues January (B's invoice names B's child).
    resolveConflict(a, { id: duplicate.id, chosen: 0 });
    await issueBillingRun(b, s.period('Janvier'));
    expect(rows(b, 'SELECT COUNT(*) AS n FROM invoice_lines WHERE child_id = ?', childOfB)).toEqual([{ n: 1 }]);
    await syncAll();

    for (const desk of [a, b]) {
      expect(stuckInInbox(desk)).toEqual([]);
      // Still in B's file, its enrolment ended, without a rhythm (never billed again); B's invoice keeps its line.
      expect(rows(desk, 'SELECT family_id AS familyId, enrolled_to AS enrolledTo FROM children WHERE id = ?', childOfB)).toEqual([{ familyId: onB.id, enrolledTo: '2026-03-14' }]);
      expect(rows(desk, 'SELECT COUNT(*) AS n FROM rhythms WHERE child_id = ?', childOfB)).toEqual([{ n: 0 }]);
      expect(rows(desk, 'SELECT COUNT(*) AS n FROM invoice_lines WHERE child_id = ?', childOfB)).toEqual([{ n: 1 }]);
      expect(listConflicts(desk, { state: 'resolved' }).rows.map((c) => c.id)).toContain(duplicate.id);
    }
    expect(canonicalDump(b)).toEqual(canonicalDump(a));
    expect(rows(a, 'SELECT family_id AS familyId FROM children WHERE family_id = ?', onA.id)).toHaveLength(1);
  });

  describe('two guardians of one rank added offline on two desks', () => {
    /** A family synced to both desks with one guardian (rank 1, the payer); then each desk adds a rank-2 guardian offline and all sync. */
    async function clash() {
      const family = s.family({ name: 'Durand' });
      await syncAll();
      const add = (desk: AppContext, g: Omit<GuardianInput, 'rank'>) => saveGuardian(desk, family.id, parseOrThrow(guardianInput, { rank: 2, ...g }));
      const onA = add(a, { lastName: 'Durand', firstName: 'Jean', isPayer: false, phoneMobile: '0611223344' });
      // B's makes itself the payer: Camille stops being it on B.
      const onB = add(b, { lastName: 'Roux', firstName: 'Amélie', isPayer: true, email: 'amelie.roux@example.fr', address: { line1: '3 rue des Lilas', postalCode: '69003', city: 'Lyon' } });
      await syncAll();
      const dossier = (rows(a, 'SELECT dossier_number AS n FROM families WHERE id = ?', family.id)[0] as { n: number }).n;
      const first = (rows(a, 'SELECT id FROM guardians WHERE family_id = ? AND rank = 1', family.id)[0] as { id: string }).id;
      return { family, first, onA, onB, dossier };
    }
    const guardiansOf = (desk: AppContext, familyId: string) =>
      rows(desk, 'SELECT id, rank, first_name AS firstName, last_name AS lastName, is_payer AS isPayer, email, city FROM guardians WHERE family_id = ? ORDER BY rank', familyId);
    function expectConverged(): void {
      for (const desk of [a, b]) expect(stuckInInbox(desk)).toEqual([]);
      expect(canonicalDump(b)).toEqual(canonicalDump(a));
    }

    it('the server sets the second aside: nothing waits in the inbox, both desks identical, one conflict told in French', async () => {
      const { family, first, onA, onB, dossier } = await clash();
      expectConverged();
      for (const desk of [a, b]) {
        // Camille is the payer again (the guardian set aside was the only one), Jean is the rank-2 guardian.
        expect(guardiansOf(desk, family.id)).toEqual([
          { id: first, rank: 1, firstName: 'Camille', lastName: 'Durand', isPayer: 1, email: null, city: null },
          { id: onA.id, rank: 2, firstName: 'Jean', lastName: 'Durand', isPayer: 0, email: null, city: null },
        ]);
        const { rows: open, openCount } = listConflicts(desk, { state: 'open' });
        expect(openCount).toBe(1);
        expect(open[0]).toMatchObject({
          id: `guardian_rank:${onB.id}`,
          kind: 'guardian_rank',
          action: 'choose',
          familyId: family.id,
          title: `Deux responsables de rang 2 pour la famille Durand (dossier n°\u00a0${dossier})`,
          explanation:
            'La fiche de Jean Durand est restée en place sur tous les postes\u00a0; celle d’Amélie Roux a été mise de côté. Garder la seconde remplace la première par une nouvelle fiche de rang 2.',
          versions: [
            { deskName: 'Accueil A', lines: ['En place', 'Jean Durand', 'Portable\u00a0: 06 11 22 33 44'] },
            {
              deskName: 'Régie B',
              lines: ['Mise de côté', 'Amélie Roux', 'Payeur', 'Courriel\u00a0: amelie.roux@example.fr', 'Adresse\u00a0: 3 rue des Lilas, 69003 Lyon', 'Payeur désormais\u00a0: Camille Durand'],
            },
          ],
          canResolve: true,
        });
      }
      expect(conflictsTable(a)).toEqual(conflictsTable(b));

      // Keeping the one in place writes nothing but the resolution.
      const sent = outboxOf(a).length;
      resolveConflict(a, { id: `guardian_rank:${onB.id}`, chosen: 0 });
      expect(new Set(outboxOf(a).slice(sent).map((m) => m.entity))).toEqual(new Set(['sync_conflicts']));
      await syncAll();
      expectConverged();
      for (const desk of [a, b]) {
        expect(guardiansOf(desk, family.id).map((g) => (g as { id: string }).id)).toEqual([first, onA.id]);
        expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
        expect(listConflicts(desk, { state: 'resolved' }).rows[0]).toMatchObject({ chosen: 0, resolvedBy: 'agent.a' });
      }
    });

    it('keeping the one set aside replaces the guardian in place by a new one with its values, the payer with it, on both desks', async () => {
      const { family, first: camille, onA, onB } = await clash();
      resolveConflict(b, { id: `guardian_rank:${onB.id}`, chosen: 1 });
      await syncAll();
      expectConverged();
      for (const desk of [a, b]) {
        const [first, second] = guardiansOf(desk, family.id) as { id: string }[];
        expect(first).toEqual({ id: camille, rank: 1, firstName: 'Camille', lastName: 'Durand', isPayer: 0, email: null, city: null });
        expect(second).toEqual({ id: expect.any(String), rank: 2, firstName: 'Amélie', lastName: 'Roux', isPayer: 1, email: 'amelie.roux@example.fr', city: 'Lyon' });
        expect([onA.id, onB.id]).not.toContain(second!.id);
        expect(listConflicts(desk, { state: 'open' }).openCount).toBe(0);
        expect(listConflicts(desk, { state: 'resolved' }).rows[0]).toMatchObject({ chosen: 1, resolvedBy: 'agent.b' });
      }
      expect(conflictsTable(a)).toEqual(conflictsTable(b));
    });
  });
});
