import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, type DispatchResult } from '../../shared/contract/bridge.js';
import { APP_INDEX_URL } from '../../main/electron/app-protocol.js';
import { FORBIDDEN_SENDER } from '../../main/electron/security.js';
import { CONTENT_SECURITY_POLICY } from '../../main/web/headers.js';

/**
 * The Electron layer's real bundle (dist/electron/main.cjs, built here by scripts/build-electron.mjs)
 * loaded under Node with a stand-in `electron` module, to see what it asks Electron to do
 * (Electron cannot run here; its pure modules and packaging are in tests/unit/electron-layer.test.ts).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };

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

  it('requires nothing but electron, better-sqlite3, argon2 and Node built-ins', () => {
    const external = (file: string) =>
      [...new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].filter(
        (name) => !name?.startsWith('node:'),
      );
    expect(external(outMain).sort()).toEqual(['argon2', 'better-sqlite3', 'electron']);
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
    writeFileSync(join(appDir, 'dist/renderer/index.html'), '<!doctype html><title>G</title>');
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

  it('keeps the health documents’ keys in a vault encrypted by safeStorage in the user folder', () => {
    const file = join(tmp, 'appData', 'Guichet', 'document-keys.vault');
    expect(existsSync(file)).toBe(true);
    const vault = JSON.parse(Buffer.from(readFileSync(file)).reverse().toString('utf8')) as { keys: Record<string, string> };
    const [hex] = Object.values(vault.keys);
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

  it('dispatches IPC calls from our frames only, one session per window', async () => {
    const handler = rec.ipc.get(IPC_CHANNEL)!;
    expect(handler).toBeDefined();
    const window1 = { id: 1, once: vi.fn() };
    const from1 = (url: string) => ({ senderFrame: { url }, sender: window1 });
    const state = (await handler(from1('app://guichet/index.html'), 'session.state', {})) as DispatchResult;
    expect(state).toMatchObject({ ok: true, value: { hasAccounts: false, account: null } });
    const admin = { login: 'admin', displayName: 'Camille Martin', password: 'une phrase de passe', confirmation: 'une phrase de passe' };
    expect(((await handler(from1('app://guichet/'), 'session.createFirstAdmin', admin)) as DispatchResult).ok).toBe(true);
    const ok = (await handler(from1('app://guichet/index.html'), 'app.info', {})) as DispatchResult;
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.value).toMatchObject({ dataDir, version: '9.9.9', actor: 'admin', agentName: 'Camille Martin' });
    // Another window has its own session: nobody is logged in there.
    const other = (await handler({ senderFrame: { url: 'app://guichet/' }, sender: { id: 2, once: vi.fn() } }, 'app.info', {})) as DispatchResult;
    expect(other).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // The packaged migrations (resources/migrations) were applied in the data folder.
    expect(existsSync(join(dataDir, 'guichet.sqlite'))).toBe(true);
    const invalid = (await handler(from1('app://guichet/'), 'families.get', {})) as DispatchResult;
    expect(invalid.ok === false && invalid.error.field).toBe('id');
    for (const event of [{ senderFrame: { url: 'https://evil.example/' }, sender: window1 }, { senderFrame: null, sender: window1 }, {}]) {
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
