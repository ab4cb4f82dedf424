import { parseArgs } from 'node:util';
import { portalSettings, storeOptions } from './config.js';
import { buildPortal } from './server.js';
import { migratePortalStore, openPortalStore } from './store/open.js';

/**
 * `npm run portal -- [--data DIR] [--port N] [--host H]`: the central server. Migrates its store,
 * listens, logs JSON lines (pino), and on SIGINT/SIGTERM finishes the requests in flight first.
 */
const USAGE = `Utilisation : npm run portal -- [--data DOSSIER] [--port N] [--host ADRESSE]
  --data DOSSIER   base PGlite du serveur (sinon GUICHET_PORTAL_DATA, sinon ~/.guichet-portail) ;
                   DATABASE_URL=postgres://… utilise un serveur PostgreSQL à la place
  --port N         port d’écoute (défaut 5180 ; 0 = un port libre)
  --host ADRESSE   adresse d’écoute (défaut 127.0.0.1)`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 5180 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Port invalide\u00a0: «\u00a0${values.port}\u00a0». Donnez un nombre de 0 à 65535.\n${USAGE}`);
    return 2;
  }
  const where = storeOptions(values, process.env);
  const store = await openPortalStore(where);
  await migratePortalStore(store);
  const app = buildPortal({ store, now: () => new Date(), logLevel: process.env.LOG_LEVEL ?? 'info', settings: portalSettings({ ...values, port }, process.env) });
  const logger = app.log;
  const address = await app.listen({ port, host: values.host ?? '127.0.0.1' });
  logger.info({ address, store: where.description }, 'serveur Guichet prêt');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'arrêt demandé : fin des requêtes en cours');
    void app
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'arrêt en échec');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`Le serveur n’a pas pu démarrer\u00a0: ${(error as Error).message}`);
    process.exit(1);
  },
);
