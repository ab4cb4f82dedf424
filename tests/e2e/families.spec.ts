import { expect, test } from '@playwright/test';
import { openDesk } from './session.js';

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page);
});

/** The agent's day on family files, in Chromium through the web host (demo data set). */

test('search « elodie » finds Élodie, opens the file, changes a rhythm that survives a reload', async ({ page }) => {
  await page.goto('/#/familles');
  const search = page.getByLabel('Rechercher une famille');
  await expect(page.getByTestId('family-row').first()).toBeVisible();
  // No central server yet: the strip says so, not a count of sync messages.
  await expect(page.getByTestId('sync-state')).toHaveText('Non relié au serveur');
  await expect(page.getByTestId('status-strip')).not.toContainText('en attente');

  // Keyboard: Ctrl+K from anywhere focuses the search box.
  await page.getByRole('grid', { name: 'Familles' }).click();
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await page.keyboard.type('elodie');
  const rows = page.getByTestId('family-row');
  await expect(page.getByTestId('result-count')).toContainText('trouvée');
  await expect(rows.first()).toContainText('Élodie');

  // Enter opens the selected (first) family.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('family-title')).toContainText('Dossier n°');
  await expect(page.getByTestId('guardian-card').filter({ hasText: 'Élodie' }).first()).toBeVisible();

  const firstChild = page.getByTestId('child-row').first();
  await firstChild.getByTestId('change-rhythm').click();
  const dialog = page.getByTestId('rhythm-dialog');
  await expect(dialog).toBeVisible();
  for (const day of ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi']) {
    const box = dialog.getByLabel(day, { exact: true });
    if (['lundi', 'jeudi'].includes(day)) await box.check();
    else await box.uncheck();
  }
  await dialog.getByRole('button', { name: 'Enregistrer le rythme' }).click();
  // On this host's day (01/12/2026), November/December is billed once the billing spec has run:
  // the date of effect then falls in a billed period and the agent says why.
  const saved = page.getByTestId('toast').filter({ hasText: 'Rythme enregistré.' });
  const reason = dialog.getByLabel('Motif (date dans une période déjà facturée)');
  await expect(saved.or(reason)).toBeVisible();
  if (await reason.isVisible()) {
    await reason.fill('Changement demandé au guichet');
    await dialog.getByRole('button', { name: 'Enregistrer le rythme' }).click();
  }
  await expect(saved).toBeVisible();
  await expect(firstChild.getByTestId('child-rhythm')).toHaveText('lun., jeu.');

  await page.reload();
  await expect(page.getByTestId('child-row').first().getByTestId('child-rhythm')).toHaveText('lun., jeu.');
  await expect(page.getByTestId('rhythm-history').first()).toContainText('lun., jeu.');
  await expect(page.getByTestId('family-history')).toContainText('Rythme : lun., jeu. à partir du');
});

test('Esc clears the search and the list comes back whole', async ({ page }) => {
  await page.goto('/#/familles');
  const count = page.getByTestId('result-count');
  await expect(count).toContainText('familles');
  const all = await count.textContent();
  const search = page.getByLabel('Rechercher une famille');
  await search.fill('zzzzintrouvable');
  await expect(count).toHaveText('Aucune famille trouvée');
  await search.press('Escape');
  await expect(count).toHaveText(all ?? '');
});

test('a new family with a bad e-mail gets a message beside the field, then is created', async ({ page }) => {
  await page.goto('/#/familles/nouvelle');
  const form = page.getByTestId('new-family-form');
  await form.locator('[data-field="familyName"]').fill('Nguyễn-Lefèvre');
  await form.locator('[data-field="address.line1"]').fill('8 rue Saint-Maur');
  await form.locator('[data-field="address.postalCode"]').fill('75011');
  await form.locator('[data-field="address.city"]').fill('Paris');
  await form.locator('[data-field="guardians.0.lastName"]').fill('Nguyễn');
  await form.locator('[data-field="guardians.0.firstName"]').fill('Maëlys');
  await form.locator('[data-field="guardians.0.email"]').fill('maelys@');
  await form.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('Adresse e-mail invalide');
  await expect(form.getByText('Adresse e-mail invalide.').first()).toBeVisible();
  // What was typed is kept.
  await expect(form.locator('[data-field="guardians.0.firstName"]')).toHaveValue('Maëlys');

  await form.locator('[data-field="guardians.0.email"]').fill('maelys.nguyen@example.fr');
  await form.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(page.getByTestId('family-title')).toContainText('NGUYỄN-LEFÈVRE', { ignoreCase: true });

  await page.goto('/#/familles');
  await page.getByLabel('Rechercher une famille').fill('maelys nguyen');
  await expect(page.getByTestId('family-row')).toHaveCount(1);
});

test('a file waiting for validation is validated from its header; a radiated one asks before archiving', async ({ page }) => {
  await page.goto('/#/familles');
  await page.getByTestId('family-scope').selectOption('pending');
  await expect(page.getByTestId('family-row').first()).toBeVisible();
  await page.getByTestId('family-row').first().click();
  await expect(page.getByTestId('family-title')).toContainText('Dossier n°');
  await page.getByTestId('validate-family').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Dossier validé' })).toBeVisible();
  await expect(page.getByTestId('validate-family')).toHaveCount(0);
  await expect(page.getByText('Actif', { exact: true }).first()).toBeVisible();
  // The edit dialog no longer offers a status: it changes only through these actions.
  await page.getByTestId('edit-family').click();
  await expect(page.getByTestId('edit-family-dialog')).toBeVisible();
  await expect(page.getByTestId('edit-family-dialog').getByLabel('Statut')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.goto('/#/familles');
  await page.getByTestId('family-scope').selectOption('radiated');
  await page.getByTestId('family-row').first().click();
  await page.getByTestId('archive-family').click();
  const confirm = page.getByTestId('archive-family-dialog');
  await expect(confirm).toContainText('ne peut plus être modifié');
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('archive-family')).toBeVisible();
});
