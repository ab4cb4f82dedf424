#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security linter), run offline on the Electron layer with
// the project's Electron version. Fails (exit 1) on any finding above LOW, or when a file cannot
// be parsed (an unread file is an unchecked file).
//   node scripts/electronegativity.mjs [--json] [CHEMIN…]
// Without paths it scans main/electron/ and renderer/index.html; given paths (a test's fixture)
// are scanned instead.
// The package's own CLI cannot start (it requires a `commander` it does not declare, and npm
// hoists an incompatible one), so its runner is called directly; its only network access (a
// download of translations) is replaced by a local refusal, so nothing leaves the machine.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
const fromRunner = createRequire(runnerPath);

// Offline: the translations download (`got`) answers « unavailable » at once.
const gotPath = fromRunner.resolve('got');
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: () => Promise.reject(new Error('offline')) };
const quietLog = console.log;
console.log = () => {};
const run = fromRunner(runnerPath);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

/** Findings accepted after review, each justified in docs/decisions.md (« Electronegativity »). */
const IGNORED = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-ignore.json'), 'utf8'));

// One scan over the Electron layer and the page it loads (renderer/index.html carries the
// Content-Security-Policy the global CSP check looks for), staged side by side.
const given = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SCANNED = given.length > 0 ? given.map((p) => resolve(p)) : ['main/electron', 'renderer/index.html'].map((p) => join(root, p));
const stage = mkdtempSync(join(tmpdir(), 'guichet-electronegativity-'));
for (const path of SCANNED) {
  const rel = relative(root, path);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  cpSync(path, join(stage, inside ? rel : basename(path)), { recursive: true });
}
const results = [];
try {
  results.push(await run({ input: stage, electronVersionOverride: electronVersion, isRelative: true, customScan: [], excludeFromScan: [], parserPlugins: [] }, false));
} finally {
  console.log = quietLog;
  rmSync(stage, { recursive: true, force: true });
}

const LEVELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const findings = results.flatMap((r) => r.issues).map((i) => ({
  id: i.id,
  file: String(i.file).replace(/\\/g, '/'),
  line: i.location?.line,
  severity: i.severity?.name ?? String(i.severity),
  confidence: i.confidence?.name ?? String(i.confidence),
  manualReview: Boolean(i.manualReview),
  ignored: IGNORED.some((g) => g.id === i.id && g.file === String(i.file).replace(/\\/g, '/')),
  description: i.description,
}));
const errors = results.flatMap((r) => r.errors).filter((e) => !e.tolerable);
const blocking = findings.filter((f) => LEVELS.indexOf(f.severity) > LEVELS.indexOf('LOW') && !f.ignored);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ electronVersion, findings, errors, blocking: blocking.length }, null, 2));
} else {
  console.log(`Electronegativity (Electron ${electronVersion}) : ${findings.length} constat(s), ${blocking.length} au-dessus de LOW.`);
  for (const f of findings) console.log(`  ${f.ignored ? '(accepté) ' : ''}${f.severity}/${f.confidence} ${f.id} ${f.file}:${f.line ?? '?'}`);
  for (const e of errors) console.log(`  illisible : ${relative(stage, e.file)} : ${e.message}`);
}
process.exit(blocking.length > 0 || errors.length > 0 ? 1 : 0);
