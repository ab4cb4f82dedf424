import { expect, test, type Page } from '@playwright/test';
import { screenReady, screenRoutes, type ScreenRoute } from './routes.js';
import { openDesk } from './session.js';

/**
 * Screens that fit an office screen (issue 8): at 1366×768 and at 1024×640, on every route of the
 * router, the page does not scroll sideways and no action, field or column heading is cut off by
 * the window or by a box around it (a table that scrolls sideways hides its last column).
 */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
] as const;

/** What is cut off on the screen shown, in words a failing test can print. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`la page défile en largeur (${root.scrollWidth} > ${root.clientWidth})`);
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) {
      problems.push(`le contenu défile en largeur (${main.scrollWidth} > ${main.clientWidth})`);
    }
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()} « ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)} »`;
    const targets = document.querySelectorAll('a[href], button, input, select, textarea, th, [role="columnheader"], [role="tab"]');
    for (const el of targets) {
      if (el.closest('.visually-hidden, .skip-link')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5) {
        problems.push(`${describe(el)} sort de la fenêtre (${Math.round(box.left)}–${Math.round(box.right)})`);
        continue;
      }
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX === 'visible') continue;
        const frame = up.getBoundingClientRect();
        if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) {
          problems.push(`${describe(el)} est coupé par ${up.tagName.toLowerCase()}.${[...up.classList].join('.')}`);
          break;
        }
      }
    }
    return problems;
  });
}

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page);
});

for (const viewport of VIEWPORTS) {
  test(`every screen fits ${viewport.width}×${viewport.height}`, async ({ page }) => {
    test.setTimeout(120_000);
    let routes: ScreenRoute[] = [];
    await test.step('demo identifiers', async () => {
      routes = await screenRoutes(page);
    });
    await page.setViewportSize(viewport);
    const report: string[] = [];
    for (const route of routes) {
      await page.goto('/#/' + route.hash);
      await screenReady(page);
      for (const problem of await clipped(page)) report.push(`/${route.pattern} : ${problem}`);
    }
    expect(report).toEqual([]);
  });
}

test('the sidebar keeps its names when it shows icons only', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto('/#/facturation');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  for (const name of ['Accueil', 'Familles', 'Demandes', 'Facturation', 'Encaissements', 'Impayés', 'Calendrier', 'Tarifs']) {
    const link = nav.getByRole('link', { name: new RegExp('^' + name) });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('title', name);
  }
  // Icons only: the sidebar leaves the screen to the work.
  const width = await page.locator('.sidebar').evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeLessThan(100);
});
