import { expect, test } from '@playwright/test';
import { E2E_EMPTY_PORT } from '../../playwright.config.js';

const EMPTY_HOST = `http://127.0.0.1:${E2E_EMPTY_PORT}`;

test('on an empty store the app offers demo data or an empty start', async ({ page }) => {
  await page.goto(`${EMPTY_HOST}/`);
  await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Charger les données de démonstration/ })).toBeVisible();
  await page.getByRole('button', { name: 'Commencer avec une base vide' }).click();
  await expect(page.getByTestId('stat-active')).toContainText('0');
  // The choice is remembered.
  await page.reload();
  await expect(page.getByTestId('stat-active')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toHaveCount(0);
});
