import { expect, test } from '@playwright/test';
import { openDesk } from './session.js';

const HEADER =
  'ref_famille;nom_famille;adresse;complement_adresse;code_postal;ville;rl1_nom;rl1_prenom;rl1_email;rl1_telephone;rl2_nom;rl2_prenom;rl2_email;rl2_telephone;payeur;enfant_nom;enfant_prenom;enfant_naissance;ecole;classe;entree;sortie;rythme;regime';

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page);
});

test('a bad CSV shows its line errors and changes nothing', async ({ page }) => {
  await page.goto('/#/familles');
  const count = page.getByTestId('result-count');
  await expect(count).toContainText('familles');
  const before = await count.textContent();

  const csv = [
    HEADER,
    'A1;Petit;3 rue Oberkampf;;75011;Paris;Petit;Chloé;chloe.petit@example.fr;0611223344;;;;;1;Petit;Léo;12/03/2018;;CE2;01/09/2025;;L M J V;',
    'A2;Roux;5 rue de Charonne;;75011;Paris;Roux;Noé;pas-un-email;0611223345;;;;;1;Roux;Inès;31/02/2019;;CE1;01/09/2025;;L M J V;',
  ].join('\r\n');

  await page.goto('/#/import');
  await page.getByTestId('import-file').setInputFiles({
    name: 'familles.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('rl1_email');
  await expect(errors).toContainText('enfant_naissance');
  await expect(errors.getByRole('row').filter({ hasText: 'rl1_email' })).toContainText('3');
  await expect(page.getByTestId('import-blocked')).toHaveText(
    'Aucune donnée n’a été importée. Corrigez le fichier et recommencez.',
  );
  await expect(page.getByTestId('import-submit')).toBeDisabled();

  await page.goto('/#/familles');
  await expect(count).toHaveText(before ?? '');
  await page.getByLabel('Rechercher une famille').fill('chloe petit');
  await expect(page.getByTestId('result-count')).toHaveText('Aucune famille trouvée');
});

test('a good CSV imports after its dry run', async ({ page }) => {
  const csv = [
    HEADER,
    'B1;Quéméner;14 boulevard Voltaire;;75011;Paris;Quéméner;Gwénaëlle;gwenaelle.quemener@example.fr;0622334455;Quéméner;Hugo;;;1;Quéméner;Jade;04/05/2019;;CP;01/09/2025;;1,2,4,5;sans viande',
    'B1;Quéméner;14 boulevard Voltaire;;75011;Paris;Quéméner;Gwénaëlle;gwenaelle.quemener@example.fr;0622334455;Quéméner;Hugo;;;1;Quéméner;Lucas;10/10/2021;;MS;01/09/2025;;tous;',
  ].join('\r\n');
  await page.goto('/#/import');
  await page.getByTestId('import-file').setInputFiles({ name: 'ok.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('import-families')).toContainText('1');
  await expect(page.getByTestId('import-children')).toContainText('2');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-success')).toBeVisible();

  await page.goto('/#/familles');
  await page.getByLabel('Rechercher une famille').fill('quemener gwenaelle');
  await expect(page.getByTestId('family-row')).toHaveCount(1);
  await expect(page.getByTestId('family-row')).toContainText('Jade, Lucas');
});
