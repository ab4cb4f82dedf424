import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, documentKeyFromEnv } from '../../main/context.js';
import { localDocumentKey } from '../../main/store/document-key.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import { startWebHost } from '../../main/web/server.js';

/**
 * Web host for the Playwright specs: a fresh data folder each run, optionally with a small demo
 * data set (the same generator as `npm run cli -- demo`), on a fixed port.
 */
const { values } = parseArgs({
  options: { port: { type: 'string' }, demo: { type: 'boolean', default: false }, today: { type: 'string' } },
});
const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-'));
// --today fixes the store's calendar day, so that a scenario of the 2025-2026 demo year (a refund
// received within its 30 days) plays the same whatever the real date.
const fixedToday = values.today;
// The key comes as `npm run web` gets it: GUICHET_DOCUMENT_KEY if set, else the data folder's key file.
const ctx = createContext({ dataDir, actor: 'agent.e2e', checkOutputs: true, documentKey: localDocumentKey(dataDir, documentKeyFromEnv()), ...(fixedToday ? { today: () => fixedToday } : {}) });
if (values.demo) {
  await loadDemo(ctx, { seed: 11, families: 600 });
  ctx.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('setup.choice', 'demo')").run();
}
const host = await startWebHost({ ctx, port: Number(values.port ?? 5191), rendererDir: join(process.cwd(), 'dist', 'renderer') });
console.log(`e2e: ${host.url} (données : ${dataDir})`);
const stop = () => {
  void host.close().finally(() => {
    ctx.store.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
