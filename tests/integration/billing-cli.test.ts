import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** `npm run cli -- billing …` in a child process, as an agent runs it, on 01/12/2026 (the demo is built around it). */
const cli = (args: string[]) => runCli(args, { env: { GUICHET_TODAY: '2026-12-01' } });

let work: string;
let data: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'guichet-billing-cli-'));
  data = join(work, 'donnees');
  const demo = await cli(['demo', '--families', '20', '--seed', '3', '--data', data]);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('billing on the command line', () => {
  it('issues a period once and writes its PDF files; says what is wrong on a bad command line', async () => {
    const first = await cli(['billing', 'issue', '--period', '2026-11', '--json', '--data', data]);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout).result as { periodId: string; periodLabel: string; invoices: number };
    expect(result.periodLabel).toBe('Novembre / Décembre 2026');
    expect(result.invoices).toBeGreaterThan(10);

    const out = join(work, 'pdf');
    const pdf = await cli(['billing', 'pdf', '--period', result.periodId, '--out', out, '--workers', '1', '--json', '--data', data]);
    expect(JSON.parse(pdf.stdout)).toMatchObject({ ok: true, files: result.invoices });
    expect(readdirSync(out).filter((f) => /^F2026-\d{6}\.pdf$/.test(f))).toHaveLength(result.invoices);

    const missing = await cli(['billing', 'issue', '--data', data]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Indiquez la période');
  }, 60_000);
});
