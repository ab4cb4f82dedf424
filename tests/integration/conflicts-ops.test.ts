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
