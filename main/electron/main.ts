import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IPC_CHANNEL, type DispatchResult } from '../../shared/contract/bridge.js';
import { dispatch } from '../api/dispatch.js';
import { createContext, SERVER_CREDENTIAL_FILE, type AppContext } from '../context.js';
import { APP_NAME, resolveDataDir, systemActor } from '../paths.js';
import { SessionRegistry, type DeskSession } from '../session/index.js';
import { SECURITY_HEADERS, contentTypeFor } from '../web/headers.js';
import { APP_INDEX_URL, APP_SCHEME, isAppUrl, resolveAppFile } from './app-protocol.js';
import { secretFile } from '../store/secret-file.js';
import { type DocumentKeySource, fileVault, LEGACY_OS_KEY_FILE, LEGACY_PLAIN_KEY_FILE, plainProtection, VAULT_FILE } from '../store/key-vault.js';
import { openDocumentKeys } from '../services/keys/index.js';
import { configureBackups, startBackupScheduler } from '../services/backups/index.js';
import { startSyncScheduler } from '../services/sync/index.js';
import { lockDataFolder, type DataLock } from '../store/data-lock.js';
import { explainOpenFailure } from '../store/open-failure.js';
import { restoreBackup } from '../store/restore.js';
import { buildMenuTemplate } from './menu.js';
import { FORBIDDEN_SENDER, isPermissionAllowed, isTrustedSender } from './security.js';

/**
 * The Electron layer: one window showing the built renderer from `app://guichet/`, one IPC
 * channel into dispatch(), and nothing else. Bundled to dist/electron/main.cjs by
 * scripts/build-electron.mjs. Everything business-like lives in main/services, which never
 * import electron.
 *
 * Updates: electron-updater is not installed. When it is, call
 * `autoUpdater.checkForUpdatesAndNotify()` after the window shows, with the `publish` provider of
 * electron-builder.yml (a generic HTTPS server of the CDE).
 */

// Before ready: the privileged scheme, the app name and its user-data folder (the same folder
// main/paths.ts computes for the web host and the CLI, whatever package.json's name is).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.setName(APP_NAME);
app.setPath('userData', join(app.getPath('appData'), APP_NAME));
app.enableSandbox();

let ctx: AppContext | undefined;
let mainWindow: BrowserWindow | undefined;
/** One desk session per window (its web contents), kept here in the main process. */
const sessions = new SessionRegistry();
const windowSessions = new Map<number, DeskSession>();

function sessionFor(contents: WebContents): DeskSession {
  let session = windowSessions.get(contents.id);
  if (!session) {
    const opened = sessions.open();
    session = opened;
    windowSessions.set(contents.id, opened);
    contents.once('destroyed', () => {
      windowSessions.delete(contents.id);
      sessions.close(opened.id);
    });
  }
  return session;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (ctx && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => {
    ctx?.store.close();
    ctx = undefined;
  });
  app.whenReady().then(start).catch(fail);
}

function start(): void {
  const dataDir = resolveDataDir(process.argv, process.env, { fallback: app.getPath('userData') });
  // Packaged: electron-builder's extraResources copies main/store/migrations to resources/migrations.
  // Dev: the repository's folder. Always explicit: import.meta.url means nothing in the CJS bundle.
  const migrationsFolder = app.isPackaged
    ? join(process.resourcesPath, 'migrations')
    : join(app.getAppPath(), 'main', 'store', 'migrations');
  // The health documents' keys, kept encrypted by the OS in the user folder (not the data folder:
  // a copied data folder must not carry its keys; the recovery code unwraps them elsewhere).
  const documentKeys: DocumentKeySource = {
    vault: fileVault(join(app.getPath('userData'), VAULT_FILE), safeStorage),
    legacy: [
      { file: join(app.getPath('userData'), LEGACY_OS_KEY_FILE), protection: safeStorage },
      { file: join(dataDir, LEGACY_PLAIN_KEY_FILE), protection: plainProtection },
    ],
  };
  // The desk's credential on the central server, protected by the OS like the keys.
  const serverCredential = secretFile(join(app.getPath('userData'), SERVER_CREDENTIAL_FILE), safeStorage);
  // The data folder is this desk's for as long as it runs (a second Guichet, a CLI restore are refused).
  let lock: DataLock;
  try {
    lock = lockDataFolder(dataDir);
  } catch (error) {
    dialog.showErrorBox('Guichet ne peut pas démarrer', (error as Error).message);
    app.exit(1);
    return;
  }
  app.on('will-quit', () => lock.release());
  const open = () =>
    createContext({ dataDir, actor: systemActor(), version: app.getVersion(), migrationsFolder, documentKeys, serverCredential });
  try {
    ctx = open();
  } catch (error) {
    // A damaged base: offer the last verified backup (the restore of the « Sauvegardes » screen).
    const failure = explainOpenFailure(dataDir, error);
    const restore =
      failure.offer !== null &&
      dialog.showMessageBoxSync({
        type: 'error',
        title: 'Guichet ne peut pas démarrer',
        message: failure.message,
        buttons: ['Restaurer cette sauvegarde', 'Quitter'],
        defaultId: 1,
        cancelId: 1,
      }) === 0;
    if (!restore || failure.offer === null) {
      if (failure.offer === null) dialog.showErrorBox('Guichet ne peut pas démarrer', failure.message);
      lock.release();
      app.exit(1);
      return;
    }
    try {
      restoreBackup(dataDir, failure.offer.folder, { migrationsFolder });
      ctx = open();
    } catch (again) {
      dialog.showErrorBox('Guichet ne peut pas démarrer', explainOpenFailure(dataDir, again).message);
      lock.release();
      app.exit(1);
      return;
    }
  }
  const context = ctx;
  openDocumentKeys(context, { background: true });
  configureBackups(context, { migrationsFolder });
  const scheduler = startBackupScheduler(context);
  const syncing = startSyncScheduler(context);
  app.on('will-quit', () => {
    scheduler.stop();
    syncing.stop();
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, `${requestingOrigin.replace(/\/$/, '')}/`),
  );

  const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Méthode non autorisée', { status: 405, headers: { ...SECURITY_HEADERS } });
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return new Response('Accès refusé', { status: 403, headers: { ...SECURITY_HEADERS } });
    try {
      const body = new Uint8Array(await readFile(file));
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-store' },
      });
    } catch {
      return new Response('Fichier introuvable', { status: 404, headers: { ...SECURITY_HEADERS } });
    }
  });

  ipcMain.handle(IPC_CHANNEL, async (event, operation: unknown, input: unknown): Promise<DispatchResult> => {
    if (!isTrustedSender(event.senderFrame?.url)) return FORBIDDEN_SENDER;
    return dispatch(context, sessionFor(event.sender), operation, input);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged })),
  );
  createWindow();
}

function createWindow(): void {
  const win = new BrowserWindow({
    title: APP_NAME,
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's PDF viewer, for the in-app document viewer (certificates, recovery sheet): a
      // frame on a blob: URL, no <object>/<embed> (the CSP says object-src 'none').
      plugins: true,
      spellcheck: true,
      // A middle click on a link would open it in a new window (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(APP_INDEX_URL);
}

/** Every web contents (the window and anything it might spawn): no navigation away, no popups. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function fail(error: unknown): void {
  dialog.showErrorBox('Guichet ne peut pas démarrer', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
