import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDashboard } from '../../main/services/dashboard/dashboard.js';
import { createFamily } from '../../main/services/families/index.js';
import { decisionLetterDocument } from '../../main/services/print/letter.js';
import { accountLinkFacts, decideAccountLink } from '../../main/services/requests/account-link.js';
import { createRequest, getRequest, listRequests } from '../../main/services/requests/requests.js';
import { applyPage } from '../../main/services/sync/apply.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { SERVER_NODE } from '../../shared/contract/sync.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { dispatch } from '../helpers/dispatch.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

/**
 * « Rattachement d’un espace famille » at the desk (issue 11): the server writes the request as
 * sync messages of its own node (source « portal »); it lands in the inbox like any request, the
 * agent reads the facts (the family the dossier number designates, whether the birth date given is
 * one of its children's) and links the espace or refuses it, in one audited transaction whose sync
 * messages carry the decision back to the portal.
 */
let ctx: ReturnType<typeof tempContext>;
let family: { id: string; dossierNumber: number };
let seq = 0;

beforeEach(() => {
  ctx = tempContext();
  seq = 0;
  // Zoé Martin-Lefèvre, born on 2018-05-04; Élodie Martin (RL1) has elodie.martin@example.fr.
  family = createFamily(ctx, familySchema.parse(familyInput({ familyName: 'Martin' })));
});
afterEach(() => ctx.dispose());

/** The request as the server writes it: each field a message of node `server`, applied as a pulled page. */
function fromPortal(over: { familyId?: string | null; childBirthDate?: string | null; dossierNumber?: string; email?: string } = {}): string {
  const id = randomUUID();
  const details = {
    accountId: randomUUID(),
    email: over.email ?? 'elodie.martin@example.fr',
    lastName: 'Martin',
    firstName: 'Élodie',
    dossierNumber: over.dossierNumber ?? String(family.dossierNumber),
    childBirthDate: over.childBirthDate === undefined ? '2018-05-04' : over.childBirthDate,
  };
  const row = {
    family_id: over.familyId === undefined ? family.id : over.familyId,
    child_id: null,
    type: 'account_link',
    status: 'received',
    source: 'portal',
    received_on: '2026-03-14',
    handled_by: null,
    created_at: '2026-03-14T18:02:00.000Z',
    updated_at: '2026-03-14T18:02:00.000Z',
    details: JSON.stringify(details),
    missing_pieces: null,
    decision: null,
    decided_at: null,
    decided_by: null,
    letter_note: null,
  };
  const stamp = Date.parse('2026-03-14T18:02:00.000Z');
  const messages = Object.entries(row).map(([field, value]) => ({
    seq: ++seq,
    hlc: encodeHlc({ millis: stamp, counter: seq, node: SERVER_NODE }),
    entity: 'requests',
    rowId: id,
    field,
    value: JSON.stringify(value),
  }));
  expect(applyPage(ctx, messages, seq)).toMatchObject({ applied: messages.length, waiting: 0 });
  return id;
}

const outbox = (rowId: string) =>
  ctx.store.sqlite.prepare("SELECT field, value FROM outbox WHERE entity = 'requests' AND row_id = ? ORDER BY seq").all(rowId) as { field: string; value: string }[];
const stored = (id: string) =>
  ctx.store.sqlite.prepare('SELECT status, decision, decided_at, decided_by, letter_note FROM requests WHERE id = ?').get(id) as Record<string, string | null>;

describe('a request from the portal in the inbox', () => {
  it('is listed, filtered and counted like any request, marked « portal »; a desk request stays « desk » and syncs its source', () => {
    const link = fromPortal();
    const desk = createRequest(ctx, { type: 'contact', familyId: family.id, receivedOn: '2026-03-15', details: { text: 'Bonjour' } }).id;
    expect(listRequests(ctx, { sort: 'waited' }).map((r) => [r.id, r.source, r.typeLabel, r.familyName, r.waitedDays])).toEqual([
      [link, 'portal', 'Rattachement d’un espace famille', 'Martin', 1],
      [desk, 'desk', 'Message', 'Martin', 0],
    ]);
    expect(listRequests(ctx, { type: 'account_link', status: 'received', sort: 'received' }).map((r) => r.id)).toEqual([link]);
    expect(listRequests(ctx, { familyId: family.id, sort: 'received' }).map((r) => r.id)).toEqual([desk, link]);
    expect(getDashboard(ctx).requestsWaiting).toBe(2);
    expect(getRequest(ctx, link)).toMatchObject({
      type: 'account_link',
      source: 'portal',
      status: 'received',
      familyId: family.id,
      childId: null,
      details: { email: 'elodie.martin@example.fr', lastName: 'Martin', firstName: 'Élodie', dossierNumber: String(family.dossierNumber), childBirthDate: '2018-05-04' },
      decision: null,
    });
    // Nothing applied goes back to the outbox; the desk's own request carries its source.
    expect(outbox(link)).toEqual([]);
    expect(outbox(desk)).toContainEqual({ field: 'source', value: '"desk"' });
  });

  it('gives the facts: the family designated, its guardians, whether the birth date given is a child’s', async () => {
    const matching = fromPortal();
    expect(accountLinkFacts(ctx, matching)).toEqual({
      family: { id: family.id, familyName: 'Martin', dossierNumber: family.dossierNumber },
      guardians: [
        { name: 'Élodie Martin', sameEmail: true },
        { name: 'Jean-Baptiste Lefèvre', sameEmail: false },
      ],
      childrenBornThatDay: [{ id: expect.any(String), name: 'Zoé Martin-Lefèvre' }],
    });
    const otherDay = fromPortal({ childBirthDate: '2018-05-05', email: 'inconnu@example.fr' });
    expect(accountLinkFacts(ctx, otherDay)).toMatchObject({ guardians: [{ sameEmail: false }, { sameEmail: false }], childrenBornThatDay: [] });
    expect(accountLinkFacts(ctx, fromPortal({ childBirthDate: null })).childrenBornThatDay).toBeNull();
    expect(accountLinkFacts(ctx, fromPortal({ familyId: null, dossierNumber: '99999' }))).toEqual({ family: null, guardians: [], childrenBornThatDay: null });
    // Through the dispatch, for any agent; another type of request has no such facts.
    expect(await dispatch(ctx, 'requests.accountLinkFacts', { requestId: matching })).toMatchObject({ ok: true, value: { childrenBornThatDay: [{ name: 'Zoé Martin-Lefèvre' }] } });
    const contact = createRequest(ctx, { type: 'contact', familyId: family.id, receivedOn: '2026-03-15', details: { text: 'Bonjour' } }).id;
    expect(await dispatch(ctx, 'requests.accountLinkFacts', { requestId: contact })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Cette demande est de type «\u00a0Message\u00a0», pas «\u00a0Rattachement d’un espace famille\u00a0».' },
    });
  });
});

describe('deciding the link of an espace', () => {
  it('links the espace to the request’s family: accepted, decided, audited, with its sync messages', async () => {
    const id = fromPortal();
    expect(await dispatch(ctx, 'requests.decideAccountLink', { requestId: id, decision: 'accept', note: '' })).toEqual({ ok: true, value: { status: 'accepted' } });
    const row = stored(id);
    expect(row).toMatchObject({ status: 'accepted', decided_by: 'test', letter_note: null });
    expect(row.decided_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(row.decision!)).toEqual({ decision: 'accept', familyId: family.id, note: null });
    expect(outbox(id)).toEqual(
      expect.arrayContaining([
        { field: 'status', value: '"accepted"' },
        { field: 'decision', value: JSON.stringify(row.decision) },
        { field: 'decided_at', value: JSON.stringify(row.decided_at) },
        { field: 'decided_by', value: '"test"' },
      ]),
    );
    expect(ctx.store.sqlite.prepare("SELECT action, actor FROM audit_log WHERE entity = 'requests' AND entity_id = ?").all(id)).toEqual([{ action: 'request.decide', actor: 'test' }]);
    expect(getDashboard(ctx).requestsWaiting).toBe(0);
    expect(getRequest(ctx, id)).toMatchObject({ status: 'accepted', decision: { decision: 'accept', familyId: family.id } });
    // Decided once: a second decision is refused.
    expect(() => decideAccountLink(ctx, { requestId: id, decision: 'refuse', note: 'Non.' })).toThrow('Cette demande est déjà acceptée\u00a0: elle ne peut plus changer.');
    // The letter to the family says it.
    expect(decisionLetterDocument(ctx, id).paragraphs).toEqual([
      'Nous avons bien reçu, le 14/03/2026, votre demande de rattachement d’un espace famille.',
      `Votre espace famille est rattaché à votre dossier n°\u00a0${family.dossierNumber}.`,
    ]);
  });

  it('refuses to link a request that designates no family, in French, writing nothing', async () => {
    const id = fromPortal({ familyId: null, dossierNumber: '99999' });
    const before = (ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
    expect(await dispatch(ctx, 'requests.decideAccountLink', { requestId: id, decision: 'accept' })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Aucun dossier ne porte le numéro donné («\u00a099999\u00a0»)\u00a0: l’espace ne peut être rattaché à aucun dossier. Refusez la demande en expliquant pourquoi à la famille.',
      },
    });
    expect(stored(id)).toMatchObject({ status: 'received', decision: null, decided_at: null });
    expect((ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(before);
  });

  it('refuses only with a note, which the parent reads', async () => {
    const id = fromPortal({ familyId: null, dossierNumber: '99999' });
    for (const note of [undefined, '', '   ']) {
      expect(await dispatch(ctx, 'requests.decideAccountLink', { requestId: id, decision: 'refuse', note })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'note', message: 'Note\u00a0: obligatoire pour un refus, la famille la lira dans son espace.' },
      });
    }
    expect(stored(id).status).toBe('received');
    const note = 'Aucun dossier ne porte ce numéro\u00a0: vérifiez-le sur une facture.';
    expect(decideAccountLink(ctx, { requestId: id, decision: 'refuse', note })).toEqual({ status: 'refused' });
    expect(stored(id)).toMatchObject({ status: 'refused', decided_by: 'test', letter_note: note });
    expect(JSON.parse(stored(id).decision!)).toEqual({ decision: 'refuse', note });
    expect(outbox(id)).toEqual(expect.arrayContaining([{ field: 'status', value: '"refused"' }, { field: 'letter_note', value: JSON.stringify(note) }]));
  });

  it('is a decision of its own type only', () => {
    const contact = createRequest(ctx, { type: 'contact', familyId: family.id, receivedOn: '2026-03-15', details: { text: 'Bonjour' } }).id;
    expect(() => decideAccountLink(ctx, { requestId: contact, decision: 'accept' })).toThrow('Cette demande est de type «\u00a0Message\u00a0», pas «\u00a0Rattachement d’un espace famille\u00a0».');
  });
});
