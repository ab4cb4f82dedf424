import { expect, test } from '@playwright/test';
import { E2E_LOCK_PORT } from '../../playwright.config.js';
import { E2E_ACCUEIL, E2E_ADMIN } from './accounts.js';
import { logIn, openDesk, openLaunchUrl } from './session.js';

/** Staff accounts at the desk (issue 9): login, lock, change of user, what a role hides. */

test('the login screen opens the desk; a wrong password says so, without telling which part is wrong', async ({ page }) => {
  await openLaunchUrl(page);
  await page.getByLabel('Identifiant').fill(E2E_ADMIN.login);
  await page.getByLabel('Mot de passe').fill('ce n’est pas le bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('login-form')).toContainText('Identifiant ou mot de passe incorrect.');
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  await logIn(page, E2E_ADMIN);
  await expect(page.getByTestId('nav-agents')).toBeVisible();
  // A reload keeps the session (the cookie): no second login.
  await page.reload();
  await expect(page.getByTestId('agent-name')).toHaveText(`Agent\u00a0: ${E2E_ADMIN.displayName}`);
});

test('idle, the desk locks over the current screen and keeps the draft typed there', async ({ page }) => {
  // This host locks after 3 s without an operation.
  await openDesk(page, { port: E2E_LOCK_PORT });
  await page.goto(`http://127.0.0.1:${E2E_LOCK_PORT}/#/familles/nouvelle`);
  const name = page.getByLabel('Nom de famille');
  await name.fill('Brouillon-Gardé');
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible({ timeout: 15_000 });
  await expect(overlay).toContainText('Session verrouillée');
  const url = page.url();
  await overlay.getByLabel('Mot de passe').fill('pas le bon mot');
  await overlay.getByRole('button', { name: 'Déverrouiller' }).click();
  await expect(overlay).toContainText('Mot de passe incorrect.');
  await overlay.getByLabel('Mot de passe').fill(E2E_ADMIN.password);
  await overlay.getByRole('button', { name: 'Déverrouiller' }).click();
  await expect(overlay).toBeHidden();
  expect(page.url()).toBe(url);
  await expect(name).toHaveValue('Brouillon-Gardé');
});

test('« Verrouiller », then « Changer d’utilisateur »: an accueil-only agent sees no billing actions', async ({ page }) => {
  await openDesk(page);
  await page.getByTestId('lock-now').click();
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible();
  await overlay.getByRole('button', { name: 'Changer d’utilisateur' }).click();
  await logIn(page, E2E_ACCUEIL);

  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Nouvelle famille' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Encaissements' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Agents' })).toHaveCount(0);

  await page.goto('/#/facturation');
  await expect(page.getByTestId('period-row').first()).toBeVisible();
  await expect(page.getByTestId('edit-period')).toHaveCount(0);
  // A period still to bill: readable, but neither its dates nor its run are offered.
  const toBill = page.getByTestId('period-row').filter({ hasText: 'Novembre' }).first();
  await toBill.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('issue-button')).toHaveCount(0);

  await page.goto('/#/impayes');
  await expect(page.getByRole('heading', { name: 'Impayés' })).toBeVisible();
  await expect(page.getByTestId('treasury-export')).toHaveCount(0);
});
