import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path, { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveAppFile } from '../../main/electron/app-protocol.js';
import { buildMenuTemplate } from '../../main/electron/menu.js';
import { FORBIDDEN_SENDER, isPermissionAllowed, isTrustedSender } from '../../main/electron/security.js';

/**
 * Electron cannot run here (no binary). This layer is checked three ways: its pure modules are
 * unit-tested, its packaging config is validated with electron-builder's own schema, and the
 * real bundle (dist/electron/main.cjs) is loaded under Node with a stand-in `electron` module to
 * see what it asks Electron to do. `tsc` checks the sources against electron.d.ts.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

const pkg = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string> };

describe('pure modules of the Electron layer', () => {
  it('recognises only app://guichet/ URLs', () => {
    expect(isAppUrl('app://guichet/index.html')).toBe(true);
    expect(isAppUrl('app://guichet/')).toBe(true);
    for (const url of [
      'app://guichet',
      'app://guichet.evil/index.html',
      'app://guichet@evil/index.html',
      'app://guichet:80/index.html',
      'app://evil/index.html',
      'https://guichet/index.html',
      'file:///etc/passwd',
      'devtools://devtools/',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('maps app:// requests to files of the renderer folder and refuses traversal', () => {
    const root = '/opt/guichet/dist/renderer';
    const p = path.posix;
    expect(resolveAppFile(root, 'app://guichet/index.html', p)).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://guichet/', p)).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://guichet/familles/12', p)).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://guichet/assets/index-abc.js?x=1', p)).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppFile(root, 'app://guichet/assets/caf%C3%A9.png', p)).toBe(`${root}/assets/café.png`);
    // The URL parser drops plain and %2e dot segments; encoded separators are refused by us.
    expect(resolveAppFile(root, 'app://guichet/../../assets/app.js', p)).toBe(`${root}/assets/app.js`);
    expect(resolveAppFile(root, 'app://guichet/%2e%2e/%2e%2e/assets/app.js', p)).toBe(`${root}/assets/app.js`);
    for (const url of [
      'app://guichet/..%2f..%2fetc%2fpasswd',
      'app://guichet/assets/..%2f..%2f..%2fsecret.txt',
      'app://guichet/..%5c..%5csecret.txt',
      'app://guichet/a%00.js',
      'app://guichet/%E0%A4%A',
      'app://guichet/C:%5cWindows%5cwin.ini',
      'app://other/index.html',
    ]) {
      expect(resolveAppFile(root, url, p), url).toBeNull();
    }
    const w = path.win32;
    expect(resolveAppFile('C:\\Guichet\\renderer', 'app://guichet/assets/a.js', w)).toBe('C:\\Guichet\\renderer\\assets\\a.js');
    expect(resolveAppFile('C:\\Guichet\\renderer', 'app://guichet/..%5c..%5cwin.ini', w)).toBeNull();
  });

  it('trusts only frames of our own pages and grants only the clipboard write', () => {
    expect(isTrustedSender('app://guichet/index.html')).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(FORBIDDEN_SENDER.ok).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://guichet/')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(isPermissionAllowed(permission, 'app://guichet/'), permission).toBe(false);
    }
  });

  it('builds a French menu, with the developer tools only when not packaged', () => {
    const labels = (t: ReturnType<typeof buildMenuTemplate>) => JSON.stringify(t);
    const dev = buildMenuTemplate({ isMac: false, isPackaged: false });
    expect(dev.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage']);
    expect(labels(dev)).toContain('Quitter');
    expect(labels(dev)).toContain('Recharger');
    expect(labels(dev)).toContain('Outils de développement');
    const packaged = buildMenuTemplate({ isMac: false, isPackaged: true });
    expect(labels(packaged)).not.toContain('toggleDevTools');
    expect(labels(packaged)).not.toContain('Outils de développement');
    const mac = buildMenuTemplate({ isMac: true, isPackaged: true });
    expect(mac[0]?.label).toBe('Guichet');
    for (const item of [...dev, ...mac]) {
      for (const sub of item.submenu as { label?: string; type?: string }[]) {
        if (sub.type !== 'separator') expect(sub.label, JSON.stringify(sub)).toMatch(/\S/);
      }
    }
  });
});

describe('Electron sources (statically: Electron cannot run here)', () => {
  const mainSrc = read('main/electron/main.ts');
  const preloadSrc = read('main/electron/preload.ts');

  it('main.ts locks the window down', () => {
    expect(mainSrc).toMatch(/contextIsolation:\s*true/);
    expect(mainSrc).toMatch(/sandbox:\s*true/);
    expect(mainSrc).toMatch(/nodeIntegration:\s*false/);
    expect(mainSrc).toMatch(/webSecurity:\s*true/);
    expect(mainSrc).toContain('setWindowOpenHandler');
    expect(mainSrc).toContain("'will-navigate'");
    expect(mainSrc).toContain('event.senderFrame');
    expect(mainSrc).toContain('requestSingleInstanceLock');
    expect(mainSrc).toContain('registerSchemesAsPrivileged');
    expect(mainSrc).toContain('setPermissionRequestHandler');
    expect(mainSrc).toContain("join(process.resourcesPath, 'migrations')");
    expect(mainSrc).toContain('migrationsFolder');
  });

  it('preload.ts exposes only invoke on window.guichet', () => {
    const exposed = [...preloadSrc.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1]);
    expect(exposed).toEqual(['guichet']);
    const bridge = /const bridge: GuichetBridge = \{([\s\S]*?)\n\};/.exec(preloadSrc)?.[1] ?? '';
    const keys = [...bridge.matchAll(/^\s{2}(\w+)\s*:/gm)].map((m) => m[1]);
    expect(keys).toEqual(['invoke']);
    expect(preloadSrc).toContain('ipcRenderer.invoke(IPC_CHANNEL, operation, input)');
    expect(preloadSrc).not.toMatch(/ipcRenderer\.(send|on|sendSync)\b/);
  });

  it('only main/electron imports electron', () => {
    const sources = (dir: string): string[] =>
      existsSync(join(ROOT, dir))
        ? readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(rel);
            return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [rel] : [];
          })
        : [];
    const offenders = ['main', 'shared', 'renderer']
      .flatMap(sources)
      .filter((f) => !f.startsWith('main/electron/'))
      .filter((f) => /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/.test(read(f)));
    expect(offenders).toEqual([]);
  });
});

describe('electron-builder.yml', () => {
  // electron-builder's own dependencies: resolved from it, whatever the hoisting.
  const builderRequire = createRequire(require.resolve('electron-builder/package.json'));
  const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'));
  const yaml = libRequire('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(read('electron-builder.yml')) as Record<string, unknown>;

  it('passes electron-builder’s own configuration validation', async () => {
    const { validateConfiguration } = libRequire('./out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = libRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, appid: 'typo' }, new DebugLogger(false))).rejects.toThrow(/appid/);
  });

  it('names the app and packs only the bundles and package.json', () => {
    expect(config.appId).toBe('fr.paris.cde11.guichet');
    expect(config.productName).toBe('Guichet');
    expect(config.directories).toMatchObject({ output: 'release' });
    const files = config.files as string[];
    expect(files).toContain('package.json');
    expect(files.some((f) => f.startsWith('dist/electron'))).toBe(true);
    expect(files.some((f) => f.startsWith('dist/renderer'))).toBe(true);
    expect(files.some((f) => /^(main|renderer|shared|src)\//.test(f))).toBe(false);
    expect(config.npmRebuild).toBe(true);
    expect(JSON.stringify(config.asarUnpack)).toContain('better-sqlite3');
  });

  it('ships the migrations where main.ts reads them (resources/migrations)', () => {
    const extra = config.extraResources as { from: string; to: string }[];
    expect(extra).toContainEqual(expect.objectContaining({ from: 'main/store/migrations', to: 'migrations' }));
    expect(existsSync(join(ROOT, 'main/store/migrations/meta/_journal.json'))).toBe(true);
  });

  it('targets NSIS x64 on Windows, DMG x64 + arm64 on macOS', () => {
    const win = config.win as { target: { target: string; arch: string[] }[] };
    expect(win.target).toContainEqual({ target: 'nsis', arch: ['x64'] });
    const mac = config.mac as { category: string; target: { target: string; arch: string[] }[] };
    expect(mac.category).toBe('public.app-category.business');
    expect(mac.target).toContainEqual({ target: 'dmg', arch: ['x64', 'arm64'] });
  });

  it('points at an icon that exists and is a large enough PNG', () => {
    const icon = readFileSync(join(ROOT, config.icon as string));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('is the config `npm run dist` uses, and start/prestart are wired', () => {
    expect(pkg.scripts.dist).toContain('--config electron-builder.yml');
    expect(pkg.scripts.prestart).toBe('node scripts/ensure-electron.mjs');
    expect(pkg.scripts['build:electron']).toBe('node scripts/build-electron.mjs');
  });
});
