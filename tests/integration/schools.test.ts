import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { familyInput } from '../helpers/fixtures.js';
import { audits, base64, call, count, failure, KELLER, written } from '../helpers/schools.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext({ today: () => '2026-03-20' });
});
afterEach(() => ctx.dispose());

describe('the schools’ register', () => {
  it('creates a school with its audit entry and sync messages, and lists it', async () => {
    const { id } = await call(ctx, 'schools.create', { ...KELLER, code: ' 0751512l ' });
    const [school] = await call(ctx, 'schools.list', {});
    expect(school).toEqual({ id, ...KELLER, closedOn: null, enrolledChildren: 0 });
    const [entry] = audits(ctx, 'school.create');
    expect(entry!.id).toBe(id);
    expect(JSON.parse(entry!.after!)).toMatchObject({ code: '0751512L', head_name: 'Mme Girard', service_weekdays: '1,2,4,5' });
    const fields = (ctx.store.sqlite.prepare("SELECT field FROM outbox WHERE entity = 'schools' AND row_id = ?").all(id) as { field: string }[]).map((r) => r.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'kind', 'address', 'head_name', 'service_weekdays', 'closed_on']));
  });

  it('refuses a code or a name another school has, with a French message naming the field, and writes nothing', async () => {
    await call(ctx, 'schools.create', KELLER);
    const before = written(ctx);
    const sameCode = failure(await dispatch(ctx, 'schools.create', { ...KELLER, name: 'École élémentaire Keller' }));
    expect(sameCode.field).toBe('code');
    expect(sameCode.message).toBe('Code\u00a0: 0751512L est déjà celui de «\u00a0École maternelle Keller\u00a0».');
    const sameName = failure(await dispatch(ctx, 'schools.create', { ...KELLER, code: 'M-KELL', name: 'ecole MATERNELLE KELLER' }));
    expect(sameName.field).toBe('name');
    expect(sameName.message).toContain('Nom\u00a0: «\u00a0École maternelle Keller\u00a0» existe déjà');
    expect(written(ctx)).toEqual(before);
  });

  it('checks every field of a school at the door', async () => {
    const error = failure(
      await dispatch(ctx, 'schools.create', { code: '0751512A', name: ' ', kind: 'college', address: '', serviceWeekdays: [] }),
    );
    const byField = Object.fromEntries((error.issues ?? []).map((i) => [i.field, i.message]));
    expect(byField['code']).toBe('Code\u00a0: la lettre clé de l’UAI ne correspond pas à ses chiffres (0751512 demande la lettre L).');
    expect(byField['name']).toBe('Nom\u00a0: Nom obligatoire.');
    expect(byField['kind']).toBe('Type\u00a0: Type inconnu (maternelle, élémentaire ou polyvalente).');
    expect(byField['address']).toBe('Adresse\u00a0: Adresse obligatoire.');
    expect(byField['serviceWeekdays']).toBe('Jours de service\u00a0: Au moins un jour de service.');
    const saturday = failure(await dispatch(ctx, 'schools.create', { ...KELLER, serviceWeekdays: [1, 6] }));
    expect(saturday.field).toBe('serviceWeekdays.1');
    const badCode = failure(await dispatch(ctx, 'schools.create', { ...KELLER, code: 'école 1' }));
    expect(badCode.message).toContain('2 à 20 lettres, chiffres ou traits d’union');
    expect(count(ctx, 'schools')).toBe(0);
  });

  it('updates a school: only the changed fields travel, the audit keeps before and after', async () => {
    const { id } = await call(ctx, 'schools.create', KELLER);
    const outbox = count(ctx, 'outbox');
    await call(ctx, 'schools.update', { id, ...KELLER, headName: 'M. Lambert', serviceWeekdays: [1, 2, 3, 4, 5] });
    const [school] = await call(ctx, 'schools.list', {});
    expect(school).toMatchObject({ headName: 'M. Lambert', serviceWeekdays: [1, 2, 3, 4, 5], name: KELLER.name });
    const [entry] = audits(ctx, 'school.update');
    expect(JSON.parse(entry!.before!)).toMatchObject({ head_name: 'Mme Girard', service_weekdays: '1,2,4,5' });
    expect(JSON.parse(entry!.after!)).toMatchObject({ head_name: 'M. Lambert', service_weekdays: '1,2,3,4,5' });
    const fields = (ctx.store.sqlite.prepare('SELECT field FROM outbox ORDER BY seq').all() as { field: string }[]).slice(outbox).map((r) => r.field);
    expect(fields.sort()).toEqual(['head_name', 'service_weekdays', 'updated_at']);
    // The same values again: nothing written.
    const before = written(ctx);
    await call(ctx, 'schools.update', { id, ...KELLER, headName: 'M. Lambert', serviceWeekdays: [1, 2, 3, 4, 5] });
    expect(written(ctx)).toEqual(before);
  });

  it('sets the service days from the calendar screen through the register', async () => {
    const { id } = await call(ctx, 'schools.create', KELLER);
    const result = await dispatch(ctx, 'calendar.setServiceWeekdays', { schoolId: id, weekdays: [1, 2, 4] });
    expect(result.ok).toBe(true);
    expect((await call(ctx, 'schools.list', {}))[0]!.serviceWeekdays).toEqual([1, 2, 4]);
    expect(audits(ctx, 'school.serviceWeekdays')).toHaveLength(1);
  });

  it('keeps a closed school and the children already there, but places no new child in it', async () => {
    const { id } = await call(ctx, 'schools.create', KELLER);
    const other = await call(ctx, 'schools.create', { ...KELLER, code: '0752391S', name: 'École élémentaire Keller', kind: 'elementaire' });
    const created = await dispatch(ctx, 'families.create', familyInput({ children: [{ ...familyInput().children![0]!, schoolId: id }] }));
    expect(created.ok).toBe(true);
    const familyId = (created as { value: { id: string } }).value.id;

    await call(ctx, 'schools.close', { id, closedOn: '2026-03-20' });
    const closed = (await call(ctx, 'schools.list', {})).find((s) => s.id === id)!;
    expect(closed).toMatchObject({ closedOn: '2026-03-20', enrolledChildren: 1 });
    expect(JSON.parse(audits(ctx, 'school.close')[0]!.after!)).toMatchObject({ closed_on: '2026-03-20' });

    // A new family, a new child: refused, with the field and a French message.
    const refused = failure(
      await dispatch(ctx, 'families.create', familyInput({ familyName: 'Dupont', children: [{ ...familyInput().children![0]!, schoolId: id }] })),
    );
    expect(refused.field).toBe('children.0.schoolId');
    expect(refused.message).toBe('École\u00a0: «\u00a0École maternelle Keller\u00a0» est fermée depuis le 20/03/2026\u00a0; elle ne prend plus de nouvel enfant.');
    expect(count(ctx, 'families')).toBe(1);

    // The child already there may still be edited; a child moving there may not.
    const family = (await dispatch(ctx, 'families.get', { id: familyId })) as { ok: true; value: { children: { id: string }[] } };
    const zoe = { ...familyInput().children![0]!, id: family.value.children[0]!.id, schoolId: id, className: 'GS' };
    expect((await dispatch(ctx, 'children.save', { familyId, child: zoe })).ok).toBe(true);
    const added = await dispatch(ctx, 'children.save', { familyId, child: { ...familyInput().children![0]!, firstName: 'Léo', schoolId: other.id } });
    expect(added.ok).toBe(true);
    const leoId = (added as { value: { id: string } }).value.id;
    const moved = failure(await dispatch(ctx, 'children.save', { familyId, child: { ...familyInput().children![0]!, id: leoId, firstName: 'Léo', schoolId: id } }));
    expect(moved.field).toBe('child.schoolId');

    // A closing to come refuses new children as well, and says so.
    await call(ctx, 'schools.close', { id, closedOn: '2026-07-04' });
    const later = failure(await dispatch(ctx, 'children.save', { familyId, child: { ...familyInput().children![0]!, firstName: 'Mia', schoolId: id } }));
    expect(later.message).toContain('ferme le 04/07/2026');

    await call(ctx, 'schools.reopen', { id });
    expect((await call(ctx, 'schools.list', {})).find((s) => s.id === id)!.closedOn).toBeNull();
    expect((await dispatch(ctx, 'children.save', { familyId, child: { ...familyInput().children![0]!, firstName: 'Mia', schoolId: id } })).ok).toBe(true);
  });

  it('refuses a closed school in the families CSV import, already in the dry run', async () => {
    const { id } = await call(ctx, 'schools.create', KELLER);
    await call(ctx, 'schools.close', { id, closedOn: '2026-03-01' });
    const csv = [
      'ref_famille;nom_famille;adresse;code_postal;ville;rl1_nom;rl1_prenom;enfant_prenom;enfant_naissance;ecole;entree',
      'A1;Petit;3 rue Oberkampf;75011;Paris;Petit;Chloé;Léo;12/03/2021;0751512L;01/09/2025',
    ].join('\r\n');
    const report = await dispatch(ctx, 'import.csv', { content: base64(csv), dryRun: true });
    expect(report).toMatchObject({ ok: true, value: { errors: [{ line: 2, column: 'ecole', message: expect.stringContaining('est fermée depuis le 01/03/2026') }] } });
  });
});
