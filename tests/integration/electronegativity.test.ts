import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * Electronegativity, offline, on the Electron layer (scripts/electronegativity.mjs, run by
 * `npm run lint`): nothing above LOW in ours, and the script does fail on a window that is not
 * locked down (so a clean run means something).
 */

interface Report {
  electronVersion: string;
  findings: { id: string; file: string; severity: string; ignored: boolean }[];
  errors: unknown[];
  blocking: number;
}

function scan(...paths: string[]): Promise<{ code: number; report: Report }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'electronegativity.mjs'), '--json', ...paths], { cwd: ROOT }, (error, stdout) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, report: JSON.parse(stdout) as Report });
    });
  });
}

const fixture = mkdtempSync(join(tmpdir(), 'guichet-insecure-window-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('Electronegativity', () => {
  it('reports nothing above LOW on main/electron and the page it loads, with the project’s Electron version', async () => {
    const { code, report } = await scan();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(report.electronVersion).toBe(pkg.version);
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => !f.ignored && !['INFORMATIONAL', 'LOW'].includes(f.severity))).toEqual([]);
    expect(report.blocking).toBe(0);
    expect(code).toBe(0);
  });

  it('every accepted finding is justified and still found (no stale ignore)', async () => {
    const ignored = JSON.parse(readFileSync(join(ROOT, 'scripts', 'electronegativity-ignore.json'), 'utf8')) as { id: string; file: string; why: string }[];
    const { report } = await scan();
    for (const entry of ignored) {
      expect(entry.why.length, entry.id).toBeGreaterThan(40);
      expect(report.findings.some((f) => f.ignored && f.id === entry.id && f.file === entry.file), entry.id).toBe(true);
    }
  });

  it('fails on a window without context isolation nor sandbox', async () => {
    writeFileSync(
      join(fixture, 'main.ts'),
      "import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n",
    );
    const { code, report } = await scan(fixture);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    expect(report.blocking).toBeGreaterThan(0);
  });
});
