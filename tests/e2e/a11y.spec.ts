import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { screenReady, screenRoutes, type ScreenRoute } from './routes.js';
import { openDesk } from './session.js';

/**
 * No axe-core violation on any staff screen (issue 8): every route of the router at the two office
 * sizes (the sidebar shows its icons only at 1024 px), then the main dialogs and forms open.
 */
async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((node) => `${where} : ${v.id} (${v.impact ?? '?'}) sur ${node.target.join(' ')} — ${v.help}`),
  );
}

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page);
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
]) {
  test(`axe finds nothing on any route at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    test.setTimeout(180_000);
    let routes: ScreenRoute[] = [];
    await test.step('demo identifiers', async () => {
      routes = await screenRoutes(page);
    });
    await page.setViewportSize(viewport);
    const found: string[] = [];
    for (const route of routes) {
      await page.goto('/#/' + route.hash);
      await screenReady(page);
      found.push(...(await violations(page, '/' + route.pattern)));
    }
    expect(found).toEqual([]);
  });
}

test('axe finds nothing in the main dialogs and forms', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const found: string[] = [];
  await page.goto('/#/familles');
  await page.getByTestId('family-row').first().click();
  await page.waitForURL(/#\/familles\/[^/]+$/);
  const familyId = /#\/familles\/([^/?]+)$/.exec(page.url())![1]!;
  await screenReady(page);

  await test.step('rhythm change', async () => {
    await page.getByTestId('change-rhythm').first().click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog).toBeVisible();
    // A date that does not exist: the field says so, and the message is read too.
    await dialog.getByLabel('À partir du').fill('31/02/2026');
    await dialog.getByLabel('À partir du').press('Tab');
    await expect(dialog).toContainText('le 31/02/2026 n’existe pas');
    found.push(...(await violations(page, 'changement de rythme')));
    await page.keyboard.press('Escape');
  });

  await test.step('family creation', async () => {
    await page.goto('/#/familles/nouvelle');
    await screenReady(page);
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await expect(page.getByTestId('error-summary')).toBeVisible();
    found.push(...(await violations(page, 'création de famille (erreurs)')));
  });

  await test.step('counter payment', async () => {
    await page.goto(`/#/encaissements?famille=${encodeURIComponent(familyId)}`);
    await screenReady(page);
    await page.getByTestId('method-cheque').check();
    found.push(...(await violations(page, 'encaissement au guichet')));
  });

  await test.step('request form', async () => {
    await page.goto(`/#/demandes/nouvelle?famille=${encodeURIComponent(familyId)}`);
    await screenReady(page);
    const form = page.getByTestId('new-request-form');
    for (const type of ['refund', 'rhythm', 'radiation', 'correction']) {
      await form.getByTestId('request-type').selectOption(type);
      found.push(...(await violations(page, `demande (${type})`)));
    }
  });

  await test.step('period dates', async () => {
    await page.goto('/#/facturation');
    await screenReady(page);
    await page.getByTestId('edit-period').first().click();
    await expect(page.locator('dialog[open]')).toBeVisible();
    found.push(...(await violations(page, 'dates d’une période')));
    await page.keyboard.press('Escape');
  });

  expect(found).toEqual([]);
});

test('axe finds nothing on the lock and login screens', async ({ page }) => {
  await page.getByTestId('lock-now').click();
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible();
  const found = await violations(page, 'verrouillage');
  await overlay.getByRole('button', { name: 'Changer d’utilisateur' }).click();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  found.push(...(await violations(page, 'connexion')));
  expect(found).toEqual([]);
});
