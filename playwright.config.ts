import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium through the web host (Electron cannot run here).
 * Hosts: a small demo data set, an empty store for the first-start screen, a demo for requests, a
 * store that locks fast. Every host but the empty one holds the accounts of tests/e2e/accounts.ts.
 * Every demo host has its day (--today): the demo is built around it, not around the machine's date.
 */
/** Ports from GUICHET_E2E_PORT (default 5191) up: two checkouts on one machine can run side by side. */
const BASE_PORT = Number(process.env.GUICHET_E2E_PORT ?? 5191);
/**
 * Demo data on 01/12/2026, the newcomer's day of issue 8: September/October billed, November/
 * December to issue (billing spec). The screens take today from the host's clock, whatever the
 * browser's date.
 */
export const E2E_DEMO_PORT = BASE_PORT;
export const E2E_EMPTY_PORT = BASE_PORT + 1;
/** Demo data on a fixed day (20/03/2026): requests (the administrator holds the health permission). */
export const E2E_REQUESTS_PORT = BASE_PORT + 2;
/** A small store whose sessions lock after 3 s idle: the lock spec. */
export const E2E_LOCK_PORT = BASE_PORT + 3;
/**
 * The sync spec's two desks (tests/e2e/sync-two-desks.spec.ts starts them itself, with the portal
 * server they share: it stops and starts that server).
 */
export const E2E_SYNC_A_PORT = BASE_PORT + 4;
export const E2E_SYNC_B_PORT = BASE_PORT + 5;
/** Each host answers fresh one-time launch URLs on its port + 1000 (tests/e2e/serve.ts). */
const ready = (port: number) => `http://127.0.0.1:${port + 1000}/`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_DEMO_PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `npx tsx tests/e2e/serve.ts --port ${E2E_DEMO_PORT} --demo --today 2026-12-01`,
      url: ready(E2E_DEMO_PORT),
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      command: `npx tsx tests/e2e/serve.ts --port ${E2E_EMPTY_PORT} --no-accounts`,
      url: ready(E2E_EMPTY_PORT),
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      // No GUICHET_DOCUMENT_KEY: certificates are stored with the key the host makes, as `npm run web` does.
      command: `npx tsx tests/e2e/serve.ts --port ${E2E_REQUESTS_PORT} --demo --today 2026-03-20`,
      url: ready(E2E_REQUESTS_PORT),
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      command: `npx tsx tests/e2e/serve.ts --port ${E2E_LOCK_PORT} --idle-ms 3000`,
      url: ready(E2E_LOCK_PORT),
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
  ],
});
