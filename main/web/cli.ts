import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import open from 'open';
import { createContext, type AppContext } from '../context.js';
import { startBackupScheduler } from '../services/backups/index.js';
import { startSyncScheduler } from '../services/sync/index.js';
import { lockDataFolder, type DataLock } from '../store/data-lock.js';
import { dataFolderKeySource } from '../store/key-vault.js';
import { openDocumentKeys } from '../services/keys/index.js';
import { explainOpenFailure } from '../store/open-failure.js';
import { resolveDataDir, systemActor } from '../paths.js';
import { startWebHost, type WebHost } from './server.js';

/**
 * `npm run web [-- --data DIR --port N]`: the staff screens in a browser, served on the loopback
 * by the same services and contract as the desktop. Messages are French: agents read them.
 */
const DEFAULT_PORT = 5178;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');

const USAGE = `Utilisation : npm run web -- [--data DOSSIER] [--port N] [--sans-navigateur]
  --data DOSSIER      dossier des données (sinon GUICHET_DATA, sinon le dossier utilisateur de Guichet)
  --port N            port d’écoute sur 127.0.0.1 (défaut ${DEFAULT_PORT} ; 0 = un port libre)
  --sans-navigateur   affiche le lien d’ouverture sans ouvrir le navigateur`;

function parsePort(argv: readonly string[]): number {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    let value: string | undefined;
    if (arg === '--port') value = argv[++i];
    else if (arg.startsWith('--port=')) value = arg.slice('--port='.length);
    else continue;
    if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      throw new Error(`Port invalide\u00a0: «\u00a0${value ?? ''}\u00a0». Donnez un nombre de 0 à 65535 (0 = un port libre).`);
    }
    port = Number(value);
  }
  return port;
}

function readVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let port: number;
  let dataDir: string;
  try {
    port = parsePort(argv);
    dataDir = resolveDataDir(argv, process.env);
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return 2;
  }

  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.error(
      `Les écrans de Guichet ne sont pas construits (${RENDERER_DIR} est absent).\n` +
        'Lancez d’abord «\u00a0npm run build:renderer\u00a0» (ou directement «\u00a0npm run web\u00a0», qui le fait).',
    );
    return 1;
  }

  let lock: DataLock;
  try {
    lock = lockDataFolder(dataDir);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }

  let ctx: AppContext;
  try {
    const version = readVersion();
    ctx = createContext({ dataDir, actor: systemActor(), documentKeys: dataFolderKeySource(dataDir), ...(version ? { version } : {}) });
  } catch (error) {
    lock.release();
    console.error(explainOpenFailure(dataDir, error).message);
    return 1;
  }
  if (ctx.restoreNotice) console.warn(ctx.restoreNotice);
  openDocumentKeys(ctx, { background: true });

  let host: WebHost;
  try {
    host = await startWebHost({ ctx, port, host: '127.0.0.1', rendererDir: RENDERER_DIR });
  } catch (error) {
    ctx.store.close();
    lock.release();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`Le port ${port} est déjà utilisé : choisissez-en un autre avec --port N (0 = un port libre).`);
    } else {
      console.error('Le serveur web de Guichet n’a pas pu démarrer :', (error as Error).message);
    }
    return 1;
  }

  const scheduler = startBackupScheduler(ctx);
  const syncing = startSyncScheduler(ctx);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nArrêt de Guichet (${signal})…`);
    host
      .close()
      .catch((error: unknown) => console.error('Arrêt du serveur web :', error))
      .finally(() => {
        scheduler.stop();
        syncing.stop();
        ctx.store.close();
        lock.release();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // The launch URL works once: it gives this browser its session cookie (no page holds a secret).
  const launch = host.launchUrl();
  console.log(`Données : ${dataDir}`);
  console.log(`Guichet est prêt. Lien d’ouverture (il ne sert qu’une fois) :\n  ${launch}`);
  console.log('Ctrl+C pour arrêter.');
  if (!argv.includes('--sans-navigateur')) {
    open(launch).catch(() => console.log('Le navigateur ne s’est pas ouvert : copiez le lien ci-dessus dans votre navigateur.'));
  }
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Erreur inattendue :', error);
    process.exitCode = 1;
  },
);
