import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { getFamily } from '../../main/services/families/index.js';
import { closeCorrection, decideRefund, decideRhythm } from '../../main/services/requests/decisions.js';
import { createRequest, setRequestStatus, type NewRequest } from '../../main/services/requests/requests.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { requestNumber } from '../../shared/contract/requests.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * Issue 8, item 7: a request that repeats one already received is refused with the other's number
 * unless the agent confirms it; the rule (services/requests/similar.ts) is table-driven here.
 */

const PDF = (await pdfFixture({ marker: 'certificat médical' })).toString('base64');

let s: BillingStore;
let familyId: string;
let zoe: string;
let leo: string;
beforeEach(() => {
  s = billingStore('2026-04-01');
  const f = s.family({ name: 'Durand', children: [{ firstName: 'Zoé' }, { firstName: 'Léo' }] });
  issueBilling(s.ctx, s.period('Mars'));
  familyId = f.id;
  zoe = f.children[0]!.id;
  leo = f.children[1]!.id;
});
afterEach(() => s.ctx.dispose());

const refund = (childId: string, absenceFrom: string, absenceTo: string): NewRequest => ({
  type: 'refund',
  familyId,
  childId,
  receivedOn: '2026-03-20',
  details: { absenceFrom, absenceTo, reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
});
const rhythm = (childId: string): NewRequest => ({ type: 'rhythm', familyId, childId, receivedOn: '2026-03-20', details: { weekdays: [1, 2] } });
const radiation = (childId: string | null): NewRequest => ({
  type: 'radiation',
  familyId,
  childId,
  receivedOn: '2026-03-20',
  details: { movingDate: '2026-03-31', newAddress: { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' } },
});
const contact = (): NewRequest => ({ type: 'contact', familyId, childId: null, receivedOn: '2026-03-20', details: { text: 'Bonjour' } });
const correction = (): NewRequest => ({ type: 'correction', familyId, childId: null, receivedOn: '2026-03-20', details: { concerns: 'adresse', text: 'Nouvelle adresse' } });

type Existing = 'open' | 'in_review' | 'missing_documents' | 'accepted' | 'refused' | 'done';

/** Records `request`, then brings it to `state` through the real operations. */
function existing(request: NewRequest, state: Existing): string {
  const { id } = createRequest(s.ctx, request);
  if (request.type === 'refund') storeHealthDocument(s.ctx, { familyId, childId: request.childId ?? null, requestId: id, fileName: 'certificat.pdf', base64: PDF });
  if (state === 'in_review' || state === 'missing_documents') {
    setRequestStatus(s.ctx, { requestId: id, status: state, missingPieces: state === 'missing_documents' ? ['Certificat'] : [] });
  } else if (state === 'accepted' || state === 'refused') {
    const decision = state === 'accepted' ? 'accept' : 'refuse';
    if (request.type === 'refund') expect(decideRefund(s.ctx, { requestId: id, decision }).status).toBe(state);
    else if (request.type === 'rhythm') decideRhythm(s.ctx, { requestId: id, decision: 'refuse' });
    else throw new Error(`état ${state} non prévu pour ${request.type}`);
  } else if (state === 'done') {
    closeCorrection(s.ctx, { requestId: id, note: 'Adresse corrigée.' });
  }
  return id;
}

const requestCount = () => s.count('requests');

describe('duplicate requests', () => {
  it.each<[string, () => NewRequest, Existing, () => NewRequest, boolean]>([
    // Refunds: same child and overlapping absence (bounds included), open or accepted.
    ['refund, the same absence', () => refund(zoe, '2026-03-09', '2026-03-13'), 'open', () => refund(zoe, '2026-03-09', '2026-03-13'), true],
    ['refund overlapping by its last day', () => refund(zoe, '2026-03-09', '2026-03-13'), 'open', () => refund(zoe, '2026-03-13', '2026-03-17'), true],
    ['refund overlapping by its first day', () => refund(zoe, '2026-03-09', '2026-03-13'), 'open', () => refund(zoe, '2026-03-05', '2026-03-09'), true],
    ['refund inside the other', () => refund(zoe, '2026-03-02', '2026-03-13'), 'in_review', () => refund(zoe, '2026-03-10', '2026-03-10'), true],
    ['refund on the next day (adjacent)', () => refund(zoe, '2026-03-09', '2026-03-13'), 'open', () => refund(zoe, '2026-03-14', '2026-03-18'), false],
    ['refund ending the day before (adjacent)', () => refund(zoe, '2026-03-09', '2026-03-13'), 'open', () => refund(zoe, '2026-03-02', '2026-03-08'), false],
    ['refund of the other child, same days', () => refund(zoe, '2026-03-09', '2026-03-13'), 'open', () => refund(leo, '2026-03-09', '2026-03-13'), false],
    ['refund, the other waiting for pieces', () => refund(zoe, '2026-03-09', '2026-03-13'), 'missing_documents', () => refund(zoe, '2026-03-12', '2026-03-20'), true],
    ['refund, the other accepted and overlapping', () => refund(zoe, '2026-03-09', '2026-03-13'), 'accepted', () => refund(zoe, '2026-03-13', '2026-03-17'), true],
    ['refund, the other accepted and adjacent', () => refund(zoe, '2026-03-09', '2026-03-13'), 'accepted', () => refund(zoe, '2026-03-14', '2026-03-20'), false],
    ['refund, the other refused (closed)', () => refund(zoe, '2026-03-09', '2026-03-13'), 'refused', () => refund(zoe, '2026-03-09', '2026-03-13'), false],
    ['refund after a rhythm request (other kind)', () => rhythm(zoe), 'open', () => refund(zoe, '2026-03-09', '2026-03-13'), false],
    // Other kinds: an open request of the same kind, family, and child when the kind is per child.
    ['rhythm of the same child, open', () => rhythm(zoe), 'open', () => rhythm(zoe), true],
    ['rhythm of the same child, in review', () => rhythm(zoe), 'in_review', () => rhythm(zoe), true],
    ['rhythm of the other child', () => rhythm(zoe), 'open', () => rhythm(leo), false],
    ['rhythm of the same child, refused (closed)', () => rhythm(zoe), 'refused', () => rhythm(zoe), false],
    ['radiation of the family, then of one child', () => radiation(null), 'open', () => radiation(zoe), true],
    ['radiation, open, then another', () => radiation(zoe), 'missing_documents', () => radiation(null), true],
    ['message, open, then another message', contact, 'open', contact, true],
    ['message, open, then a correction (other kind)', contact, 'open', correction, false],
    ['correction done (closed), then another', correction, 'done', correction, false],
  ])('%s', (_name, first, state, second, similar) => {
    const otherId = existing(first(), state);
    const before = requestCount();
    if (!similar) {
      expect(() => createRequest(s.ctx, second())).not.toThrow();
      expect(requestCount()).toBe(before + 1);
      return;
    }
    expect(() => createRequest(s.ctx, second())).toThrow(expect.objectContaining({ code: 'CONFLICT', field: 'confirmDuplicate' }));
    try {
      createRequest(s.ctx, second());
    } catch (error) {
      expect((error as Error).message).toContain(`Une demande semblable existe déjà (n°\u00a0${requestNumber(otherId)} du 20/03/2026, statut «\u00a0`);
    }
    expect(requestCount()).toBe(before);
  });

  it('the create operation refuses the duplicate with the other’s number; the check names it; confirmed, it is saved and the audit says so', async () => {
    const otherId = existing(refund(zoe, '2026-03-09', '2026-03-13'), 'open');
    const again = refund(zoe, '2026-03-11', '2026-03-16');

    const refused = await dispatch(s.ctx, 'requests.create', again);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ code: 'CONFLICT', field: 'confirmDuplicate' });
    expect(refused.error.message).toBe(
      `Une demande semblable existe déjà (n°\u00a0${requestNumber(otherId)} du 20/03/2026, statut «\u00a0Reçue\u00a0»)\u00a0: ouvrez-la, ou confirmez pour enregistrer celle-ci quand même.`,
    );
    expect(s.count('audit_log', "action = 'request.create'")).toBe(1);

    const similar = await dispatch(s.ctx, 'requests.similar', again);
    expect(similar).toEqual({
      ok: true,
      value: { id: otherId, number: requestNumber(otherId), typeLabel: 'Remboursement pour maladie', statusLabel: 'Reçue', receivedOn: '2026-03-20' },
    });

    const saved = await dispatch(s.ctx, 'requests.create', { ...again, confirmDuplicate: true });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const { id } = saved.value as { id: string };
    const audit = s.ctx.store.sqlite.prepare("SELECT entity_id, after FROM audit_log WHERE action = 'request.duplicate'").all() as { entity_id: string; after: string }[];
    expect(audit).toEqual([{ entity_id: id, after: JSON.stringify({ similar_request_id: otherId, similar_number: requestNumber(otherId) }) }]);
    expect(getFamily(s.ctx, familyId).history.map((h) => h.summary)).toContain(
      `Demande enregistrée malgré une demande semblable (n°\u00a0${requestNumber(otherId)})`,
    );
    // A request that repeats nothing leaves no such entry.
    createRequest(s.ctx, rhythm(leo));
    expect(s.count('audit_log', "action = 'request.duplicate'")).toBe(1);
  });

  it('the list and the request give the number quoted in the message', async () => {
    const id = existing(contact(), 'open');
    const listed = await dispatch(s.ctx, 'requests.list', { familyId });
    expect(listed.ok && (listed.value as { id: string; number: string }[]).map((r) => [r.id, r.number])).toEqual([[id, requestNumber(id)]]);
    expect(requestNumber(id)).toMatch(/^[0-9A-F]{8}$/);
  });
});
