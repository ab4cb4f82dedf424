import { expect, test } from '@playwright/test';
import { E2E_EMPTY_PORT } from '../../playwright.config.js';
import { openLaunchUrl } from './session.js';

const EMPTY_HOST = `http://127.0.0.1:${E2E_EMPTY_PORT}`;

test('on an empty store: the administrator’s account first, then demo data or an empty start', async ({ page }) => {
  // Without the launch URL the host only says how to open Guichet.
  await page.goto(`${EMPTY_HOST}/`);
  await expect(page.getByRole('heading', { name: 'Ouvrez Guichet avec le lien affiché au lancement' })).toBeVisible();
  await openLaunchUrl(page, E2E_EMPTY_PORT);
  await expect(page.getByRole('heading', { name: 'Créer le compte administrateur' })).toBeVisible();
  await page.getByLabel('Identifiant').fill('cmartin');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Camille Martin');
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('court');
  await page.getByLabel('Mot de passe, une seconde fois').fill('court');
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
  await expect(page.getByTestId('first-admin-form')).toContainText('12 caractères au moins');
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('la cantine du onzième');
  await page.getByLabel('Mot de passe, une seconde fois').fill('la cantine du onzième');
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
  // Then the recovery code of the certificates is proposed; it can wait.
  await expect(page.getByRole('heading', { name: 'Code de secours des certificats' })).toBeVisible();
  await expect(page.getByTestId('first-create-recovery')).toBeVisible();
  await page.getByTestId('first-recovery-later').click();
  await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Charger les données de démonstration/ })).toBeVisible();
  await page.getByRole('button', { name: 'Commencer avec une base vide' }).click();
  await expect(page.getByTestId('stat-active')).toContainText('0');
  await expect(page.getByTestId('agent-name')).toHaveText('Agent\u00a0: Camille Martin');
  // The choice is remembered.
  await page.reload();
  await expect(page.getByTestId('stat-active')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toHaveCount(0);
});
