import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMany } from '../../main/pdf/index.js';
import { syntheticInvoices } from '../../main/pdf/samples.js';

/**
 * The Electron build runs the PDF workers from their own CommonJS bundle (dist/electron/
 * pdf-worker.cjs, made by scripts/build-electron.mjs with these same esbuild options). Built
 * here into a temporary folder (not dist/, which another test rebuilds) and run for real.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'guichet-pdf-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled PDF worker', () => {
  it('renders valid files from pdf-worker.cjs', async () => {
    await build({
      absWorkingDir: ROOT,
      entryPoints: { 'pdf-worker': 'main/pdf/worker.ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outdir: dir,
      outExtension: { '.js': '.cjs' },
      external: ['electron', 'better-sqlite3'],
      logLevel: 'error',
      define: { 'import.meta.url': '__guichet_import_meta_url' },
      banner: { js: 'const __guichet_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
    });
    const docs = syntheticInvoices(4, 5);
    const result = await generateMany(docs, {
      outDir: join(dir, 'out'),
      workers: 2,
      batchSize: 1,
      workerFile: join(dir, 'pdf-worker.cjs'),
    });
    expect(result.files).toHaveLength(4);
    for (const file of result.files) {
      const check = spawnSync('qpdf', ['--check', file.path], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
  });
});
