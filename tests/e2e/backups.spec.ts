import { expect, test } from '@playwright/test';
import { openDesk } from './session.js';

test('backs up now, changes the schedule, and restores a backup after a confirmation that compares the data', async ({ page }) => {
  await openDesk(page);
  await page.getByTestId('nav-backups').click();
  await expect(page.getByRole('heading', { name: 'Sauvegardes', exact: true })).toBeVisible();
  await expect(page.getByTestId('backup-schedule')).toContainText('Chaque jour à 12:30');
  await expect(page.getByTestId('backup-destination')).toContainText('sauvegardes');

  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sauvegarde faite et vérifiée' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('backup-last')).toContainText('Vérifiée');
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-row')).toContainText('600');

  // The schedule: a wrong time is refused beside its field, a good one is saved.
  await page.getByTestId('backup-settings').click();
  const settings = page.getByTestId('backup-settings-dialog');
  await settings.getByLabel('Heure').fill('25:00');
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(settings).toContainText('Heure\u00a0: une heure de la journée');
  await settings.getByLabel('Heure').fill('18:30');
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(settings).toHaveCount(0);
  await expect(page.getByTestId('backup-schedule')).toContainText('Chaque jour à 18:30');

  // Restore: the confirmation says what is replaced (data in service vs the backup) and that a copy is kept.
  await page.getByTestId('restore-backup').click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog).toContainText('remplacées');
  const comparison = dialog.getByTestId('restore-comparison');
  await expect(comparison.getByRole('row', { name: /Familles/ })).toContainText('600');
  for (const label of ['Factures', 'Paiements', 'Documents']) await expect(comparison).toContainText(label);
  await expect(dialog).toContainText('Une copie de la base en service');
  await dialog.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  await expect(dialog.getByTestId('error-summary')).toHaveCount(0);
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });

  // The desk starts again on the restored base.
  await expect(page.getByRole('heading', { name: 'Accueil' }).or(page.locator('main h1')).first()).toBeVisible({ timeout: 30_000 });
  await page.goto('/#/parametres/sauvegardes');
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  // The settings came back with the base: the backup was made before they changed.
  await expect(page.getByTestId('backup-schedule')).toContainText('Chaque jour à 12:30');
});
