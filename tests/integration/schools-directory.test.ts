import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../shared/contract/operations.js';
import { audits, base64, call, count, DIRECTORY, KELLER, written } from '../helpers/schools.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext({ today: () => '2026-03-20' });
});
afterEach(() => ctx.dispose());

describe('the national schools directory import', () => {
  const importFile = (input: Partial<OpInput<'schools.importDirectory'>> = {}) =>
    call(ctx, 'schools.importDirectory', { content: base64(DIRECTORY), dryRun: true, ...input });

  it('reports on a dry run what it would do, and writes nothing', async () => {
    const before = written(ctx);
    const report = await importFile();
    expect(written(ctx)).toEqual(before);
    expect(report).toMatchObject({ dryRun: true, imported: false, encoding: 'utf-8', arrondissement: 11, lines: 12, outside: 3, unchanged: 0, errors: [] });
    expect(report.create.map((s) => [s.line, s.code, s.name, s.kind, s.address])).toEqual([
      [2, '0751512L', 'École maternelle Keller', 'maternelle', '15 rue Keller, 75011 Paris'],
      [3, '0752391S', 'École élémentaire Keller', 'elementaire', '17 rue Keller, 75011 Paris'],
      [4, '0753048F', 'École primaire Froment', 'polyvalente', '5 rue Froment, 75011 Paris'],
      [5, '0754420X', 'École élémentaire Parmentier', 'elementaire', '10 avenue Parmentier, 75011 Paris'],
    ]);
    expect(report.ignored.map((i) => [i.line, i.reason])).toEqual([
      [6, 'Type_etablissement «\u00a0Collège\u00a0»\u00a0: seules les écoles sont importées.'],
      [7, 'Type_etablissement «\u00a0Lycée\u00a0»\u00a0: seules les écoles sont importées.'],
      [8, 'École privée sous contrat (option «\u00a0écoles privées sous contrat\u00a0» non cochée).'],
      [9, 'École privée hors contrat.'],
      [13, 'Déjà lu ligne 3 (même identifiant).'],
    ]);
  });

  it('creates the schools, then a re-import updates them by code without touching what agents typed', async () => {
    const first = await importFile({ dryRun: false });
    expect(first.imported).toBe(true);
    const schools = await call(ctx, 'schools.list', {});
    expect(schools.map((s) => s.code).sort()).toEqual(['0751512L', '0752391S', '0753048F', '0754420X']);
    expect(schools.every((s) => s.headName === null && s.serviceWeekdays.join() === '1,2,3,4,5' && s.closedOn === null)).toBe(true);
    expect(audits(ctx, 'school.import')).toHaveLength(4);

    // An agent types the head's name and the service days of one school, and closes another.
    const keller = schools.find((s) => s.code === '0751512L')!;
    await call(ctx, 'schools.update', { ...keller, headName: 'Mme Girard', serviceWeekdays: [1, 2, 4, 5] });
    const parmentier = schools.find((s) => s.code === '0754420X')!;
    await call(ctx, 'schools.close', { id: parmentier.id, closedOn: '2026-03-20' });

    // The next directory moves Keller maternelle and renames Parmentier.
    const next = DIRECTORY.toString('utf8')
      .replace('15 rue Keller', '13 rue Keller')
      .replace('Ecole élémentaire Parmentier', 'Ecole élémentaire Parmentier-Bréguet');
    const dry = await call(ctx, 'schools.importDirectory', { content: base64(next), dryRun: true });
    expect(dry.create).toEqual([]);
    expect(dry.unchanged).toBe(2);
    expect(dry.update.map((u) => [u.code, u.changes, u.closedOn])).toEqual([
      ['0751512L', [{ field: 'address', before: '15 rue Keller, 75011 Paris', after: '13 rue Keller, 75011 Paris' }], null],
      ['0754420X', [{ field: 'name', before: 'École élémentaire Parmentier', after: 'École élémentaire Parmentier-Bréguet' }], '2026-03-20'],
    ]);
    const again = await call(ctx, 'schools.importDirectory', { content: base64(next), dryRun: false });
    expect(again.imported).toBe(true);
    const after = await call(ctx, 'schools.list', {});
    expect(after.find((s) => s.code === '0751512L')).toMatchObject({
      id: keller.id,
      address: '13 rue Keller, 75011 Paris',
      headName: 'Mme Girard',
      serviceWeekdays: [1, 2, 4, 5],
    });
    expect(after.find((s) => s.code === '0754420X')).toMatchObject({ name: 'École élémentaire Parmentier-Bréguet', closedOn: '2026-03-20' });
    expect(audits(ctx, 'school.import')).toHaveLength(6);
    // Importing the same file once more changes nothing.
    const before = written(ctx);
    expect((await call(ctx, 'schools.importDirectory', { content: base64(next), dryRun: false })).unchanged).toBe(4);
    expect(written(ctx)).toEqual(before);
  });

  it('keeps only the arrondissement asked, and private schools under contract only on request', async () => {
    const twelfth = await importFile({ arrondissement: 12 });
    expect(twelfth.create.map((s) => s.name)).toEqual(['École maternelle Charles Baudelaire']);
    expect(twelfth.outside).toBe(11);
    // « Paris » alone: the postal code 75020 tells the arrondissement.
    expect((await importFile({ arrondissement: 20 })).create.map((s) => s.address)).toEqual(['289 rue des Pyrénées, 75020 Paris']);
    const withPrivate = await importFile({ includePrivate: true });
    expect(withPrivate.create.map((s) => s.code)).toContain('0753916Z');
    expect(withPrivate.create.map((s) => s.code)).not.toContain('0755218P');
    expect(withPrivate.ignored.find((i) => i.code === '0755218P')?.reason).toBe('École privée hors contrat.');
  });

  it('names the line and the column of each problem, and imports nothing while one remains', async () => {
    const broken = DIRECTORY.toString('utf8')
      .replace('0751512L', '0751512A')
      .replace('10 avenue Parmentier', '')
      // A line outside the arrondissement is never checked.
      .replace('0931402U', 'XXX');
    const report = await call(ctx, 'schools.importDirectory', { content: base64(broken), dryRun: false });
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual([
      { line: 2, column: 'Identifiant_de_l_etablissement', message: 'Identifiant invalide\u00a0: «\u00a00751512A\u00a0», la lettre clé de 0751512 est L.' },
      { line: 5, column: 'Adresse_1', message: 'Adresse obligatoire.' },
    ]);
    expect(count(ctx, 'schools')).toBe(0);
  });

  it('refuses a file without the directory’s columns, and a school name taken by another code', async () => {
    const noPostalCode = DIRECTORY.toString('utf8').replace('Code_postal', 'CP');
    const report = await call(ctx, 'schools.importDirectory', { content: base64(noPostalCode), dryRun: true });
    expect(report.errors).toEqual([{ line: 1, column: 'Code_postal', message: 'Colonne obligatoire absente.' }]);

    // Another school of the directory (another UAI) under the same name: not the same school.
    await call(ctx, 'schools.create', { ...KELLER, code: '0750362L' });
    const clash = await importFile({ dryRun: false });
    expect(clash.imported).toBe(false);
    expect(clash.errors).toEqual([
      {
        line: 2,
        column: 'Nom_etablissement',
        message: 'Nom\u00a0: «\u00a0École maternelle Keller\u00a0» est aussi celui de 0750362L (déjà enregistrée)\u00a0; deux écoles ne peuvent pas porter le même nom.',
      },
    ]);
    expect(count(ctx, 'schools')).toBe(1);
  });

  it('recognises a school typed with a code of the Caisse by its name, and gives it the UAI', async () => {
    const { id } = await call(ctx, 'schools.create', { ...KELLER, code: 'M-KELL', name: 'ÉCOLE maternelle keller' });
    const dry = await importFile();
    expect(dry.errors).toEqual([]);
    expect(dry.create.map((s) => s.code)).not.toContain('0751512L');
    expect(dry.update).toEqual([
      expect.objectContaining({
        code: '0751512L',
        changes: [
          { field: 'code', before: 'M-KELL', after: '0751512L' },
          { field: 'name', before: 'ÉCOLE maternelle keller', after: 'École maternelle Keller' },
        ],
      }),
    ]);
    await importFile({ dryRun: false });
    const keller = (await call(ctx, 'schools.list', {})).find((s) => s.id === id);
    expect(keller).toMatchObject({ code: '0751512L', name: 'École maternelle Keller', headName: 'Mme Girard', serviceWeekdays: [1, 2, 4, 5] });
    expect(count(ctx, 'schools')).toBe(4);
  });

  it('reads a comma-separated file and the API’s lower-case column names too', async () => {
    const lines = DIRECTORY.toString('utf8').replace(/^\ufeff/, '').split('\r\n');
    const header = lines[0]!.toLowerCase();
    const csv = [header, lines[1]!].map((l) => l.split(';').map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n');
    const report = await call(ctx, 'schools.importDirectory', { content: base64(csv), dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.create.map((s) => s.code)).toEqual(['0751512L']);
  });
});
