import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const cli = (args: string[], stdin?: string, cwd?: string) => runCli(args, { stdin, cwd });

const EXAMPLE = {
  range: { from: '2026-03-01', to: '2026-03-31' },
  schoolYear: { start: '2025-09-01', end: '2026-07-03' },
  holidays: [{ from: '2026-02-21', to: '2026-03-08' }],
  closures: ['2026-03-17'],
  serviceWeekdays: [1, 2, 3, 4, 5],
  rhythm: [{ from: '2025-09-01', weekdays: [1, 2, 4, 5] }],
  enrolment: { from: '2025-09-01', to: null },
};
const MARCH_DAYS = ['09', '10', '12', '13', '16', '19', '20', '23', '24', '26', '27', '30', '31'].map((d) => `2026-03-${d}`);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'guichet-meals-'));
  writeFileSync(join(work, 'exemple.json'), JSON.stringify(EXAMPLE, null, 2));
  writeFileSync(join(work, 'mauvais.json'), JSON.stringify({ ...EXAMPLE, holidays: [{ from: '2026-02-21', to: '08/03/2026' }] }));
  writeFileSync(join(work, 'casse.json'), '{ "range": ');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('meals', () => {
  it('prints the served days of the README example as JSON: 13 days (exit 0)', async () => {
    const run = await cli(['meals', '--input', 'exemple.json'], undefined, work);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ days: MARCH_DAYS, count: 13 });
    expect(run.stderr).toBe('');
  });

  it('reads the standard input with --input -, and wraps the answer with --json', async () => {
    const [piped, json] = await Promise.all([
      cli(['meals', '--input', '-'], JSON.stringify(EXAMPLE)),
      cli(['meals', '--json', '--input', join(work, 'exemple.json')]),
    ]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual({ days: MARCH_DAYS, count: 13 });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, command: 'meals', days: MARCH_DAYS, count: 13 });
  });

  it('refuses invalid input with a French message naming the field (exit 1)', async () => {
    const [bad, badJson, broken, missing] = await Promise.all([
      cli(['meals', '--input', join(work, 'mauvais.json')]),
      cli(['meals', '--input', '-', '--json'], JSON.stringify({ ...EXAMPLE, rhythm: [{ from: '2025-09-01', weekdays: [8] }] })),
      cli(['meals', '--input', join(work, 'casse.json')]),
      cli(['meals', '--input', join(work, 'absent.json')]),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('holidays[0].to (dernier jour des vacances n°\u00a01)\u00a0: date invalide\u00a0: «\u00a008/03/2026\u00a0»');
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stdout)).toMatchObject({
      ok: false,
      command: 'meals',
      error: { code: 'VALIDATION', field: 'rhythm.0.weekdays.0', message: expect.stringContaining('rhythm[0].weekdays[0] (jours du rythme n°\u00a01)') },
    });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('JSON invalide');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Fichier introuvable ou illisible');
  });

  it('exits with 2 on a wrong command line, and documents itself in French', async () => {
    const [noInput, extra, help, global] = await Promise.all([
      cli(['meals']),
      cli(['meals', 'exemple.json']),
      cli(['meals', '--help']),
      cli(['--help']),
    ]);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('Indiquez le fichier JSON à lire\u00a0: --input FICHIER');
    expect(extra.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--input FICHIER');
    expect(help.stdout).toContain('"serviceWeekdays"');
    expect(global.stdout).toContain('meals --input FICHIER');
  });
});
