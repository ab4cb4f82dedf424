import { expect, test } from '@playwright/test';
import { openDesk } from './session.js';

/**
 * Issue 9, « Clé des documents », as the administrator of the demo host: the reminder, the
 * recovery code shown once with its sheet in the in-app viewer (never a download), its renewal,
 * and a key change followed to its end.
 */
test('the administrator creates the recovery code, sees it once, opens its sheet in the viewer, renews it, and changes the key', async ({ page }) => {
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDesk(page);

  // No recovery code yet: a discreet reminder above the screens leads to the keys screen.
  const reminder = page.getByTestId('keys-recovery-reminder');
  await expect(reminder).toContainText('Aucun code de secours pour les certificats médicaux.');
  await reminder.getByRole('link', { name: 'Le créer' }).click();
  await expect(page.getByRole('heading', { name: 'Clé des documents', exact: true })).toBeVisible();
  await expect(page.getByTestId('nav-document-keys')).toHaveClass(/active/);
  await expect(page.getByTestId('keys-state-badge')).toHaveText('Prête');
  await expect(page.getByTestId('keys-recovery-state')).toContainText('Aucun code de secours');
  const keyRows = page.getByTestId('key-row');
  await expect(keyRows).toHaveCount(1);
  await expect(keyRows.first()).toContainText('Actuelle');
  await expect(keyRows.first()).toContainText('Oui');
  await page.screenshot({ path: test.info().outputPath('cle-des-documents.png') });

  // Made once, shown once: the dialog does not close before « J’ai imprimé ou noté le code ».
  await page.getByTestId('create-recovery').click();
  const dialog = page.getByTestId('recovery-code-dialog');
  await expect(dialog).toBeVisible();
  const code = (await dialog.getByTestId('recovery-code').getAttribute('aria-label'))!.replace('Code de secours\u00a0: ', '');
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  await expect(dialog.getByTestId('recovery-close')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('code-de-secours.png') });

  // « Imprimer la feuille »: the PDF opens in the application, on a blob: URL, not as a download.
  await dialog.getByTestId('print-recovery-sheet').click();
  const viewer = page.getByTestId('document-viewer');
  await expect(viewer).toBeVisible();
  const frame = viewer.getByTestId('document-viewer-frame');
  await expect(frame).toHaveAttribute('src', /^blob:http:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+#toolbar=0/);
  await expect(viewer.getByTestId('document-viewer-print')).toBeVisible();
  await viewer.getByTestId('document-viewer-close').click();
  await expect(viewer).toHaveCount(0);
  await dialog.getByLabel('J’ai imprimé ou noté le code').check();
  await dialog.getByTestId('recovery-close').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(code.split('-')[2]!);
  await expect(page.getByTestId('keys-recovery-state')).toContainText('Créé le');
  await expect(page.getByTestId('keys-recovery-state')).toContainText(/par (admin\.e2e|Camille Martin)/);
  await expect(page.getByTestId('keys-recovery-reminder')).toHaveCount(0);

  // Renewed after a confirmation: a new code, the old one useless.
  await page.getByTestId('renew-recovery').click();
  const renew = page.getByTestId('renew-recovery-dialog');
  await expect(renew).toContainText('la feuille imprimée jusqu’ici ne servira plus à rien');
  await renew.getByRole('button', { name: 'Renouveler le code' }).click();
  const renewed = page.getByTestId('recovery-code-dialog');
  await expect(renewed).toContainText('L’ancien code et sa feuille ne servent plus à rien');
  const newCode = (await renewed.getByTestId('recovery-code').getAttribute('aria-label'))!;
  expect(newCode).not.toContain(code);
  await renewed.getByLabel('J’ai imprimé ou noté le code').check();
  await renewed.getByTestId('recovery-close').click();
  await expect(renewed).toHaveCount(0);

  // A new key, after a confirmation; the certificates are re-encrypted in the background, followed to the end.
  await page.getByTestId('rotate-key').click();
  const rotate = page.getByTestId('rotate-key-dialog');
  await expect(rotate).toContainText('en arrière-plan');
  await rotate.getByRole('button', { name: 'Changer de clé' }).click();
  await expect(rotate).toHaveCount(0);
  await expect(page.getByTestId('toast').filter({ hasText: 'Nouvelle clé créée' })).toBeVisible();
  await expect(keyRows).toHaveCount(2);
  await expect(page.getByTestId('rotation-done')).toHaveText('Tous les certificats sont chiffrés avec la clé actuelle.', { timeout: 30_000 });
  await expect(page.getByTestId('rotation-error')).toHaveCount(0);
  // The new key is the current one, and the old one holds no certificate any more.
  const current = keyRows.filter({ hasText: 'Actuelle' });
  await expect(current).toHaveCount(1);
  await expect(keyRows.filter({ hasNotText: 'Actuelle' })).toContainText('Oui');
  await expect(keyRows.filter({ hasNotText: 'Actuelle' }).locator('td').nth(3)).toHaveText('0');
  await page.screenshot({ path: test.info().outputPath('cle-apres-changement.png') });

  expect(downloads).toEqual([]);
});
