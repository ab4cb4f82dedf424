import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { createFamily, getFamily, recordQf, saveGuardian, setRhythm, updateFamily } from '../../main/services/families/file.js';
import { searchFamilies } from '../../main/services/families/search.js';
import { getDashboard } from '../../main/services/dashboard/dashboard.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.dispose());

const count = (table: string) => (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function create(overrides = {}) {
  return createFamily(ctx, parseOrThrow(familySchema, familyInput(overrides)));
}

describe('family files', () => {
  it('creates a file with guardians, children, rhythm, audit and sync outbox in one go', () => {
    const { id, dossierNumber } = create();
    expect(dossierNumber).toBe(40001);
    expect(create({ familyName: 'Dupont' }).dossierNumber).toBe(40002);
    const family = getFamily(ctx, id);
    expect(family.guardians.map((g) => g.firstName)).toEqual(['Élodie', 'Jean-Baptiste']);
    expect(family.children[0]!.weekdays).toEqual([1, 2, 4, 5]);
    expect(family.tranche).toBe(10);
    expect(family.history.map((h) => h.action).sort()).toEqual(
      ['child.create', 'family.create', 'guardian.create', 'guardian.create', 'rhythm.create'].sort(),
    );
    const outbox = ctx.store.sqlite
      .prepare("SELECT entity, field, value, hlc FROM outbox WHERE row_id = ? ORDER BY seq")
      .all(id) as { entity: string; field: string; value: string; hlc: string }[];
    expect(outbox.find((m) => m.field === 'family_name')?.value).toBe(JSON.stringify('Martin-Lefèvre'));
    const hlcs = (ctx.store.sqlite.prepare('SELECT hlc FROM outbox ORDER BY seq').all() as { hlc: string }[]).map((r) => r.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });

  it('finds a family by any name, e-mail, phone or dossier number, without accents or case', () => {
    const { id } = create();
    create({ familyName: 'Dupont', guardians: [{ rank: 1, lastName: 'Dupont', firstName: 'Marc', isPayer: true }], children: [] });
    const find = (query: string) => searchFamilies(ctx, { query, scope: 'current', limit: 50 }).rows.map((r) => r.id);
    for (const query of ['elodie', 'ÉLODIE', 'lefevre', 'jean-baptiste', 'zoe', 'elodie.martin@example', '06 12 34', '0612345678', '+33 6 12 34', '+33612345678', '40001', 'mart elo']) {
      expect(find(query), query).toEqual([id]);
    }
    expect(find('dupont')).toHaveLength(1);
    expect(find('introuvable')).toEqual([]);
    expect(searchFamilies(ctx, { query: '', scope: 'current', limit: 50 }).total).toBe(2);
  });

  it('ranks family names first, then guardians, then children and the rest, alphabetical inside each', () => {
    const guardian = (lastName: string, firstName: string) => ({ rank: 1, lastName, firstName, isPayer: true });
    const child = (firstName: string, lastName: string) => ({ ...familyInput().children![0]!, firstName, lastName });
    // Created so that name order alone would interleave the ranks.
    create({ familyName: 'Abadie', guardians: [guardian('Abadie', 'Paul')], children: [child('Martin', 'Abadie')] });
    create({ familyName: 'Martinez', guardians: [guardian('Martinez', 'Ana')], children: [child('Léo', 'Martinez')] });
    create({ familyName: 'Bernard', guardians: [guardian('Martin', 'Sophie')], children: [child('Lina', 'Bernard')] });
    create({ familyName: 'Martin', guardians: [guardian('Martin', 'Luc')], children: [child('Zoé', 'Martin')] });
    create({ familyName: 'Aubert', guardians: [guardian('Aubert', 'Martine')], children: [child('Noé', 'Aubert')] });
    create({ familyName: 'Ferreira Martínez', guardians: [guardian('Ferreira', 'Pedro')], children: [child('Enzo', 'Ferreira')] });
    const names = (query: string) => searchFamilies(ctx, { query, scope: 'current', limit: 50 }).rows.map((r) => r.familyName);
    expect(names('martin')).toEqual(['Martin', 'Ferreira Martínez', 'Martinez', 'Aubert', 'Bernard', 'Abadie']);
    expect(names('martinez')).toEqual(['Ferreira Martínez', 'Martinez']);
    expect(names('MARTIN zoe')).toEqual(['Martin']);
  });

  it('keeps the search index in step with edits', () => {
    const { id } = create();
    const family = getFamily(ctx, id);
    saveGuardian(ctx, id, {
      ...parseOrThrow(familySchema, familyInput()).guardians[0]!,
      id: family.guardians[0]!.id,
      firstName: 'Anaïs',
      email: 'anais.martin@example.fr',
    });
    const find = (query: string) => searchFamilies(ctx, { query, scope: 'all', limit: 50 }).rows.length;
    expect(find('elodie')).toBe(0);
    expect(find('anais')).toBe(1);
  });

  it('keeps the rhythm history and uses the rhythm in force today', () => {
    const { id } = create();
    const child = getFamily(ctx, id).children[0]!;
    setRhythm(ctx, { childId: child.id, weekdays: [1, 2, 3, 4, 5], effectiveFrom: '2026-03-02' });
    setRhythm(ctx, { childId: child.id, weekdays: [2, 4], effectiveFrom: '2026-05-04' });
    const after = getFamily(ctx, id).children[0]!;
    expect(after.weekdays).toEqual([1, 2, 3, 4, 5]); // today is 2026-03-15 in tests
    expect(after.rhythmHistory.map((r) => r.effectiveFrom)).toEqual(['2026-05-04', '2026-03-02', '2025-09-01']);
    expect(getFamily(ctx, id).history[0]!.summary).toBe('Rythme\u00a0: mar., jeu. à partir du 04/05/2026');
  });

  it('audits an edit with the before and after', () => {
    const { id } = create();
    updateFamily(ctx, {
      id,
      familyName: 'Martin',
      address: { line1: '3 rue Oberkampf', line2: null, postalCode: '75011', city: 'Paris' },
      notes: null,
    });
    const entry = getFamily(ctx, id).history.find((h) => h.action === 'family.update')!;
    expect(entry.before?.family_name).toBe('Martin-Lefèvre');
    expect(entry.after?.family_name).toBe('Martin');
    expect(entry.summary).toBe('Dossier modifié\u00a0: nom, adresse');
    expect(entry.actor).toBe('test');
  });

  it('applies a QF tranche from the next billing period only', () => {
    const { id } = create();
    expect(recordQf(ctx, { familyId: id, value: 500, proofReceivedOn: '2026-03-10' })).toMatchObject({
      tranche: 3,
      validFrom: '2026-05-01',
    });
    expect(getFamily(ctx, id).tranche).toBe(10);
  });

  it('leaves nothing behind when a transaction fails half-way', () => {
    create();
    const before = ['families', 'guardians', 'children', 'rhythms', 'audit_log', 'outbox', 'family_search', 'family_summaries'].map(
      (t) => [t, count(t)] as const,
    );
    // The second guardian repeats rank 1: the insert of the family and first guardian succeed,
    // the second guardian fails on the unique index, and the whole file must vanish.
    const data = parseOrThrow(familySchema, familyInput());
    data.guardians[1]!.rank = 1;
    expect(() => createFamily(ctx, data)).toThrow(/Rang/);
    for (const [table, n] of before) expect(count(table), table).toBe(n);
  });

  it('answers bad input through the dispatcher with a French message and the field', async () => {
    const result = await dispatch(ctx, 'families.create', { ...familyInput(), address: { line1: '1 rue X', postalCode: 'abc', city: 'Paris' } });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'VALIDATION', field: 'address.postalCode', message: 'Code postal\u00a0: Code postal à 5 chiffres.' }),
    });
    expect(count('families')).toBe(0);
    const unknown = await dispatch(ctx, 'families.get', { id: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bogus = await dispatch(ctx, '__proto__', {});
    expect(bogus).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('counts the dashboard figures', () => {
    create();
    create({ familyName: 'Durand', status: 'pending' });
    expect(getDashboard(ctx)).toMatchObject({ families: { active: 1, pending: 1 }, children: 2, requestsWaiting: 0 });
  });

  it('refuses edits of an archived file', () => {
    const { id } = create({ status: 'archived' });
    const child = getFamily(ctx, id).children[0]!;
    expect(() => setRhythm(ctx, { childId: child.id, weekdays: [1], effectiveFrom: '2026-03-02' })).toThrow(/archivé/);
  });
});
