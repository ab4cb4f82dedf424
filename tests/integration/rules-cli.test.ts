import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const cli = (args: string[], stdin?: string, cwd?: string) => runCli(args, { stdin, cwd });

const REFUND = {
  reason: 'maladie',
  absence: { from: '2026-03-09', to: '2026-03-13' },
  servedDays: ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'],
  receivedOn: '2026-03-20',
  certificate: { original: true, noErasures: true },
  schoolHeadVisa: true,
  unitPriceCents: 362,
  alreadyRefundedDays: [],
};
const RHYTHM = {
  validatedOn: '2026-03-15',
  periods: [
    { id: '2026-05', start: '2026-05-01', end: '2026-07-03' },
    { id: '2026-03', start: '2026-03-01', end: '2026-04-30' },
  ],
};

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'guichet-rules-'));
  writeFileSync(join(work, 'remboursement.json'), JSON.stringify(REFUND, null, 2));
  writeFileSync(join(work, 'rythme.json'), JSON.stringify(RHYTHM, null, 2));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('rules refund', () => {
  it('answers the issue’s example as JSON: 4 days × 362 c = 1448 c (exit 0)', async () => {
    const run = await cli(['rules', 'refund', '--input', 'remboursement.json'], undefined, work);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({ eligible: true, refundedDays: REFUND.servedDays, amountCents: 1448 });
    expect(verdict.checks).toHaveLength(8);
    expect(verdict.checks).toContainEqual({
      rule: 'deadline',
      ok: true,
      message: 'Reçue le 20/03/2026, dans les 30 jours suivant le dernier jour d’absence (13/03/2026)\u00a0: délai respecté (jusqu’au 12/04/2026).',
    });
  });

  it('takes each day at its own price when dayPricesCents gives them (a tariff change inside the absence)', async () => {
    const { unitPriceCents: _, ...rest } = REFUND;
    const input = { ...rest, dayPricesCents: { '2026-03-09': 700, '2026-03-10': 700, '2026-03-12': 85, '2026-03-13': 85 } };
    const run = await cli(['rules', 'refund', '--input', '-'], JSON.stringify(input));
    expect(run.code, run.stderr).toBe(0);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({ eligible: true, amountCents: 1570 });
    expect(verdict.checks).toContainEqual({
      rule: 'notAlreadyRefunded',
      ok: true,
      message: 'Aucun jour de cette absence n’a déjà été remboursé\u00a0: 2 jours × 7,00\u00a0€ + 2 jours × 0,85\u00a0€ = 15,70\u00a0€ à rembourser.',
    });
  });

  it('answers a refusal on the standard input, still exit 0, with the failed check', async () => {
    const run = await cli(['rules', 'refund', '--input', '-'], JSON.stringify({ ...REFUND, certificate: null }));
    expect(run.code, run.stderr).toBe(0);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({ eligible: false, refundedDays: [], amountCents: 0 });
    expect(verdict.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { rule: string }) => c.rule)).toEqual([
      'certificate.present',
      'certificate.original',
      'certificate.noErasures',
    ]);
  });

  it('refuses invalid input with a French message naming the field (exit 1)', async () => {
    const [bad, badJson] = await Promise.all([
      cli(['rules', 'refund', '--input', '-'], JSON.stringify({ ...REFUND, receivedOn: '20/03/2026' })),
      cli(['rules', 'refund', '--input', '-', '--json'], JSON.stringify({ ...REFUND, unitPriceCents: '3,62' })),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('receivedOn (date de réception de la demande)\u00a0: date invalide\u00a0: «\u00a020/03/2026\u00a0»');
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stdout)).toMatchObject({
      ok: false,
      command: 'rules',
      error: { code: 'VALIDATION', field: 'unitPriceCents', message: expect.stringContaining('unitPriceCents (prix unitaire du repas, en centimes)') },
    });
  });
});

describe('rules rhythm', () => {
  it('answers the issue’s example: effective from 2026-05-01', async () => {
    const run = await cli(['rules', 'rhythm', '--input', join(work, 'rythme.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ effectiveFrom: '2026-05-01' });
  });

  it('fails with a clear error when no period begins after the validation (exit 1)', async () => {
    const run = await cli(['rules', 'rhythm', '--input', '-'], JSON.stringify({ ...RHYTHM, validatedOn: '2026-06-10' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('aucune période ne commence après la date de validation (10/06/2026)');
  });

  it('refuses invalid input naming the field (exit 1)', async () => {
    const run = await cli(['rules', 'rhythm', '--input', '-'], JSON.stringify({ ...RHYTHM, periods: [{ id: 'x', start: '2026-13-01', end: '2026-04-30' }] }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('periods[0].start (début de la période n°\u00a01)\u00a0: date invalide');
  });
});

describe('rules: command line', () => {
  it('exits with 2 on a wrong command line, and documents itself in French', async () => {
    const [noAction, unknown, noInput, help, global] = await Promise.all([
      cli(['rules', '--input', 'x.json']),
      cli(['rules', 'remboursement', '--input', 'x.json']),
      cli(['rules', 'refund']),
      cli(['rules', '--help']),
      cli(['--help']),
    ]);
    expect(noAction.code).toBe(2);
    expect(noAction.stderr).toContain('Indiquez l’action\u00a0: refund, rhythm.');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Action inconnue\u00a0: remboursement.');
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('Indiquez le fichier JSON à lire\u00a0: --input FICHIER');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('"schoolHeadVisa"');
    expect(help.stdout).toContain('"validatedOn"');
    expect(global.stdout).toContain('rules <refund|rhythm> --input FICHIER');
  });
});
