import { expect, test } from '@playwright/test';
import { E2E_REQUESTS_PORT } from '../../playwright.config.js';
import { openDesk } from './session.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * Issue 4 end to end, on a host whose store day is 20/03/2026: bill March/April, enter a refund
 * for an illness of 09–13/03/2026 with its certificate, read the verdict, accept it, and find the
 * credit in the next billing preview (May/June).
 */
const HOST = `http://127.0.0.1:${E2E_REQUESTS_PORT}`;
// A real PDF: uploads are checked by their structure (it must parse and have a page).
const CERTIFICATE = await pdfFixture({ marker: 'certificat' });

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page, { port: E2E_REQUESTS_PORT });
});

test('enter a refund, read the verdict, accept it, see the credit in the next preview', async ({ page }) => {
  await page.goto(`${HOST}/#/facturation`);
  await page.getByTestId('period-row').filter({ hasText: 'Mars / Avril 2026' }).click();
  await expect(page.getByTestId('preview-row').first()).toBeVisible();

  // A family with one child eating at least four days a week (≥ 20 meals in March/April).
  const rows = page.getByTestId('preview-row');
  const texts = await rows.allTextContents();
  const index = texts.findIndex((t) => {
    const meals = [...t.matchAll(/(\d+)\u00a0?\s?repas/g)].map((m) => Number(m[1]));
    return meals.length === 1 && meals[0]! >= 20;
  });
  expect(index).toBeGreaterThanOrEqual(0);
  const familyId = await rows.nth(index).getAttribute('data-family-id');
  const dossier = await rows.nth(index).getAttribute('data-dossier');

  await page.getByTestId('issue-button').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('issue-range')).toBeVisible();

  // The request, as entered at the desk.
  await page.goto(`${HOST}/#/demandes/nouvelle?famille=${familyId}`);
  const form = page.getByTestId('new-request-form');
  await form.getByTestId('request-type').selectOption('refund');
  await form.getByTestId('request-child').selectOption({ index: 1 });
  // The form starts on the desk's today (its clock: 20/03/2026 on this host), not the browser's.
  await expect(form.getByLabel('Reçue le')).toHaveValue('20/03/2026');
  await form.getByLabel('Premier jour d’absence').fill('2026-03-09');
  await form.getByLabel('Dernier jour d’absence').fill('2026-03-13');
  await form.getByTestId('request-certificate-original').check();
  await form.getByTestId('request-certificate-no-erasures').check();
  await form.getByTestId('request-school-head-visa').check();
  await form.getByTestId('request-certificate-file').setInputFiles({ name: 'certificat.pdf', mimeType: 'application/pdf', buffer: CERTIFICATE });
  await form.getByTestId('request-submit').click();

  // The verdict lists every check, all passed.
  const verdict = page.getByTestId('refund-verdict');
  await expect(verdict).toHaveAttribute('data-eligible', 'true');
  await expect(verdict.getByTestId('verdict-check')).toHaveCount(8);
  await expect(verdict.locator('[data-testid="verdict-check"][data-ok="false"]')).toHaveCount(0);
  const amount = (await page.getByTestId('verdict-amount').textContent())!.trim();
  expect(amount).toMatch(/\d,\d{2}\u00a0€/);

  // The certificate opens in the application (a dialog over a blob: URL), never as a download.
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('open-certificate').click();
  const viewer = page.getByTestId('document-viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('heading', { name: 'Certificat médical' })).toBeVisible();
  await expect(viewer.getByTestId('document-viewer-frame')).toHaveAttribute('src', /^blob:.*#toolbar=0/);
  await expect(viewer.getByTestId('document-viewer-print')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  expect(downloads).toEqual([]);

  await page.getByTestId('accept-refund').click();
  await expect(page.getByTestId('accept-refund-summary')).toContainText(amount);
  await page.getByTestId('accept-refund-dialog').getByRole('button', { name: /Accepter/ }).click();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'accepted');

  // The next period's preview carries the refund as a credit for that family.
  await page.goto(`${HOST}/#/facturation`);
  await page.getByTestId('period-row').filter({ hasText: 'Mai / Juin' }).click();
  await page.getByTestId('preview-search').fill(dossier!);
  const row = page.locator(`[data-testid="preview-row"][data-dossier="${dossier}"]`);
  await expect(row).toContainText('Remboursement maladie du 09/03/2026 au 13/03/2026');
  await expect(row).toContainText(amount); // the credit's amount
});

test('a certificate the service refuses: the form stays, with the message beside the file, and nothing is saved', async ({ page }) => {
  await page.goto(`${HOST}/#/demandes`);
  const count = page.getByTestId('requests-count');
  await expect(count).toBeVisible();
  const before = await count.textContent();

  await page.goto(`${HOST}/#/familles`);
  const familyId = await page.getByTestId('family-row').first().getAttribute('data-family-id');
  await page.goto(`${HOST}/#/demandes/nouvelle?famille=${familyId}`);
  const form = page.getByTestId('new-request-form');
  await expect(form.getByTestId('request-family')).toBeVisible();
  await form.getByTestId('request-type').selectOption('refund');
  await form.getByTestId('request-child').selectOption({ index: 1 });
  await form.getByLabel('Reçue le').fill('2026-03-20');
  await form.getByLabel('Premier jour d’absence').fill('2026-03-09');
  await form.getByLabel('Dernier jour d’absence').fill('2026-03-13');
  // Named like a PDF, but a text: only the service, reading its bytes, can tell.
  await form.getByTestId('request-certificate-file').setInputFiles({ name: 'certificat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bonjour') });
  await form.getByTestId('request-submit').click();

  await expect(form.getByTestId('error-summary')).toContainText('Le fichier n’est ni un PDF, ni une image JPEG ou PNG.');
  await expect(form.getByTestId('request-certificate-file')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/#\/demandes\/nouvelle/);

  await page.goto(`${HOST}/#/demandes`);
  await expect(count).toHaveText(before!);
});

test('a radiation of the whole family can be chosen for a one-child family (it no longer snaps back to the child)', async ({ page }) => {
  await page.goto(`${HOST}/`);
  // A family with one child, through the same API the screens use.
  const familyId = await page.evaluate(async () => {
    const answer = await fetch('/api/families.search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '', scope: 'active' }),
    });
    const result = (await answer.json()) as { value: { rows: { id: string; childCount: number }[] } };
    return result.value.rows.find((r) => r.childCount === 1)!.id;
  });
  await page.goto(`${HOST}/#/demandes/nouvelle?famille=${familyId}`);
  await expect(page.getByTestId('request-family')).toBeVisible();
  await page.getByTestId('request-type').selectOption('radiation');
  const child = page.getByTestId('request-child');
  await expect(child).not.toHaveValue('');
  await child.selectOption('');
  await page.waitForTimeout(300);
  await expect(child).toHaveValue('');
});

/** Active families of one child, through the same API the screens use. */
async function oneChildFamilies(page: import('@playwright/test').Page): Promise<string[]> {
  await page.goto(`${HOST}/`);
  return page.evaluate(async () => {
    const answer = await fetch('/api/families.search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '', scope: 'active' }),
    });
    const result = (await answer.json()) as { value: { rows: { id: string; childCount: number }[] } };
    return result.value.rows.filter((r) => r.childCount === 1).map((r) => r.id);
  });
}

test('a second open rhythm request for the same child: the form names the first, opens it, or saves all the same', async ({ page }) => {
  const familyId = (await oneChildFamilies(page))[2]!;
  const enterRhythm = async () => {
    await page.goto(`${HOST}/#/demandes/nouvelle?famille=${familyId}`);
    const form = page.getByTestId('new-request-form');
    await expect(form.getByTestId('request-family')).toBeVisible();
    await form.getByTestId('request-type').selectOption('rhythm');
    await form.getByLabel('Reçue le').fill('2026-03-20');
    await expect(form.getByTestId('request-child')).not.toHaveValue('');
    await form.getByTestId('request-submit').click();
  };

  await enterRhythm();
  const first = page.getByTestId('request-page');
  await expect(first).toBeVisible();
  const firstId = (await first.getAttribute('data-request-id'))!;
  const number = firstId.slice(0, 8).toUpperCase();
  await expect(page.getByTestId('request-number')).toHaveText(`Demande n°\u00a0${number}`);

  // The same request again: refused by the service, the form names the first one.
  await enterRhythm();
  const similar = page.getByTestId('request-similar');
  await expect(similar).toContainText(`Une demande semblable existe déjà (n°\u00a0${number})\u00a0: l’ouvrir`);
  await expect(page.getByTestId('new-request-form')).toBeVisible();
  await expect(page.locator('.error-summary')).toHaveCount(0);

  // « l’ouvrir » leads to the first request.
  await similar.getByTestId('request-similar-link').click();
  await expect(page.getByTestId('request-page')).toHaveAttribute('data-request-id', firstId);

  // « Enregistrer quand même » saves a second one.
  await enterRhythm();
  await page.getByTestId('request-save-anyway').click();
  const second = page.getByTestId('request-page');
  await expect(second).toBeVisible();
  await expect(second).not.toHaveAttribute('data-request-id', firstId);
  await expect(second).toHaveAttribute('data-type', 'rhythm');
});

test('a radiation entered with its certificate and the new address abroad; accepted, its letter goes to that address', async ({ page }) => {
  const familyId = (await oneChildFamilies(page))[3]!;
  await page.goto(`${HOST}/#/demandes/nouvelle?famille=${familyId}`);
  const form = page.getByTestId('new-request-form');
  await expect(form.getByTestId('request-family')).toBeVisible();
  await form.getByTestId('request-type').selectOption('radiation');
  await form.getByTestId('request-child').selectOption('');
  await form.getByLabel('Reçue le').fill('2026-03-20');
  await form.getByLabel('Date du déménagement').fill('2026-03-13');
  // A French postcode is required unless a country is given.
  await form.getByLabel('Numéro et voie').fill('12 avenue Louise');
  await form.getByLabel('Code postal').fill('1000');
  await form.getByLabel('Ville').fill('Bruxelles');
  await form.getByTestId('request-radiation-certificate-file').setInputFiles({ name: 'certificat-radiation.pdf', mimeType: 'application/pdf', buffer: CERTIFICATE });
  await form.getByTestId('request-submit').click();
  await expect(form).toContainText('Code postal à 5 chiffres en France (à l’étranger, indiquez le pays).');

  await form.getByLabel('Pays (à l’étranger seulement)').fill('Belgique');
  await form.getByTestId('request-submit').click();

  const request = page.getByTestId('request-page');
  await expect(request).toHaveAttribute('data-type', 'radiation');
  await expect(page.getByTestId('request-new-address')).toHaveText('12 avenue Louise\n1000 BRUXELLES\nBELGIQUE');
  await expect(page.getByTestId('request-document')).toHaveCount(1);
  await expect(page.getByTestId('request-document')).toContainText('certificat-radiation.pdf');

  // The certificate came with the request: it can be accepted at once.
  await page.getByTestId('accept-radiation').click();
  await page.getByTestId('radiation-dialog').getByRole('button', { name: 'Accepter la radiation' }).click();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'accepted');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('decision-letter').click();
  const download = await downloading;
  const file = test.info().outputPath('lettre-radiation.pdf');
  await download.saveAs(file);
  const { execFileSync } = await import('node:child_process');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('12 avenue Louise');
  expect(text).toContain('1000 BRUXELLES');
  expect(text).toContain('BELGIQUE');
  expect(text).toContain('La radiation est prononcée');
});
