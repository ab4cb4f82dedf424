import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.js';
import { exportCsv } from '../../main/services/families/csv-export.js';
import { importCsv } from '../../main/services/families/csv-import.js';
import { listSchools, upsertSchools } from '../../main/services/schools/register.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import { getFamily } from '../../main/services/families/file.js';
import { searchFamilies } from '../../main/services/families/search.js';
import { tempContext } from '../helpers/temp-context.js';

type Ctx = ReturnType<typeof tempContext>;
let ctx: Ctx;
const others: Ctx[] = [];

function addSchools(target: Ctx): void {
  upsertSchools(target, [
    { code: 'M-PARM', name: 'École maternelle Parmentier', kind: 'maternelle', address: '8 avenue Parmentier, 75011 Paris', headName: 'Mme Girard' },
    { code: 'E-OBER', name: 'École élémentaire Oberkampf', kind: 'elementaire', address: '109 rue Oberkampf, 75011 Paris', headName: 'M. Lambert' },
  ]);
}

beforeEach(() => {
  ctx = tempContext();
  addSchools(ctx);
});
afterEach(() => {
  ctx.dispose();
  for (const other of others.splice(0)) other.dispose();
});

const HEADER = [
  'ref_famille', 'nom_famille', 'adresse', 'complement_adresse', 'code_postal', 'ville',
  'rl1_nom', 'rl1_prenom', 'rl1_email', 'rl1_telephone', 'rl2_nom', 'rl2_prenom', 'rl2_email', 'rl2_telephone',
  'payeur', 'enfant_nom', 'enfant_prenom', 'enfant_naissance', 'ecole', 'classe', 'entree', 'sortie', 'rythme', 'regime',
];
type Row = Partial<Record<string, string>>;

const martin: Row = {
  ref_famille: 'A1', nom_famille: 'Martin', adresse: '12 rue de la Roquette', code_postal: '75011', ville: 'Paris',
  rl1_nom: 'Martin', rl1_prenom: 'Élodie', rl1_email: 'elodie.martin@example.fr', rl1_telephone: '06 12 34 56 78',
  rl2_nom: 'Lefèvre', rl2_prenom: 'Jean-Baptiste', payeur: '1',
};
const zoe: Row = { enfant_prenom: 'Zoé', enfant_naissance: '04/05/2018', ecole: 'E-OBER', classe: 'CE2', entree: '01/09/2025', rythme: 'L M J V' };
const noe: Row = { enfant_prenom: 'Noé', enfant_naissance: '12/01/2021', ecole: 'école maternelle parmentier', classe: 'MS', entree: '01/09/2025', regime: 'sans viande' };
const dupont: Row = {
  ref_famille: '40123', nom_famille: "N'Diaye", adresse: '3 passage Thiéré', code_postal: '75011', ville: 'Paris',
  rl1_nom: "N'Diaye", rl1_prenom: 'Awa',
};

function cell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(rows: Row[], options: { header?: string[]; eol?: string; bom?: boolean } = {}): string {
  const header = options.header ?? HEADER;
  const lines = [header.join(';'), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(';'))];
  return `${options.bom ? '\ufeff' : ''}${lines.join(options.eol ?? '\r\n')}${options.eol ?? '\r\n'}`;
}

function run(text: string | Buffer, dryRun = true, target: Ctx = ctx) {
  return importCsv(target, { content: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), dryRun });
}

const TABLES = ['families', 'guardians', 'children', 'rhythms', 'qf_records', 'audit_log', 'outbox', 'family_search', 'family_summaries', 'settings'];
function counts(target: Ctx = ctx): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((t) => [t, (target.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

describe('CSV import: reading the file', () => {
  it('reads UTF-8 with BOM, CRLF, quoted fields holding « ; », and families without a child', () => {
    const report = run(
      csv([{ ...martin, ...zoe }, { ...martin, ...noe, complement_adresse: 'Bât. A; 2e étage' }, dupont], { bom: true }),
    );
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ encoding: 'utf-8', lines: 3, families: 2, children: 2, dryRun: true, imported: false });
  });

  it('reads Windows-1252 (Excel’s « CSV (séparateur : point-virgule) ») and LF line ends', () => {
    const text = csv([{ ...martin, ...zoe, complement_adresse: 'Escalier B – 2e étage' }], { eol: '\n' });
    const bytes = Buffer.from(text.replace('–', '\u0096'), 'latin1'); // é = 0xE9, – = 0x96
    expect(bytes.includes(0xe9)).toBe(true);
    const report = run(bytes, false);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ encoding: 'windows-1252', families: 1, children: 1, imported: true });
    const [row] = searchFamilies(ctx, { query: 'elodie', scope: 'all', limit: 10 }).rows;
    const family = getFamily(ctx, row!.id);
    expect(family.guardians.map((g) => g.firstName)).toEqual(['Élodie', 'Jean-Baptiste']);
    expect(family.guardians[1]!.lastName).toBe('Lefèvre');
    expect(family.address.line2).toBe('Escalier B – 2e étage');
    expect(family.children[0]).toMatchObject({ firstName: 'Zoé', birthDate: '2018-05-04', weekdays: [1, 2, 4, 5], className: 'CE2' });
  });

  it('accepts the column names in any order, case and accents', () => {
    const text = ['RL1_Prénom;RL1_Nom;Réf famille;NOM_FAMILLE;Adresse;Code Postal;Ville', 'Awa;Diallo;X;Diallo;1 rue Keller;75011;Paris'].join('\r\n');
    const report = run(text);
    expect(report.errors).toEqual([]);
    expect(report.families).toBe(1);
  });

  it('gives the right line after a quoted cell spanning two lines, and skips empty lines', () => {
    const text = csv([{ ...martin, complement_adresse: 'Bâtiment A\n3e étage' }, { ...dupont, rl1_email: 'awa@' }]).replace(
      /\r\n(?=40123)/,
      '\r\n;;;;;;;;;;;;;;;;;;;;;;;\r\n\r\n',
    );
    const report = run(text);
    // header 1, Martin 2–3, « ;;; » 4, empty 5, N'Diaye 6
    expect(report.errors).toEqual([{ line: 6, column: 'rl1_email', message: 'Adresse e-mail invalide.' }]);
  });
});

describe('CSV import: every error with its line and column', () => {
  const cases: { name: string; rows?: Row[]; text?: string; expected: { line: number; column: string; message?: RegExp | string } }[] = [
    { name: 'date that does not exist', rows: [{ ...martin, ...zoe, enfant_naissance: '31/02/2026' }], expected: { line: 2, column: 'enfant_naissance', message: /Date invalide.*31\/02\/2026/ } },
    { name: 'date in another format', rows: [{ ...martin, ...zoe, entree: '2025/09/01' }], expected: { line: 2, column: 'entree', message: /JJ\/MM\/AAAA/ } },
    { name: 'missing entry date', rows: [{ ...martin, ...zoe, entree: '' }], expected: { line: 2, column: 'entree', message: /obligatoire/ } },
    { name: 'unknown school', rows: [dupont, { ...martin, ...zoe, ecole: 'École des Fans' }], expected: { line: 3, column: 'ecole', message: /École inconnue.*École des Fans/ } },
    { name: 'bad e-mail', rows: [dupont, { ...martin, ...zoe, rl1_email: 'elodie.martin@' }], expected: { line: 3, column: 'rl1_email', message: 'Adresse e-mail invalide.' } },
    { name: 'bad e-mail of the second guardian', rows: [{ ...martin, rl2_email: 'pas une adresse' }], expected: { line: 2, column: 'rl2_email', message: 'Adresse e-mail invalide.' } },
    { name: 'payer 3', rows: [{ ...martin, payeur: '3' }], expected: { line: 2, column: 'payeur', message: /1 ou 2/ } },
    { name: 'payer 2 without a second guardian', rows: [{ ...dupont, payeur: '2' }], expected: { line: 2, column: 'payeur', message: /responsable 2/ } },
    { name: 'bad phone', rows: [{ ...martin, rl1_telephone: '12 34' }], expected: { line: 2, column: 'rl1_telephone', message: /téléphone invalide/i } },
    { name: 'bad postal code', rows: [{ ...dupont, code_postal: '7511' }], expected: { line: 2, column: 'code_postal', message: /5 chiffres/ } },
    { name: 'missing child first name', rows: [{ ...martin, ...zoe, enfant_prenom: '' }], expected: { line: 2, column: 'enfant_prenom', message: /obligatoire/ } },
    { name: 'digits in a name', rows: [{ ...martin, rl2_prenom: 'J3an' }], expected: { line: 2, column: 'rl2_prenom', message: /Lettres/ } },
    { name: 'birth after entry', rows: [{ ...martin, ...zoe, enfant_naissance: '02/09/2025' }], expected: { line: 2, column: 'enfant_naissance', message: /précéder/ } },
    { name: 'exit before entry', rows: [{ ...martin, ...zoe, sortie: '01/01/2025' }], expected: { line: 2, column: 'sortie', message: /précède/ } },
    { name: 'rhythm not understood', rows: [{ ...martin, ...zoe, rythme: 'samedi' }], expected: { line: 2, column: 'rythme', message: /Rythme non compris/ } },
    { name: 'unknown diet', rows: [{ ...martin, ...zoe, regime: 'halal' }], expected: { line: 2, column: 'regime', message: /Régime inconnu/ } },
    { name: 'family columns that disagree', rows: [{ ...martin, ...zoe }, { ...martin, ...noe, adresse: '14 rue de la Roquette' }], expected: { line: 3, column: 'adresse', message: /ligne 2/ } },
    { name: 'line without family reference', rows: [{ ...martin, ref_famille: '' }], expected: { line: 2, column: 'ref_famille', message: /obligatoire/ } },
    { name: 'missing required column', text: 'ref_famille;adresse;code_postal;ville;rl1_nom;rl1_prenom\r\nA;1 rue Keller;75011;Paris;Diallo;Awa', expected: { line: 1, column: 'nom_famille', message: /Colonne obligatoire absente/ } },
    { name: 'unknown column', text: csv([martin], { header: [...HEADER, 'couleur'] }), expected: { line: 1, column: 'couleur', message: /Colonne inconnue.*couleur/ } },
    { name: 'child column without the birth date column', text: csv([martin], { header: HEADER.filter((h) => h !== 'enfant_naissance') }), expected: { line: 1, column: 'enfant_naissance' } },
    { name: 'header only', text: csv([]), expected: { line: 1, column: '', message: /Aucune famille/ } },
    { name: 'comma-separated file', text: 'ref_famille,nom_famille\r\nA,Martin', expected: { line: 1, column: '', message: /point-virgule/ } },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const report = run(c.text ?? csv(c.rows ?? []));
      expect(report.imported).toBe(false);
      const found = report.errors.find((e) => e.line === c.expected.line && e.column === c.expected.column);
      expect(found, JSON.stringify(report.errors)).toBeDefined();
      if (c.expected.message instanceof RegExp) expect(found!.message).toMatch(c.expected.message);
      else if (c.expected.message) expect(found!.message).toBe(c.expected.message);
    });
  }

  it('reports all the errors of the file, not just the first, in line order', () => {
    const report = run(
      csv([
        { ...martin, ...zoe, rl1_email: 'x@' },
        { ...martin, ...noe, rl1_email: 'x@', enfant_naissance: '30/02/2021' },
        { ...dupont, payeur: '3', code_postal: 'Paris' },
      ]),
    );
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'rl1_email'],
      [3, 'enfant_naissance'],
      [4, 'code_postal'],
      [4, 'payeur'],
    ]);
  });

  it('rejects files over 30 Mo and over 50 000 lines', () => {
    expect(() => run(Buffer.alloc(30 * 1024 * 1024 + 1, 0x41))).toThrow(/30\u00a0Mo/);
    const line = 'A;Martin;1 rue Keller;;75011;Paris;Martin;Awa';
    const big = ['ref_famille;nom_famille;adresse;complement_adresse;code_postal;ville;rl1_nom;rl1_prenom', ...Array(50_001).fill(line)].join('\n');
    expect(() => run(big)).toThrow(/50\u00a0000 lignes au plus/);
    expect(() => run('')).toThrow(AppError);
  });
});

describe('CSV import: writing', () => {
  it('writes nothing on a dry run', () => {
    const before = counts();
    const report = run(csv([{ ...martin, ...zoe }, { ...martin, ...noe }, dupont]), true);
    expect(report).toMatchObject({ errors: [], imported: false, families: 2, children: 2 });
    expect(counts()).toEqual(before);
  });

  it('writes nothing when one line is wrong', () => {
    const before = counts();
    const report = run(csv([{ ...martin, ...zoe }, { ...dupont, rl1_email: 'awa@' }]), false);
    expect(report.imported).toBe(false);
    expect(report.errors).toHaveLength(1);
    expect(counts()).toEqual(before);
  });

  it('imports every family in one go, with dossier numbers from all-digit references, audit and index', () => {
    const report = run(csv([{ ...martin, ...zoe }, { ...martin, ...noe }, dupont]), false);
    expect(report).toMatchObject({ errors: [], imported: true, families: 2, children: 2 });
    const all = searchFamilies(ctx, { query: '', scope: 'all', limit: 100 }).rows;
    expect(all.map((r) => [r.familyName, r.dossierNumber])).toEqual([
      ['Martin', 40124], // the automatic number comes after the imposed ones
      ["N'Diaye", 40123],
    ]);
    const martinFile = getFamily(ctx, all[0]!.id);
    expect(martinFile.children.map((c) => [c.firstName, c.schoolName, c.dietNeed])).toEqual([
      ['Zoé', 'École élémentaire Oberkampf', 'none'],
      ['Noé', 'École maternelle Parmentier', 'no_meat'],
    ]);
    expect(martinFile.guardians.map((g) => [g.firstName, g.isPayer, g.email])).toEqual([
      ['Élodie', true, 'elodie.martin@example.fr'],
      ['Jean-Baptiste', false, null],
    ]);
    expect(martinFile.history.some((h) => h.action === 'family.import')).toBe(true);
    expect(searchFamilies(ctx, { query: 'noe', scope: 'all', limit: 10 }).rows).toHaveLength(1);
    // a reference already taken is not reused: the family gets the next number
    const again = run(csv([{ ...dupont, rl1_prenom: 'Fatou' }]), false);
    expect(again.imported).toBe(true);
    const fatou = searchFamilies(ctx, { query: 'fatou', scope: 'all', limit: 10 }).rows[0]!;
    expect(fatou.dossierNumber).toBe(40125);
  });

  it('reads typographic apostrophes in names as plain ones', () => {
    const report = run(csv([{ ...dupont, nom_famille: 'N’Diaye', rl1_nom: 'N’Diaye' }]), false);
    expect(report.errors).toEqual([]);
    expect(searchFamilies(ctx, { query: 'diaye', scope: 'all', limit: 10 }).rows[0]!.familyName).toBe("N'Diaye");
  });

  it('leaves nothing behind when the third family fails half-way through the writes', () => {
    ctx.store.sqlite.exec(`
      CREATE TRIGGER fail_third_family BEFORE INSERT ON families WHEN NEW.family_name = 'Troisième'
      BEGIN SELECT RAISE(ABORT, 'panne simulée'); END;
    `);
    const rows = ['Premier', 'Deuxième', 'Troisième', 'Quatrième'].map((name, i) => ({
      ...martin,
      ref_famille: `F${i}`,
      nom_famille: name,
      ...zoe,
    }));
    const before = counts();
    expect(() => run(csv(rows), false)).toThrow(/panne simulée/);
    expect(counts()).toEqual(before);
    expect(searchFamilies(ctx, { query: 'premier', scope: 'all', limit: 10 }).total).toBe(0);
  });
});

describe('CSV export', () => {
  it('writes UTF-8 with BOM, « ; », CRLF and French dates, and guards against formulas', () => {
    run(csv([{ ...martin, ...zoe, complement_adresse: '=HYPERLINK("http://x")' }, { ...martin, ...noe, complement_adresse: '=HYPERLINK("http://x")' }, dupont]), false);
    const out = exportCsv(ctx, { query: '', scope: 'current' });
    expect(out.fileName).toBe('familles-2026-03-15.csv');
    expect(out.rows).toBe(3);
    expect(out.content.startsWith('\ufeffref_famille;nom_famille;')).toBe(true);
    const lines = out.content.split('\r\n');
    expect(lines).toHaveLength(5); // header, 3 rows, final empty string
    expect(lines[1]).toContain(';04/05/2018;E-OBER;CE2;01/09/2025;;lun., mar., jeu., ven.;;actif;');
    expect(lines[1]).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(lines[1]).toContain(';06 12 34 56 78;');
    // the formula guard is undone on the way back in
    const other = tempContext();
    others.push(other);
    addSchools(other);
    expect(run(out.content, false, other).errors).toEqual([]);
    const [martinRow] = searchFamilies(other, { query: 'martin', scope: 'all', limit: 10 }).rows;
    expect(getFamily(other, martinRow!.id).address.line2).toBe('=HYPERLINK("http://x")');
  });

  it('exports the list as the screen shows it: same query, same filter', () => {
    run(csv([{ ...martin, ...zoe }, dupont, { ...dupont, ref_famille: 'R', rl1_prenom: 'Fatou', statut: 'radié' }], { header: [...HEADER, 'statut'] }), false);
    expect(exportCsv(ctx, { query: 'elodie', scope: 'current' }).rows).toBe(1);
    expect(exportCsv(ctx, { query: '', scope: 'current' }).rows).toBe(2);
    expect(exportCsv(ctx, { query: '', scope: 'all' }).rows).toBe(3);
    expect(exportCsv(ctx, { query: '', scope: 'radiated' }).content).toContain(';Fatou;');
  });

  it('round trip: an export re-imports into a fresh store and exports the same file again', async () => {
    const source = tempContext();
    others.push(source);
    await loadDemo(source, { seed: 7, families: 150, billingHistory: false });
    const first = exportCsv(source, { query: '', scope: 'all' });
    expect(first.rows).toBeGreaterThan(150);

    const fresh = tempContext();
    others.push(fresh);
    upsertSchools(fresh, listSchools(source));
    const report = run(first.content, false, fresh);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ imported: true, families: 150 });
    const second = exportCsv(fresh, { query: '', scope: 'all' });
    expect(second.content).toBe(first.content);
  });
});
