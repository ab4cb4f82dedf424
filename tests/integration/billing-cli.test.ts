import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm run cli -- billing …` in a child process, as an agent runs it. */
const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(ROOT, 'main', 'cli', 'index.ts');
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd: ROOT, env: { ...process.env, GUICHET_DATA: '' } }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

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
    const first = await cli(['billing', 'issue', '--period', '2026-03', '--json', '--data', data]);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout).result as { periodId: string; periodLabel: string; invoices: number };
    expect(result.periodLabel).toBe('Mars / Avril 2026');
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
