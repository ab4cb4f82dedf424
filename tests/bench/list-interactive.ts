import { chromium } from '@playwright/test';
import { join } from 'node:path';
import type { AppContext } from '../../main/context.js';
import { startWebHost } from '../../main/web/server.js';
import { round } from './stats.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * From the web host's start to the family list shown in Chromium (first rows painted) with the
 * full data set. The browser is launched before the clock starts: a desktop has its window
 * process ready as part of the app, and Chromium's own launch is not ours to measure.
 * Baseline: the same browser loading a static page with one row, same run.
 */
export async function benchListInteractive(ctx: AppContext): Promise<Record<string, number>> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const baselineStart = performance.now();
    await page.setContent('<div role="grid"><div data-testid="family-row">Famille</div></div>');
    await page.getByTestId('family-row').first().waitFor({ state: 'visible' });
    const baseline = performance.now() - baselineStart;

    const start = performance.now();
    const host = await startWebHost({ ctx, port: 0, rendererDir: join(process.cwd(), 'dist', 'renderer') });
    try {
      await page.goto(`${host.url}#/familles`);
      await page.getByTestId('family-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      const elapsed = performance.now() - start;
      return { list_interactive_ms: round(elapsed, 1), list_interactive_baseline_ms: round(baseline, 1) };
    } finally {
      await host.close();
    }
  } finally {
    await browser.close();
  }
}
