import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER } from '../../main/store/db.js';
import { runCli, type CliRun } from '../helpers/cli.js';

// On a fixed day: the demo is built around the store's today, never the machine's.
const cli = (args: string[], cwd?: string) => runCli(args, { cwd, env: { GUICHET_TODAY: '2026-12-01' } });

function json(run: CliRun): Record<string, any> {
  const lines = run.stdout.trim().split('\n');
  expect(lines, run.stdout + run.stderr).toHaveLength(1); // one JSON object and nothing else
  return JSON.parse(lines[0]!) as Record<string, any>;
}

let work: string;
let data: string;
const families = () => {
  const db = new Database(join(data, 'guichet.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  data = join(work, 'donnees');
  const demo = await cli(['demo', '--families', '200', '--seed', '5', '--json', '--data', data]);
  expect(demo.code, demo.stderr).toBe(0);
  expect(json(demo)).toMatchObject({ ok: true, command: 'demo', schools: 45, families: 200, seed: 5 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('CLI usage', () => {
  it('prints the help in French (exit 0), globally and per command', async () => {
    const [global, perCommand, helpWord] = await Promise.all([cli(['--help']), cli(['import', '--help']), cli(['help', 'export'])]);
    expect(global.code).toBe(0);
    expect(global.stdout).toContain('Usage\u00a0: npm run cli -- <commande> [options]');
    for (const name of ['migrate', 'demo', 'import', 'export', 'backup', 'restore', '--data', '--json']) expect(global.stdout).toContain(name);
    expect(perCommand.code).toBe(0);
    expect(perCommand.stdout).toContain('--dry-run');
    expect(helpWord.stdout).toContain('--scope');
  });

  it('exits with 2 and a French message on a wrong command line', async () => {
    const [unknown, option, missing, value, extra, jsonUsage] = await Promise.all([
      cli(['inventer']),
      cli(['export', '--couleur', 'bleu']),
      cli(['import']),
      cli(['demo', '--seed', 'abc', '--data', data]),
      cli(['backup', 'a.sqlite', 'b.sqlite']),
      cli(['import', '--json']),
    ]);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('Commande inconnue\u00a0: inventer.');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Option inconnue\u00a0: --couleur.');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Indiquez le fichier CSV à importer.');
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('--seed attend un nombre entier');
    expect(extra.code).toBe(2);
    expect(jsonUsage.code).toBe(2);
    expect(json(jsonUsage)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });
});

describe('CLI commands', () => {
  it('exports the families as JSON, to stdout, or to a file', async () => {
    const out = join(work, 'elodie.csv');
    const [asJson, toStdout, toFile] = await Promise.all([
      cli(['export', '--json', '--data', data, '--scope', 'all']),
      cli(['export', '--data', data, '--query', 'elodie']),
      cli(['export', '--data', data, '--query', 'elodie', '--out', out]),
    ]);
    expect(asJson.code).toBe(0);
    const result = json(asJson);
    expect(result).toMatchObject({ ok: true, command: 'export' });
    expect(result.rows).toBeGreaterThan(200);
    expect(result.fileName).toMatch(/^familles-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(result.content.startsWith('\ufeffref_famille;')).toBe(true);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toContain('Élodie');
    expect(toStdout.stderr).toMatch(/lignes? exportées?/);
    expect(toFile.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
    const again = await cli(['export', '--data', data, '--out', out]);
    expect(again.code).toBe(2); // the file exists: --force needed
  });

  it('imports nothing from a file with errors (exit 1) and lists them, as JSON or as text', async () => {
    const bad = join(work, 'mauvais.csv');
    writeFileSync(
      bad,
      [
        'ref_famille;nom_famille;adresse;code_postal;ville;rl1_nom;rl1_prenom;rl1_email;payeur',
        'A;Martin;12 rue de la Roquette;75011;Paris;Martin;Élodie;elodie@example.fr;1',
        'B;Dupont;1 rue Keller;75011;Paris;Dupont;Marc;marc@;1',
        'C;Durand;3 rue Servan;75011;Paris;Durand;Léa;;3',
      ].join('\r\n'),
    );
    const before = families();
    const [asJson, asText, dry] = await Promise.all([
      cli(['import', bad, '--json', '--data', data]),
      cli(['import', 'mauvais.csv', '--data', data], work),
      cli(['import', bad, '--dry-run', '--data', data]),
    ]);
    expect(asJson.code).toBe(1);
    const result = json(asJson);
    expect(result.ok).toBe(false);
    expect(result.report.imported).toBe(false);
    expect(result.report.errors).toEqual([
      { line: 3, column: 'rl1_email', message: 'Adresse e-mail invalide.' },
      { line: 4, column: 'payeur', message: 'Payeur\u00a0: 1 ou 2.' },
    ]);
    expect(asText.code).toBe(1);
    expect(asText.stderr).toContain('ligne 3, colonne rl1_email\u00a0: Adresse e-mail invalide.');
    expect(dry.code).toBe(1);
    expect(families()).toBe(before);
  });

  it('imports a good file, and refuses demo data in a store that has families', async () => {
    const good = join(work, 'bon.csv');
    writeFileSync(good, 'ref_famille;nom_famille;adresse;code_postal;ville;rl1_nom;rl1_prenom\nZ;Kowalski;5 rue Moufle;75011;Paris;Kowalski;Agnieszka\n');
    const before = families();
    const dry = await cli(['import', good, '--dry-run', '--json', '--data', data]);
    expect(dry.code).toBe(0);
    expect(json(dry).report).toMatchObject({ dryRun: true, imported: false, families: 1, errors: [] });
    expect(families()).toBe(before);
    const real = await cli(['import', good, '--data', data]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('Import terminé');
    expect(families()).toBe(before + 1);
    const demo = await cli(['demo', '--families', '10', '--data', data]);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain('La base contient déjà des familles');
  });

  it('migrates, backs up and restores', async () => {
    const fresh = join(work, 'neuf');
    const migrated = await cli(['migrate', '--json', '--data', fresh]);
    const shipped = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')).entries.length as number;
    expect(json(migrated)).toMatchObject({ ok: true, applied: shipped, total: shipped });
    const dest = join(work, 'sauvegardes');
    const saved = await cli(['backup', dest, '--json', '--data', data]);
    expect(saved.code).toBe(0);
    const backup = json(saved);
    expect(backup).toMatchObject({ ok: true, verified: true, counts: { families: families() } });
    expect(backup.folder).toBe(join(dest, backup.name));
    expect(saved.stdout).not.toContain('ATTENTION');
    const restored = await cli(['restore', backup.folder, '--json', '--data', fresh]);
    expect(restored.code).toBe(0);
    const result = json(restored);
    expect(result.previousFile).toContain('guichet.sqlite.avant-restauration-');
    expect(existsSync(result.previousFile)).toBe(true);
    const db = new Database(join(fresh, 'guichet.sqlite'), { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n).toBe(families());
    db.close();
  });
});
