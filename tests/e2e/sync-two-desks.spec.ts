import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { E2E_SYNC_A_PORT, E2E_SYNC_B_PORT } from '../../playwright.config.js';
import { enrolDesk } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { migratePortalStore, openPortalStore, type PortalStore } from '../../portal/store/open.js';
import { controlPort, E2E_ADMIN, E2E_DESK_B } from './accounts.js';
import { openDesk } from './session.js';

/**
 * Two desks and one central server, end to end (issue 10, « Proven convergence »): a portal server
 * in this process (PGlite in a temporary folder, stopped and started again by the spec), desk A
 * with a small demo, desk B new (its administrator only), each in its own web host and data folder,
 * both linked through « Paramètres › Serveur ». Screenshots of the status strip's states at
 * 1366×768 go to test-results/sync-two-desks/.
 */
// Room for a loaded machine (each step waits for real syncs over HTTP); about 50 s on a quiet one.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SHOTS = join(process.cwd(), 'test-results', 'sync-two-desks');
const portalDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-portal-'));
let store: PortalStore;
let portal: FastifyInstance | null = null;
let portalPort = 0;
const hosts: ChildProcess[] = [];
let a: Page;
let b: Page;

/**
 * The first sync of B is held after its first page (until `releasePull`), so that its progress is
 * seen; pages are cut at 1,000 messages here so that a small demo makes several.
 */
let holdPull: Promise<void> | null = null;
let releasePull: () => void = () => {};

async function startPortal(): Promise<string> {
  const app = buildPortal({ store, now: () => new Date(), logLevel: false });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/sync/pull')) return;
    const query = request.query as Record<string, string>;
    query.limit = '1000';
    if (holdPull && Number(query.after) > 0) await holdPull;
  });
  await app.listen({ port: portalPort, host: '127.0.0.1' });
  portalPort = (app.server.address() as { port: number }).port;
  portal = app;
  return `http://127.0.0.1:${portalPort}`;
}

async function stopPortal(): Promise<void> {
  await portal?.close();
  portal = null;
}

function startHost(port: number, args: string[]): ChildProcess {
  // Node itself (not npx): the process stopped at the end is the host, not a wrapper that leaves it running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/serve.ts', '--port', String(port), '--today', '2026-12-01', ...args], { stdio: 'ignore' });
  hosts.push(child);
  return child;
}

async function hostReady(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${controlPort(port)}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`hôte e2e ${port} : pas prêt`);
}

async function deskPage(browser: Browser, port: number, account: typeof E2E_ADMIN): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openDesk(page, { port, account });
  return page;
}

/** « Paramètres › Serveur »: the server's address and the one-time code from `portal:cli desk enrol`. */
async function linkDesk(page: Page, url: string, name: string): Promise<void> {
  const { code } = await enrolDesk(store, { name, by: 'e2e', now: new Date() });
  await page.goto('/#/parametres/serveur');
  await page.getByLabel('Adresse du serveur').fill(url);
  await page.getByLabel('Code d’enrôlement').fill(code);
  await page.getByTestId('server-connect').click();
  await expect(page.getByTestId('toast').filter({ hasText: `Poste relié au serveur sous le nom «\u00a0${name}\u00a0»` })).toBeVisible({ timeout: 20_000 });
}

const strip = (page: Page) => page.getByTestId('sync-state');
const shot = (page: Page, name: string) => page.getByTestId('status-strip').screenshot({ path: join(SHOTS, `${name}.png`) });

async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).toBeEnabled({ timeout: 20_000 });
}

test.beforeAll(async ({ browser }) => {
  // Two hosts to start (a demo to generate): as long as the config's own hosts may take.
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  startHost(E2E_SYNC_A_PORT, ['--demo', '--families', '30']);
  startHost(E2E_SYNC_B_PORT, ['--desk-b']);
  store = await openPortalStore({ dataDir: portalDir });
  await migratePortalStore(store);
  await Promise.all([hostReady(E2E_SYNC_A_PORT), hostReady(E2E_SYNC_B_PORT)]);
  a = await deskPage(browser, E2E_SYNC_A_PORT, E2E_ADMIN);
  b = await deskPage(browser, E2E_SYNC_B_PORT, E2E_DESK_B);
});

test.afterAll(async () => {
  releasePull();
  await Promise.all(hosts.map((host) => new Promise((resolve) => (host.exitCode === null ? host.once('exit', resolve).kill('SIGTERM') : resolve(null)))));
  await stopPortal();
  await store?.close();
  rmSync(portalDir, { recursive: true, force: true });
});

test('both desks link to the server; the new desk’s first sync shows its progress, then the whole demo', async () => {
  const url = await startPortal();
  await linkDesk(a, url, 'Accueil A');
  await expect(strip(a)).toHaveText(/^Synchronisé à \d{2}\u00a0h\u00a0\d{2}$/, { timeout: 20_000 });
  await shot(a, 'synced');

  holdPull = new Promise((resolve) => (releasePull = resolve));
  await linkDesk(b, url, 'Instruction B');
  // (Accessible names come with their spaces made plain.)
  const bar = b.getByTestId('status-strip').getByRole('progressbar', { name: /^Première synchronisation : \d{1,2} %$/ });
  await expect(bar).toBeVisible();
  await expect(strip(b)).toHaveText(/^Première synchronisation\u00a0: \d{1,2}\u00a0%$/);
  await shot(b, 'progress');
  releasePull();
  holdPull = null;
  await expect(strip(b)).toHaveText(/^Synchronisé à /, { timeout: 20_000 });
  await expect(bar).toHaveCount(0);

  // B holds A's families now.
  await a.goto('/#/familles');
  await expect(a.getByTestId('result-count')).toContainText('familles');
  const count = (await a.getByTestId('result-count').textContent()) ?? '';
  await b.goto('/#/familles');
  await expect(b.getByTestId('result-count')).toHaveText(count);
});

test('a family created on A while the server is stopped reaches B once it is back and both sync', async () => {
  await stopPortal();
  await a.goto('/#/familles/nouvelle');
  const form = a.getByTestId('new-family-form');
  await form.locator('[data-field="familyName"]').fill('Hors-Ligne');
  await form.locator('[data-field="address.line1"]').fill('3 passage Saint-Ambroise');
  await form.locator('[data-field="address.postalCode"]').fill('75011');
  await form.locator('[data-field="address.city"]').fill('Paris');
  await form.locator('[data-field="guardians.0.lastName"]').fill('Hors-Ligne');
  await form.locator('[data-field="guardians.0.firstName"]').fill('Anaïs');
  await form.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(a.getByTestId('family-title')).toContainText('HORS-LIGNE', { ignoreCase: true });
  // The change waits: said at once, then, the server unreachable, « hors connexion ».
  await expect(strip(a)).toHaveText(/^Synchronisé à .* · \d+ modifications en attente$/);
  await shot(a, 'pending');
  await syncNow(a);
  // (The reason follows, for screen readers: « — Serveur injoignable (…) ».)
  await expect(strip(a)).toHaveText(/^Hors connexion · \d+ modifications en attente — Serveur injoignable/);
  await shot(a, 'offline');

  await startPortal();
  await syncNow(a);
  await expect(strip(a)).toHaveText(/^Synchronisé à \d{2}\u00a0h\u00a0\d{2}$/);
  await syncNow(b);
  await b.goto('/#/familles');
  await b.getByLabel('Rechercher une famille').fill('Anaïs Hors-Ligne');
  await expect(b.getByTestId('family-row')).toHaveCount(1);
});

test('the same family edited on both while offline ends with each field’s latest value on both', async () => {
  await b.getByTestId('family-row').click();
  await expect(b.getByTestId('family-title')).toContainText('HORS-LIGNE', { ignoreCase: true });
  await a.reload();
  await stopPortal();

  // A first: another address and a note; then B: another name and its own note.
  await editFamily(a, { 'address.line1': '10 rue Oberkampf', notes: 'Note du poste A' });
  await editFamily(b, { familyName: 'Hors-Ligne-Durand', notes: 'Note du poste B' });

  await startPortal();
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
  for (const page of [a, b]) {
    await page.reload();
    await expect(page.getByTestId('family-title')).toContainText('HORS-LIGNE-DURAND', { ignoreCase: true });
    await expect(page.getByTestId('family-address')).toContainText('10 rue Oberkampf');
    await expect(page.locator('.family-summary__notes')).toContainText('Note du poste B');
  }
});

async function editFamily(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByTestId('edit-family').click();
  const dialog = page.getByTestId('edit-family-dialog');
  for (const [field, value] of Object.entries(fields)) await dialog.locator(`[data-field="${field}"]`).fill(value);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Dossier enregistré.' }).first()).toBeVisible();
}

test('a billing run on A numbers invoices that B sees', async () => {
  await a.goto('/#/facturation');
  await a.getByTestId('period-row').filter({ hasText: 'Novembre / Décembre 2026' }).click();
  await a.getByTestId('issue-button').click();
  await expect(a.getByTestId('issue-text')).toBeVisible();
  await a.keyboard.press('Enter');
  const range = a.getByTestId('issue-range');
  await expect(range).toContainText(/F2026-\d{6}/);
  const first = /F2026-\d{6}/.exec((await range.textContent()) ?? '')![0];
  await syncNow(a);
  await syncNow(b);
  await expect(strip(b)).toHaveText(/^Synchronisé à \d{2}\u00a0h\u00a0\d{2}$/);
  await shot(b, 'synced-after-billing');

  await b.goto('/#/facturation');
  await b.getByTestId('period-row').filter({ hasText: 'Novembre / Décembre 2026' }).click();
  await b.getByTestId('invoice-search').fill(first);
  await expect(b.getByTestId('invoice-row')).toHaveCount(1);
  await expect(b.getByTestId('invoice-row')).toContainText(first);
});
