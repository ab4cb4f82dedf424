#!/usr/bin/env node
// Bundles the Electron layer with esbuild (no Electron binary needed):
//   main/electron/main.ts    -> dist/electron/main.cjs    (package.json "main")
//   main/electron/preload.ts -> dist/electron/preload.cjs (sandboxed preloads must be CommonJS)
//   main/pdf/worker.ts -> dist/electron/pdf-worker.cjs (PDF worker threads, main/pdf/pool.ts)
//   resources/fonts/*        -> dist/electron/fonts/ (fonts embedded in the PDFs, with their licence)
//   resources/calendar/*     -> dist/electron/calendar/ (the shipped zone C school calendars)
// electron, better-sqlite3 and argon2 (native, rebuilt for Electron by electron-builder) stay external.
import { build } from 'esbuild';
import { cpSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const expectedMain = join(outdir, 'main.cjs');
if (join(root, pkg.main) !== expectedMain) {
  console.error(`package.json "main" (${pkg.main}) ne correspond pas à ${relative(root, expectedMain)}.`);
  process.exit(1);
}

// Some bundled packages (fontkit, fflate: the PDF engine, now reached from the main process)
// require Node built-ins by their bare name (« fs », « module »): keep them external under their
// « node: » name, so the bundle requires nothing but electron, better-sqlite3, argon2 and node:*.
const bareBuiltins = new Set(builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:')));
const nodePrefix = {
  name: 'node-prefix',
  setup(b) {
    b.onResolve({ filter: /^[a-z_/]+$/ }, (args) => (bareBuiltins.has(args.path) ? { path: `node:${args.path}`, external: true } : undefined));
  },
};

const common = {
  plugins: [nodePrefix],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3', 'argon2'],
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

try {
  await build({
    ...common,
    entryPoints: { main: 'main/electron/main.ts' },
    sourcemap: 'linked',
    // CommonJS has no import.meta: give the bundle a real file URL (main/store/db.ts builds its
    // default migrations folder from it at load time; Electron always passes migrationsFolder).
    define: { 'import.meta.url': '__guichet_import_meta_url' },
    banner: { js: 'const __guichet_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  await build({
    ...common,
    entryPoints: { preload: 'main/electron/preload.ts' },
    sourcemap: false,
  });
  // The PDF worker: its own bundle, found by main/pdf/pool.ts next to main.cjs; the fonts
  // are read by the main bundle from dist/electron/fonts and handed to the workers.
  await build({
    ...common,
    entryPoints: { 'pdf-worker': 'main/pdf/worker.ts' },
    sourcemap: false,
    define: { 'import.meta.url': '__guichet_import_meta_url' },
    banner: { js: 'const __guichet_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  cpSync(join(root, 'resources', 'fonts'), join(outdir, 'fonts'), { recursive: true });
  cpSync(join(root, 'resources', 'calendar'), join(outdir, 'calendar'), { recursive: true });
  console.log(
    `Electron construit : ${relative(root, expectedMain)}, ${relative(root, join(outdir, 'preload.cjs'))}, ${relative(root, join(outdir, 'pdf-worker.cjs'))}`,
  );
} catch (error) {
  console.error('La construction de la partie Electron a échoué.', error instanceof Error ? error.message : error);
  process.exit(1);
}
