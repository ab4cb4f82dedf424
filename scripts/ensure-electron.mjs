#!/usr/bin/env node
// Runs before `npm start` (the "prestart" script). `npm install` skips electron's postinstall
// (package.json "allowScripts": { "electron": false }) so that installing works on machines that
// cannot reach GitHub; the desktop needs the Electron binary, so fetch it now if it is missing,
// with electron's own installer (node_modules/electron/install.js, which honours
// ELECTRON_MIRROR, electron_config_cache and, with ELECTRON_GET_USE_PROXY=1, the proxy given in
// GLOBAL_AGENT_HTTPS_PROXY).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function fail(lines) {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
}

let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  fail(['Electron n’est pas installé : lancez d’abord « npm install ».']);
}

const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

function installed() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const exe = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const distVersion = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    return distVersion === version && existsSync(join(electronDir, 'dist', exe));
  } catch {
    return false;
  }
}

if (installed()) process.exit(0);

console.log(`Téléchargement d’Electron ${version} (une seule fois, environ 100 Mo)…`);
const env = { ...process.env };
// This script's whole point is the download: an inherited "skip" would make install.js a no-op.
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
  cwd: electronDir,
  env,
  stdio: 'inherit',
});

if (result.error || result.status !== 0 || !installed()) {
  fail([
    `Impossible de télécharger Electron ${version}${result.error ? ` (${result.error.message})` : ''}.`,
    'Vérifiez l’accès à Internet (github.com). Derrière un proxy : ELECTRON_GET_USE_PROXY=1 et',
    'GLOBAL_AGENT_HTTPS_PROXY=http://proxy:port ; ou un miroir : ELECTRON_MIRROR=… Puis relancez « npm start ».',
    'En attendant, les écrans de Guichet fonctionnent dans le navigateur : « npm run web ».',
  ]);
}

console.log('Electron est installé.');
