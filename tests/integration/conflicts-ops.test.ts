import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextView } from '../../main/context.js';
import { createAccount } from '../../main/services/accounts/index.js';
import { listConflicts, resolveConflict } from '../../main/services/conflicts/index.js';
import { getDashboard } from '../../main/services/dashboard/dashboard.js';
import { createFamily } from '../../main/services/families/index.js';
import { createRequest } from '../../main/services/requests/index.js';
import { applyPage } from '../../main/services/sync/apply.js';
import type { ConflictVersion } from '../../shared/contract/conflicts.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { dispatch } from '../helpers/dispatch.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

/**
 * The « Conflits » operations through the dispatch: a conflict pulled from the server (applied as
 * any page) is listed in French; resolving it checks the role of its kind, the version chosen,
 * and writes once, with its audit entry and the sync messages that carry the choice.
 */
let ctx: ReturnType<typeof tempContext>;
let requestId: string;
const id = () => `request_decision:${requestId}`;

beforeEach(() => {
  ctx = tempContext();
  const family = createFamily(ctx, familySchema.parse(familyInput({ familyName: 'Martin' })));
  const childId = (ctx.store.sqlite.prepare('SELECT id FROM children WHERE family_id = ?').get(family.id) as { id: string }).id;
  requestId = createRequest(ctx, { type: 'rhythm', familyId: family.id, childId, receivedOn: '2026-03-10', details: { weekdays: [1, 2] } }).id;
  const version = (deskName: string, status: string, by: string): ConflictVersion => ({
    deskId: deskName,
    deskName,
    at: '2026-03-14T09:00:00.000Z',
    rows: [{ entity: 'requests', rowId: requestId, values: { status, decision: JSON.stringify({ decision: status === 'accepted' ? 'accept' : 'refuse', note: null }), decided_at: '2026-03-14T09:00:00.000Z', decided_by: by, letter_note: null } }],
  });
  const conflict = { kind: 'request_decision', entity: 'requests', row_id: requestId, versions: JSON.stringify([version('Accueil', 'refused', 'agent.a'), version('Régie', 'accepted', 'agent.b')]), detected_at: '2026-03-14T10:00:00.000Z', resolved_at: null, resolved_by: null, chosen: null };
  const stamp = Date.parse('2026-03-14T10:00:00.000Z');
  applyPage(ctx, Object.entries(conflict).map(([field, value], i) => ({ seq: i + 1, hlc: encodeHlc({ millis: stamp, counter: i, node: 'server' }), entity: 'sync_conflicts', rowId: id(), field, value: JSON.stringify(value) })), 100);
});
afterEach(() => ctx.dispose());

describe('conflicts.list and conflicts.resolve', () => {
  it('lists the open conflict in French, for every agent; only instruction may settle a decision', () => {
    const accueil = contextView(ctx, { roles: new Set(['accueil']) });
    // The service under the agent's roles (the CLI's dispatch acts with every permission).
    expect(listConflicts(accueil, { state: 'open' })).toMatchObject({
      openCount: 1, rows: [{ id: id(), title: 'Deux décisions pour la demande «\u00a0changement de rythme\u00a0» de Zoé Martin-Lefèvre', canResolve: false, versions: [{ deskName: 'Accueil', lines: ['Refusée par agent.a', 'le 14/03/2026 10:00'] }, { deskName: 'Régie' }] }],
    });
    expect(() => resolveConflict(accueil, { id: id(), chosen: 0 })).toThrow('Cette action demande le rôle «\u00a0Instruction\u00a0», que votre compte n’a pas.');
    expect(listConflicts(contextView(ctx, { roles: new Set(['instruction']) }), { state: 'open' }).rows[0]!.canResolve).toBe(true);
  });

  it('refuses a version that does not exist, an unknown conflict, and a second resolution, in French', async () => {
    expect(await dispatch(ctx, 'conflicts.resolve', { id: id(), chosen: 2 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'chosen', message: 'Version choisie\u00a0: entre 0 et 1.' } });
    expect(await dispatch(ctx, 'conflicts.resolve', { id: id(), chosen: null })).toMatchObject({ ok: false, error: { field: 'chosen', message: 'Version choisie\u00a0: obligatoire.' } });
    expect(await dispatch(ctx, 'conflicts.resolve', { id: 'request_decision:nope', chosen: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(ctx, 'conflicts.resolve', { id: id(), chosen: 1 })).toEqual({ ok: true, value: { ok: true } });
    expect(await dispatch(ctx, 'conflicts.resolve', { id: id(), chosen: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^Ce conflit a déjà été tranché le \d\d\/\d\d\/\d{4} \d\d:\d\d par test\.$/) } });
  });

  it('writes the chosen version on the request and the resolution, audited, with their sync messages, in one go', async () => {
    const outbox = () => ctx.store.sqlite.prepare("SELECT entity, field, value FROM outbox WHERE entity IN ('requests', 'sync_conflicts') AND sent_at IS NULL ORDER BY seq").all() as { entity: string; field: string; value: string }[];
    const before = outbox().length;
    expect(await dispatch(ctx, 'conflicts.resolve', { id: id(), chosen: 1 })).toEqual({ ok: true, value: { ok: true } });
    expect(ctx.store.sqlite.prepare('SELECT status, decided_by FROM requests WHERE id = ?').get(requestId)).toEqual({ status: 'accepted', decided_by: 'agent.b' });
    const sent = outbox().slice(before);
    expect(sent).toEqual(expect.arrayContaining([{ entity: 'requests', field: 'status', value: '"accepted"' }, { entity: 'sync_conflicts', field: 'chosen', value: '1' }, { entity: 'sync_conflicts', field: 'resolved_by', value: '"test"' }]));
    expect(ctx.store.sqlite.prepare("SELECT entity FROM audit_log WHERE action = 'conflict.resolve' ORDER BY entity").all()).toEqual([{ entity: 'requests' }, { entity: 'sync_conflicts' }]);
    expect(await dispatch(ctx, 'conflicts.list', { state: 'resolved' })).toMatchObject({ ok: true, value: { openCount: 0, rows: [{ chosen: 1, resolvedBy: 'test' }] } });
  });

  it('counts the open conflicts on the dashboard (the navigation badge), one less once resolved', async () => {
    expect(getDashboard(ctx).conflictsOpen).toBe(1);
    expect(await dispatch(ctx, 'conflicts.resolve', { id: id(), chosen: 0 })).toEqual({ ok: true, value: { ok: true } });
    expect(getDashboard(ctx).conflictsOpen).toBe(0);
  });

  it('elides « de » before a vowel in the title, and names the deciding agents by their display name', async () => {
    await createAccount(ctx, { login: 'agent.a', displayName: 'Élise Roux', permissions: ['instruction'], password: 'correct cheval pile agrafe' });
    const title = () => listConflicts(ctx, { state: 'open' }).rows[0]!.title;
    ctx.store.sqlite.prepare("UPDATE children SET first_name = 'Amélie'").run();
    expect(title()).toBe('Deux décisions pour la demande «\u00a0changement de rythme\u00a0» d’Amélie Martin-Lefèvre');
    ctx.store.sqlite.prepare('UPDATE requests SET child_id = NULL').run();
    expect(title()).toBe('Deux décisions pour la demande «\u00a0changement de rythme\u00a0» de la famille Martin');
    expect(listConflicts(ctx, { state: 'open' }).rows[0]!.versions.map((v) => v.lines[0])).toEqual(['Refusée par Élise Roux', 'Acceptée par agent.b']);
  });
});

describe('a guardian_rank conflict (two guardians of one rank, the second set aside by the server)', () => {
  /** The fixture's family (Élodie Martin rank 1 payer, Jean-Baptiste Lefèvre rank 2) and a conflict whose second version, Anne Roux, the server set aside. */
  function pulledConflict(): { familyId: string; holderId: string; conflictId: string } {
    const familyId = (ctx.store.sqlite.prepare("SELECT id FROM families WHERE family_name = 'Martin'").get() as { id: string }).id;
    const holder = ctx.store.sqlite.prepare('SELECT * FROM guardians WHERE family_id = ? AND rank = 2').get(familyId) as Record<string, unknown>;
    const guardian = (rowId: string, values: Record<string, unknown>, deskName: string): ConflictVersion => ({
      deskId: deskName,
      deskName,
      at: '2026-03-14T09:00:00.000Z',
      rows: [{ entity: 'guardians', rowId, values: { family_id: familyId, rank: 2, email: null, phone_mobile: null, phone_home: null, phone_work: null, address_line1: null, address_line2: null, postal_code: null, city: null, family_name: 'Martin', dossier_number: 40001, ...values } }],
    });
    const versions = [
      guardian(String(holder.id), { first_name: holder.first_name, last_name: holder.last_name, is_payer: false, phone_mobile: holder.phone_mobile }, 'Accueil'),
      guardian('g-set-aside', { first_name: 'Anne', last_name: 'Roux', is_payer: false, phone_work: '01 23 45 67 89' }, 'Régie'),
    ];
    const conflictId = 'guardian_rank:g-set-aside';
    const conflict = { kind: 'guardian_rank', entity: 'guardians', row_id: 'g-set-aside', versions: JSON.stringify(versions), detected_at: '2026-03-14T10:00:00.000Z', resolved_at: null, resolved_by: null, chosen: null };
    const stamp = Date.parse('2026-03-14T10:00:00.000Z');
    applyPage(ctx, Object.entries(conflict).map(([field, value], i) => ({ seq: 200 + i, hlc: encodeHlc({ millis: stamp, counter: i, node: 'server' }), entity: 'sync_conflicts', rowId: conflictId, field, value: JSON.stringify(value) })), 300);
    return { familyId, holderId: String(holder.id), conflictId };
  }
  const guardiansOf = (familyId: string) =>
    ctx.store.sqlite.prepare('SELECT id, rank, first_name AS firstName, is_payer AS isPayer, phone_work AS phoneWork FROM guardians WHERE family_id = ? ORDER BY rank').all(familyId) as { id: string }[];

  it('is told with elision, resolved by accueil only; keeping the one set aside removes the one in place and creates a new guardian, audited, with its sync messages', async () => {
    const { familyId, holderId, conflictId } = pulledConflict();
    const listed = listConflicts(contextView(ctx, { roles: new Set(['instruction']) }), { state: 'open' }).rows.find((c) => c.id === conflictId)!;
    expect(listed).toMatchObject({
      title: 'Deux responsables de rang 2 pour la famille Martin (dossier n°\u00a040001)',
      explanation: 'La fiche de Jean-Baptiste Lefèvre est restée en place sur tous les postes\u00a0; celle d’Anne Roux a été mise de côté. Garder la seconde remplace la première par une nouvelle fiche de rang 2.',
      action: 'choose',
      familyId,
      canResolve: false,
      versions: [{ lines: ['En place', 'Jean-Baptiste Lefèvre', 'Portable\u00a0: 07 98 76 54 32'] }, { lines: ['Mise de côté', 'Anne Roux', 'Travail\u00a0: 01 23 45 67 89'] }],
    });
    expect(() => resolveConflict(contextView(ctx, { roles: new Set(['instruction']) }), { id: conflictId, chosen: 1 })).toThrow('Cette action demande le rôle «\u00a0Accueil\u00a0»');
    expect(await dispatch(ctx, 'conflicts.resolve', { id: conflictId, chosen: null })).toMatchObject({ ok: false, error: { field: 'chosen', message: 'Version choisie\u00a0: obligatoire.' } });

    const before = (ctx.store.sqlite.prepare('SELECT MAX(seq) AS n FROM outbox').get() as { n: number }).n;
    expect(await dispatch(ctx, 'conflicts.resolve', { id: conflictId, chosen: 1 })).toEqual({ ok: true, value: { ok: true } });
    const [first, second] = guardiansOf(familyId);
    expect(first).toMatchObject({ rank: 1, firstName: 'Élodie', isPayer: 1 });
    expect(second).toEqual({ id: expect.any(String), rank: 2, firstName: 'Anne', isPayer: 0, phoneWork: '01 23 45 67 89' });
    expect([holderId, 'g-set-aside']).not.toContain(second!.id);
    const sent = ctx.store.sqlite.prepare('SELECT entity, row_id AS rowId, field FROM outbox WHERE seq > ? ORDER BY seq').all(before) as { entity: string; rowId: string; field: string }[];
    expect(sent).toEqual(expect.arrayContaining([{ entity: 'guardians', rowId: holderId, field: '_deleted' }, { entity: 'guardians', rowId: second!.id, field: 'rank' }, { entity: 'sync_conflicts', rowId: conflictId, field: 'chosen' }]));
    const actions = ctx.store.sqlite.prepare("SELECT action FROM audit_log WHERE entity IN ('guardians', 'sync_conflicts') AND action IN ('guardian.delete', 'guardian.create', 'conflict.resolve') ORDER BY rowid DESC LIMIT 3").all();
    expect(actions).toEqual([{ action: 'conflict.resolve' }, { action: 'guardian.create' }, { action: 'guardian.delete' }]);
    // The family's search finds the new guardian.
    expect(ctx.store.sqlite.prepare("SELECT guardians FROM family_summaries WHERE family_id = ?").get(familyId)).toMatchObject({ guardians: expect.stringContaining('Anne Roux') });
  });

  it('keeping the one in place writes nothing but the resolution; an archived file refuses the other, writing nothing', async () => {
    const { familyId, conflictId } = pulledConflict();
    ctx.store.sqlite.prepare("UPDATE families SET status = 'archived' WHERE id = ?").run(familyId);
    const guardians = guardiansOf(familyId);
    expect(await dispatch(ctx, 'conflicts.resolve', { id: conflictId, chosen: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Ce dossier est archivé\u00a0: il ne peut plus être modifié.' } });
    expect(guardiansOf(familyId)).toEqual(guardians);
    const before = (ctx.store.sqlite.prepare('SELECT MAX(seq) AS n FROM outbox').get() as { n: number }).n;
    expect(await dispatch(ctx, 'conflicts.resolve', { id: conflictId, chosen: 0 })).toEqual({ ok: true, value: { ok: true } });
    expect(guardiansOf(familyId)).toEqual(guardians);
    expect(new Set((ctx.store.sqlite.prepare('SELECT entity FROM outbox WHERE seq > ?').all(before) as { entity: string }[]).map((m) => m.entity))).toEqual(new Set(['sync_conflicts']));
  });
});
