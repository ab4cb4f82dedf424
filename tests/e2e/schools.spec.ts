import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openDesk } from './session.js';

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page);
});

test('creates a school from the register and finds it in the list, then closes it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('nav-schools').click();
  await expect(page.getByRole('heading', { name: 'Établissements' })).toBeVisible();
  await expect(page.getByTestId('school-row').first()).toBeVisible();

  await page.getByTestId('new-school').click();
  const dialog = page.getByTestId('school-dialog');
  // The first field has the focus; a bad code is refused with the field named.
  await expect(dialog.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('0759901A');
  await dialog.getByLabel('Nom').fill('École élémentaire Voltaire-Test');
  await dialog.getByLabel('Type').selectOption('elementaire');
  await dialog.getByLabel('Adresse').fill('101 avenue de la République, 75011 Paris');
  await dialog.getByLabel('Directeur ou directrice').fill('Mme Benali');
  await dialog.getByLabel('mercredi').uncheck();
  await dialog.getByLabel('Nom').press('Enter');
  await expect(dialog.getByTestId('error-summary')).toContainText('Code\u00a0: la lettre clé de l’UAI ne correspond pas à ses chiffres (0759901 demande la lettre E).');

  await dialog.getByLabel('Code').fill('0759901E');
  await dialog.getByRole('button', { name: 'Créer l’établissement' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('toast').filter({ hasText: 'Établissement créé' })).toBeVisible();

  await page.getByTestId('schools-filter').fill('voltaire test');
  const row = page.getByTestId('school-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('0759901E');
  await expect(row).toContainText('École élémentaire Voltaire-Test');
  await expect(row).toContainText('Élémentaire · 101 avenue de la République, 75011 Paris');
  await expect(row).toContainText('Mme Benali');
  await expect(row).toContainText('lun., mar., jeu., ven.');
  await expect(row).toContainText('Ouverte');

  // Closing asks for the day and a confirmation.
  await row.getByTestId('close-school').click();
  const closing = page.getByTestId('close-school-dialog');
  await closing.getByLabel('Date de fermeture').fill('2026-03-20');
  await closing.getByRole('button', { name: 'Fermer l’établissement' }).click();
  await expect(closing).toHaveCount(0);
  await expect(row).toContainText('Fermée le 20/03/2026');
  await expect(row.getByTestId('reopen-school')).toBeVisible();
});

test('imports the directory after its dry run: schools of the 11e only, existing ones recognised by name', async ({ page }) => {
  await page.goto('/#/etablissements');
  await page.getByTestId('import-directory').click();
  const dialog = page.getByTestId('directory-dialog');
  await dialog.getByTestId('directory-file').setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'annuaire-education-extrait.csv'));
  await expect(dialog.getByTestId('directory-report')).toBeVisible();
  await expect(dialog.getByTestId('directory-outside')).toHaveText('3');
  await expect(dialog.getByTestId('directory-ignored')).toHaveText('5');
  // The demo's Keller and Parmentier schools are recognised by their names and take their UAI.
  await expect(dialog.getByTestId('directory-update-table')).toContainText('M-KELL');
  await expect(dialog.getByTestId('directory-create-table')).toContainText('École primaire Froment');

  // Private schools under contract come in only on request; the file is checked again.
  await dialog.getByTestId('directory-private').check();
  await expect(dialog.getByTestId('directory-create-table')).toContainText('Sainte-Marguerite');
  await dialog.getByTestId('directory-private').uncheck();
  await expect(dialog.getByTestId('directory-create-table')).not.toContainText('Sainte-Marguerite');

  await dialog.getByTestId('directory-submit').click();
  await expect(dialog.getByTestId('directory-success')).toBeVisible();
  await dialog.locator('.dialog__footer').getByRole('button', { name: 'Fermer' }).click();
  await page.getByTestId('schools-filter').fill('keller');
  await expect(page.getByTestId('school-row')).toHaveCount(2);
  await expect(page.getByTestId('school-row').first()).toContainText('0752391S');
});
