import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../../main/context.js';
import { createAccount } from '../../main/services/accounts/index.js';
import { openDocumentKeys } from '../../main/services/keys/index.js';
import { dataFolderKeySource } from '../../main/store/key-vault.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import { SessionRegistry } from '../../main/session/index.js';
import { startWebHost } from '../../main/web/server.js';
import { controlPort, E2E_ACCUEIL, E2E_ADMIN, E2E_DESK_B, E2E_REGIE } from './accounts.js';

/**
 * Web host for the Playwright specs: a fresh data folder each run, optionally with a small demo
 * data set (the same generator as `npm run cli -- demo`), on a fixed port. Unless --no-accounts
 * (the first-start spec), it holds the accounts of tests/e2e/accounts.ts. Specs get one-time launch
 * URLs from a control port (the host's + 1000, loopback only): `GET /` answers a fresh one.
 * The sync spec starts its own: a demo of a few families (--families), and a second desk with only
 * its administrator (--desk-b).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    demo: { type: 'boolean', default: false },
    today: { type: 'string' },
    'no-accounts': { type: 'boolean', default: false },
    /** A short idle lock (milliseconds) for the lock spec. */
    'idle-ms': { type: 'string' },
    families: { type: 'string', default: '600' },
    'desk-b': { type: 'boolean', default: false },
  },
});
const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-'));
// --today fixes the store's calendar day, so that a scenario of the 2025-2026 demo year (a refund
// received within its 30 days) plays the same whatever the real date.
const fixedToday = values.today;
// The keys are kept as `npm run web` keeps them: the data folder's vault.
const ctx = createContext({ dataDir, actor: 'agent.e2e', checkOutputs: true, documentKeys: dataFolderKeySource(dataDir), ...(fixedToday ? { today: () => fixedToday } : {}) });
// As every entry point does once its context is made: the base's first key, a re-encryption resumed.
openDocumentKeys(ctx, { background: true });
if (values.demo) {
  await loadDemo(ctx, { seed: 11, families: Number(values.families) });
  ctx.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('setup.choice', 'demo')").run();
}
if (!values['no-accounts']) {
  for (const account of values['desk-b'] ? [E2E_DESK_B] : [E2E_ADMIN, E2E_ACCUEIL, E2E_REGIE]) await createAccount(ctx, account);
  if (!values.demo) ctx.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('setup.choice', 'empty')").run();
}
const port = Number(values.port ?? 5191);
const sessions = new SessionRegistry(values['idle-ms'] ? { idleLockMs: Number(values['idle-ms']) } : {});
const host = await startWebHost({ ctx, port, rendererDir: join(process.cwd(), 'dist', 'renderer'), sessions });
const control = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(host.launchUrl());
});
control.listen(controlPort(port), '127.0.0.1');
console.log(`e2e: ${host.url} (données : ${dataDir})`);
const stop = () => {
  control.close();
  void host.close().finally(() => {
    ctx.store.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
