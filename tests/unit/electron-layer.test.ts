import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, type DispatchResult } from '../../shared/contract/bridge.js';
import { APP_INDEX_URL, isAppUrl, resolveAppFile } from '../../main/electron/app-protocol.js';
import { buildMenuTemplate } from '../../main/electron/menu.js';
import { FORBIDDEN_SENDER, isPermissionAllowed, isTrustedSender } from '../../main/electron/security.js';
import { CONTENT_SECURITY_POLICY } from '../../main/web/headers.js';

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

describe('the built bundle (dist/electron)', () => {
  const outMain = join(ROOT, 'dist/electron/main.cjs');
  const outPreload = join(ROOT, 'dist/electron/preload.cjs');

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-electron.mjs')], { cwd: ROOT, stdio: 'pipe' });
  });

  it('writes main.cjs where package.json "main" points, and the preload beside it', () => {
    expect(join(ROOT, pkg.main)).toBe(outMain);
    expect(existsSync(outMain)).toBe(true);
    expect(existsSync(outPreload)).toBe(true);
  });

  it('requires nothing but electron, better-sqlite3 and Node built-ins', () => {
    const external = (file: string) =>
      [...new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].filter(
        (name) => !name?.startsWith('node:'),
      );
    expect(external(outMain).sort()).toEqual(['better-sqlite3', 'electron']);
    expect(external(outPreload)).toEqual(['electron']);
    expect(readFileSync(outPreload, 'utf8')).not.toMatch(/require\("node:/);
  });

  it('has no bare import.meta left (CommonJS)', () => {
    const code = readFileSync(outMain, 'utf8');
    expect(code).not.toMatch(/import\.meta/);
  });
});

describe('the bundle under a stand-in electron module', () => {
  interface Recorded {
    schemes: unknown[];
    appHandlers: Map<string, (...args: unknown[]) => unknown>;
    protocolHandler?: (request: { url: string; method: string }) => Promise<Response>;
    ipc: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
    windows: { options: { webPreferences: Record<string, unknown> }; url?: string }[];
    menu?: unknown;
    permissionRequest?: (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void;
    permissionCheck?: (wc: unknown, permission: string, origin: string) => boolean;
    errors: string[];
    paths: Map<string, string>;
  }
  const rec: Recorded = { schemes: [], appHandlers: new Map(), ipc: new Map(), windows: [], errors: [], paths: new Map() };
  let tmp: string;
  let appDir: string;
  let dataDir: string;
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = Module._load;
  const originalResourcesPath = Object.getOwnPropertyDescriptor(process, 'resourcesPath');
  const originalEnv = process.env.GUICHET_DATA;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'guichet-electron-'));
    appDir = join(tmp, 'app');
    dataDir = join(tmp, 'data');
    const resources = join(tmp, 'resources');
    mkdirSync(join(appDir, 'dist/renderer/assets'), { recursive: true });
    writeFileSync(join(appDir, 'dist/renderer/index.html'), '<!doctype html><meta name="guichet-token" content=""><title>G</title>');
    writeFileSync(join(appDir, 'dist/renderer/assets/app.js'), 'void 0;');
    writeFileSync(join(tmp, 'secret.txt'), 'secret');
    cpSync(join(ROOT, 'main/store/migrations'), join(resources, 'migrations'), { recursive: true });
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true, writable: true });
    process.env.GUICHET_DATA = dataDir;
    if (!existsSync(join(ROOT, 'dist/electron/main.cjs'))) {
      execFileSync(process.execPath, [join(ROOT, 'scripts/build-electron.mjs')], { cwd: ROOT, stdio: 'pipe' });
    }

    let ready!: () => void;
    const whenReady = new Promise<void>((resolve) => (ready = resolve));
    class BrowserWindow {
      static all: BrowserWindow[] = [];
      static getAllWindows() {
        return BrowserWindow.all;
      }
      record: Recorded['windows'][number];
      constructor(options: Recorded['windows'][number]['options']) {
        this.record = { options };
        rec.windows.push(this.record);
        BrowserWindow.all.push(this);
      }
      once() {}
      on() {}
      show() {}
      isMinimized() {
        return false;
      }
      restore() {}
      focus() {}
      loadURL(url: string) {
        this.record.url = url;
        return Promise.resolve();
      }
    }
    const electron = {
      app: {
        isPackaged: true,
        setName: vi.fn(),
        setPath: (name: string, value: string) => rec.paths.set(name, value),
        getPath: (name: string) => rec.paths.get(name) ?? join(tmp, name),
        getAppPath: () => appDir,
        getVersion: () => '9.9.9',
        enableSandbox: vi.fn(),
        requestSingleInstanceLock: () => true,
        on: (name: string, fn: (...args: unknown[]) => unknown) => rec.appHandlers.set(name, fn),
        whenReady: () => whenReady,
        quit: vi.fn(),
        exit: vi.fn(),
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => rec.schemes.push(...schemes),
        handle: (_scheme: string, fn: Recorded['protocolHandler']) => (rec.protocolHandler = fn),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (fn: Recorded['permissionRequest']) => (rec.permissionRequest = fn),
          setPermissionCheckHandler: (fn: Recorded['permissionCheck']) => (rec.permissionCheck = fn),
        },
      },
      ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => rec.ipc.set(channel, fn) },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.menu = m) },
      dialog: { showErrorBox: (title: string, text: string) => rec.errors.push(`${title}: ${text}`) },
      BrowserWindow,
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
        decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
      },
    };
    Module._load = function (request: string, ...rest: unknown[]) {
      if (request === 'electron') return electron;
      return originalLoad.call(this, request, ...rest);
    };
    require(join(ROOT, 'dist/electron/main.cjs'));
    ready();
    await vi.waitFor(() => {
      if (rec.errors.length) throw new Error(rec.errors.join('\n'));
      expect(rec.windows.length).toBe(1);
    });
  });

  afterAll(() => {
    rec.appHandlers.get('will-quit')?.();
    Module._load = originalLoad;
    if (originalResourcesPath) Object.defineProperty(process, 'resourcesPath', originalResourcesPath);
    else delete (process as { resourcesPath?: string }).resourcesPath;
    if (originalEnv === undefined) delete process.env.GUICHET_DATA;
    else process.env.GUICHET_DATA = originalEnv;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('starts without error, registers the privileged app scheme and the Guichet user folder', () => {
    expect(rec.errors).toEqual([]);
    expect(rec.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(rec.paths.get('userData')).toBe(join(tmp, 'appData', 'Guichet'));
    expect(rec.menu).toBeDefined();
    expect(JSON.stringify(rec.menu)).not.toContain('toggleDevTools');
  });

  it('keeps the health-documents key encrypted by safeStorage in the user folder', () => {
    const file = join(tmp, 'appData', 'Guichet', 'document-key.bin');
    expect(existsSync(file)).toBe(true);
    const hex = Buffer.from(readFileSync(file)).reverse().toString('utf8');
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).not.toContain(hex);
  });

  it('opens one locked-down window on app://guichet/index.html with the CJS preload', () => {
    const win = rec.windows[0]!;
    expect(win.url).toBe(APP_INDEX_URL);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    const preload = win.options.webPreferences.preload as string;
    expect(preload).toBe(join(ROOT, 'dist/electron/preload.cjs'));
    expect(existsSync(preload)).toBe(true);
  });

  it('dispatches IPC calls from our frames only', async () => {
    const handler = rec.ipc.get(IPC_CHANNEL)!;
    expect(handler).toBeDefined();
    const ok = (await handler({ senderFrame: { url: 'app://guichet/index.html' } }, 'app.info', {})) as DispatchResult;
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.value).toMatchObject({ dataDir, version: '9.9.9' });
    // The packaged migrations (resources/migrations) were applied in the data folder.
    expect(existsSync(join(dataDir, 'guichet.sqlite'))).toBe(true);
    const invalid = (await handler({ senderFrame: { url: 'app://guichet/' } }, 'families.get', {})) as DispatchResult;
    expect(invalid.ok === false && invalid.error.field).toBe('id');
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }, {}]) {
      const refused = (await handler(event, 'app.info', {})) as DispatchResult;
      expect(refused).toEqual(FORBIDDEN_SENDER);
    }
  });

  it('serves the renderer through app:// with the CSP, and refuses traversal', async () => {
    const handle = rec.protocolHandler!;
    const index = await handle({ url: 'app://guichet/index.html', method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<title>G</title>');
    const js = await handle({ url: 'app://guichet/assets/app.js', method: 'GET' });
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const traversal = await handle({ url: 'app://guichet/..%2f..%2f..%2fsecret.txt', method: 'GET' });
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('secret');
    expect((await handle({ url: 'app://guichet/absent.js', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://guichet/index.html', method: 'POST' })).status).toBe(405);
  });

  it('denies navigation away, popups, webviews and permissions', () => {
    const listeners = new Map<string, (event: { url?: string; preventDefault: () => void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (event: { url?: string; preventDefault: () => void }) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    rec.appHandlers.get('web-contents-created')!({}, contents);
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
    listeners.get('will-navigate')!(away);
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { url: 'app://guichet/index.html', preventDefault: vi.fn() };
    listeners.get('will-navigate')!(inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler?.()).toEqual({ action: 'deny' });

    const answers: boolean[] = [];
    rec.permissionRequest!({}, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://guichet/index.html' });
    rec.permissionRequest!({}, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: 'app://guichet/' });
    expect(answers).toEqual([false, true]);
    expect(rec.permissionCheck!({}, 'geolocation', 'app://guichet')).toBe(false);
  });
});
