import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_REQUESTS_PORT } from '../../playwright.config.js';
import { formatFrenchDate, parseFrenchDate } from '../../shared/domain/dates.js';
import { runDates } from '../../shared/domain/periods.js';
import { openDesk } from './session.js';

// Every test opens Guichet as an agent does: the launch URL, then the login screen.
test.beforeEach(async ({ page }) => {
  await openDesk(page);
});

/**
 * Billing end to end (issue 3): preview a period, issue it, open the first family's invoice,
 * download its PDF, record a cheque for what it owes at the counter, and see its balance at zero.
 */
test('preview, issue, record a cheque, balance at zero', async ({ page }) => {
  await page.goto('/#/facturation');
  await page.getByTestId('period-row').filter({ hasText: 'Novembre / Décembre 2026' }).click();
  await expect(page.getByTestId('period-title')).toContainText('Novembre / Décembre 2026');

  // Preview: one invoice per payer family, with its lines and total.
  await expect(page.getByTestId('summary-invoices')).not.toHaveText('0');
  const firstDraft = page.getByTestId('preview-row').first();
  await expect(firstDraft).toContainText('repas');
  const dossier = await firstDraft.getAttribute('data-dossier');
  expect(dossier).toMatch(/^\d+$/);

  // Issue: confirmation states what will happen, Enter confirms.
  await page.getByTestId('issue-button').click();
  await expect(page.getByTestId('issue-text')).toContainText('jamais supprimée ni modifiée');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('issue-range')).toContainText(/F2026-\d{6}/);

  // Every PDF of the period, generated in the background with its progress, then where they are.
  await page.getByTestId('generate-pdfs').click();
  await expect(page.getByTestId('pdf-progress')).toHaveAttribute('data-phase', 'done', { timeout: 45_000 });
  await expect(page.getByTestId('pdf-result')).toContainText(/documents[\\/]factures[\\/]novembre-decembre-2026/);

  // The issued invoice of that family, from the period's list.
  await page.getByTestId('invoice-search').fill(dossier!);
  await page.getByTestId('invoice-row').first().click();
  const invoice = page.getByTestId('invoice-dialog');
  await expect(invoice.getByTestId('invoice-status')).toHaveAttribute('data-status', 'due');
  const total = (await invoice.getByTestId('invoice-total').textContent())!.trim();
  expect(total).toMatch(/^\d[\d\u00a0]*,\d{2}\u00a0€$/);

  // Open its PDF: a real, well-formed PDF named after the invoice number.
  const downloading = page.waitForEvent('download');
  await invoice.getByTestId('invoice-pdf').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^F2026-\d{6}\.pdf$/);
  const folder = mkdtempSync(join(tmpdir(), 'guichet-e2e-pdf-'));
  try {
    const file = join(folder, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  await page.keyboard.press('Escape');

  // Counter: find the family by its dossier number, pay what it owes by cheque.
  await page.goto('/#/encaissements');
  await page.getByTestId('counter-family-search').fill(dossier!);
  await expect(page.getByTestId('counter-family-option').first()).toBeVisible();
  await page.getByTestId('counter-family-search').press('Enter');
  const due = (await page.getByTestId('counter-due').textContent())!.trim();
  expect(due).toBe(total);
  const familyId = await page.getByTestId('counter-family').getAttribute('data-family-id');
  await page.getByTestId('method-cheque').check();
  // The allocation the server will make, shown as the amount is typed: 10 € too many become a credit.
  const dueCents = Number(due.replace(/\D/g, ''));
  await page.getByTestId('counter-amount').fill(`${Math.floor((dueCents + 1000) / 100)},${String(dueCents % 100).padStart(2, '0')}`);
  await expect(page.getByTestId('overpayment')).toHaveText('10,00\u00a0€ deviendront un avoir de la famille.');
  await expect(page.getByTestId('allocation-plan')).toContainText(/^Imputé sur F2026-\d{6} \(/);
  // A slip of the keyboard (99 999 €) asks before recording, naming the credit it would make.
  await page.getByLabel('Banque').fill('La Banque Postale');
  await page.getByLabel('N° de chèque').fill('1234567');
  await page.getByTestId('counter-amount').fill('99999');
  await page.getByTestId('counter-submit').click();
  const check = page.getByTestId('large-credit-dialog');
  await expect(check).toContainText('deviendront un avoir de la famille');
  await expect(check).toContainText(`ne règle que ${due}`);
  await check.getByRole('button', { name: 'Annuler' }).click();
  await expect(check).toHaveCount(0);
  await expect(page.getByTestId('payment-confirmation-text')).toHaveCount(0);
  await page.getByTestId('counter-amount').fill(due.replace(/[\s\u00a0€]/g, ''));
  await expect(page.getByTestId('overpayment')).toHaveCount(0);
  await expect(page.getByTestId('allocation-plan')).toContainText('Reste dû après ce paiement\u00a0: 0,00\u00a0€');
  await page.getByTestId('counter-submit').click();
  await expect(page.getByTestId('payment-confirmation-text')).toContainText('enregistré (chèque)');

  // The family's account: nothing left to pay.
  await page.goto(`/#/familles/${familyId}/compte`);
  await expect(page.getByTestId('account-due')).toHaveText('0,00\u00a0€');
  await expect(page.getByTestId('account-payment').first()).toContainText('1234567');
});

/**
 * The issue dialog announces the dates the run will use (issue 8, item 3), on the host whose store
 * day is 20/03/2026: the first period not issued yet, its planned dates read from the list, the
 * dialog's dates those of `runDates` for that day. Nothing is issued (Escape).
 */
test('the issue dialog announces the dates of a run today, late or not', async ({ page }) => {
  const storeDay = '2026-03-20';
  await openDesk(page, { port: E2E_REQUESTS_PORT });
  await page.goto(`http://127.0.0.1:${E2E_REQUESTS_PORT}/#/facturation`);
  const row = page.getByTestId('period-row').filter({ has: page.locator('[data-status="draft"]') }).first();
  const cells = row.locator('td');
  const day = async (n: number) => parseFrenchDate(((await cells.nth(n).textContent()) ?? '').trim().slice(0, 10))!;
  const opening = /à (\d{2})h(\d{2})$/.exec(((await cells.nth(3).textContent()) ?? '').trim())!;
  const planned = { issueDate: await day(2), onlinePaymentOpensAt: `${await day(3)}T${opening[1]}:${opening[2]}`, dueDate: await day(4) };
  const run = runDates(planned, storeDay);
  const openingText = `${formatFrenchDate(run.onlinePaymentOpensAt.slice(0, 10))} à ${run.onlinePaymentOpensAt.slice(11, 13)}h${run.onlinePaymentOpensAt.slice(14, 16)}`;

  await row.click();
  if (run.daysLate > 0) {
    await expect(page.getByTestId('period-late')).toContainText(`datées du ${formatFrenchDate(storeDay)}, avec une échéance au ${formatFrenchDate(run.dueDate)}`);
  } else {
    await expect(page.getByTestId('period-late')).toHaveCount(0);
  }
  await page.getByTestId('issue-button').click();
  const dates = page.getByTestId('issue-dates');
  await expect(dates).toContainText(`Date d’émission\u00a0: ${formatFrenchDate(storeDay)}, échéance\u00a0: ${formatFrenchDate(run.dueDate)}.`);
  await expect(dates).toContainText(`Paiement en ligne à partir du ${openingText}.`);
  if (run.daysLate > 0) await expect(dates).toContainText(`L’émission était prévue le ${formatFrenchDate(planned.issueDate)}`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('issue-dialog')).toHaveCount(0);
});
