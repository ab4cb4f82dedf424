import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../../main/context.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import { benchBilling } from './billing.js';
import { benchListInteractive } from './list-interactive.js';
import { benchPdf } from './pdf.js';
import { periodInvoiceDocuments } from '../../main/services/print/sources.js';
import { listPeriods } from '../../main/services/billing/periods.js';
import { benchSearch } from './search.js';
import { benchFirstFull, benchSync } from './sync.js';
import { round } from './stats.js';

/**
 * `npm run bench [-- --json]`: the performance budget of DESIGN.md measured on the full demo set,
 * each figure beside a baseline measured in the same run. Prints one JSON object with --json.
 * The renderer must be built (`npm run build:renderer`) for list_interactive_ms.
 */
const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, families: { type: 'string' } },
});
const families = Number(values.families ?? 9000);
const log = (text: string) => {
  if (!values.json) console.error(text);
};

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
// A fixed day (the demo is built around it): 01/12/2026, November/December 2026 ready to be issued.
const BENCH_DAY = '2026-12-01';
const BENCH_PERIOD = 'Novembre / Décembre 2026';
const ctx = createContext({ dataDir, actor: 'bench', today: () => BENCH_DAY });
const results: Record<string, number | string> = { families };
try {
  const start = performance.now();
  const loaded = await loadDemo(ctx, { seed: 11, families });
  results.demo_load_ms = round(performance.now() - start, 1);
  results.children = loaded.children;
  log(`données de démonstration : ${loaded.families} familles en ${results.demo_load_ms} ms`);

  Object.assign(results, benchSearch(ctx));
  log(`recherche : p95 ${results.search_p95_ms} ms (référence FTS5 nue ${results.search_baseline_p95_ms} ms)`);

  Object.assign(results, benchBilling(ctx, BENCH_PERIOD));
  log(`facturation : ${results.billing_run_ms} ms (référence insertions brutes ${results.billing_baseline_ms} ms)`);

  // The PDFs of the period just issued, on both cores (DESIGN: a whole period in under 60 s).
  const issued = listPeriods(ctx).find((p) => p.label === BENCH_PERIOD);
  if (issued) {
    Object.assign(results, await benchPdf(0, { docs: periodInvoiceDocuments(ctx, issued.id), log }));
    log(`PDF : ${results.pdf_ms_per_invoice} ms par facture (référence pdf-lib nue ${results.pdf_baseline_ms_per_invoice} ms)`);
  }

  // Sync through the real server: PGlite, and PostgreSQL (the machine's, or DATABASE_URL).
  Object.assign(results, await benchSync(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'));
  log(`synchronisation : envoi ${results.sync_push_10k_ms_pglite} ms, réception ${results.sync_pull_10k_ms_pglite} ms (PGlite ; référence ${results.sync_baseline_10k_ms_pglite} ms, plancher du serveur ${results.sync_store_10k_ms_pglite} ms)`);

  // A new desk's first sync: the whole demo set pulled from a server that holds it.
  Object.assign(results, await benchFirstFull(ctx, process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'));
  log(`première synchronisation : ${results.sync_first_full_messages} messages en ${results.sync_first_full_ms} ms (référence ${results.sync_first_full_baseline_ms} ms)`);

  if (existsSync(join(process.cwd(), 'dist', 'renderer', 'index.html'))) {
    Object.assign(results, await benchListInteractive(ctx));
    log(`liste affichée : ${results.list_interactive_ms} ms après le démarrage de l’hôte`);
  } else {
    results.list_interactive_ms = 'interface non construite : lancez npm run build:renderer';
  }
} finally {
  ctx.store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(results, null, values.json ? 0 : 2));
