import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ACCUEIL, E2E_REGIE, type E2eAccount } from './accounts.js';
import { logIn, openDesk } from './session.js';

/**
 * What a role hides (issue 9): each screen asks for the operation its button calls (the contract's
 * access table), so an agent sees only what the single dispatch would let them do; a route made
 * only of forbidden operations says « Vous n’avez pas accès à cette page ».
 */

/** One call through the web host's API, with this page's session cookie (same origin). */
async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ name, input }) => {
      const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? response.status}`);
      return body.value;
    },
    { name, input },
  ) as Promise<T>;
}

/** The administrator opens the desk, prepares what the test needs, then hands the desk to `account`. */
async function changeUser(page: Page, account: E2eAccount): Promise<void> {
  await page.getByTestId('lock-now').click();
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible();
  await overlay.getByRole('button', { name: 'Changer d’utilisateur' }).click();
  await logIn(page, account);
}

async function firstFamilyId(page: Page): Promise<string> {
  await page.goto('/#/familles');
  await page.getByTestId('family-row').first().click();
  await page.waitForURL(/#\/familles\/[^/]+$/);
  return /#\/familles\/([^/?]+)$/.exec(page.url())![1]!;
}

async function expectRefused(page: Page, hash: string): Promise<void> {
  await page.goto(`/#/${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Vous n’avez pas accès à cette page' })).toBeVisible();
  await expect(page.getByTestId('forbidden')).toContainText('demandez-le à un administrateur');
}

test('a régie agent: the counter, but no billing run, no decision on a request, no settings', async ({ page }) => {
  await openDesk(page);
  const familyId = await firstFamilyId(page);
  // A message of the family, waiting: its decision belongs to the instruction role.
  const { id: requestId } = await api<{ id: string }>(page, 'requests.create', {
    type: 'contact',
    familyId,
    receivedOn: '2026-11-30',
    details: { text: 'Question sur la facture de novembre.' },
    confirmDuplicate: true,
  });
  await changeUser(page, E2E_REGIE);

  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Encaissements' })).toBeVisible();
  for (const name of ['Nouvelle famille', 'Import CSV', 'Agents', 'Sauvegardes']) {
    await expect(nav.getByRole('link', { name })).toHaveCount(0);
  }
  await expect(nav.getByText('Réglages')).toHaveCount(0);

  // The counter is the régie's: it opens.
  await page.goto('/#/encaissements');
  await expect(page.getByTestId('forbidden')).toHaveCount(0);
  await expect(page.locator('main h1').first()).toBeVisible();

  // Billing: periods and tariffs read, never changed or issued.
  await page.goto('/#/facturation');
  await expect(page.getByTestId('period-row').first()).toBeVisible();
  await expect(page.getByTestId('edit-period')).toHaveCount(0);
  await expect(page.getByTestId('generate-periods')).toHaveCount(0);
  await page.getByTestId('period-row').filter({ hasText: 'Novembre' }).first().click();
  await expect(page.getByTestId('billing-summary')).toBeVisible();
  await expect(page.getByTestId('issue-button')).toHaveCount(0);
  await expect(page.getByTestId('edit-period')).toHaveCount(0);
  await expect(page.getByTestId('billing-preview')).toHaveCount(0);
  await expect(page.getByTestId('pdf-block')).toHaveCount(0);
  await page.goto('/#/tarifs');
  await expect(page.getByTestId('tariff-row').first()).toBeVisible();
  await expect(page.getByTestId('save-tariffs')).toHaveCount(0);
  await expect(page.getByTestId('tariff-price-1')).not.toBeEditable();
  await page.goto('/#/calendrier?vue=fermetures');
  await expect(page.getByTestId('closures-panel')).toBeVisible();
  await expect(page.getByTestId('add-closure')).toHaveCount(0);
  await page.goto('/#/calendrier?vue=vacances');
  await expect(page.getByTestId('holidays-panel')).toBeVisible();
  await expect(page.getByTestId('add-year')).toHaveCount(0);
  await expect(page.getByTestId('seed-calendar')).toHaveCount(0);

  // The request: readable, with its letter once decided, but no decision, status or assignment.
  await page.goto(`/#/demandes/${requestId}`);
  await expect(page.getByTestId('request-page')).toBeVisible();
  for (const testId of ['close-request', 'missing-pieces', 'set-in-review', 'assign-me', 'refuse-request']) {
    await expect(page.getByTestId(testId)).toHaveCount(0);
  }
  await page.goto('/#/demandes');
  await expect(page.getByTestId('request-row').first()).toBeVisible();
  await expect(page.getByTestId('new-request')).toHaveCount(0);

  // The family file: read, not edited; its account offers the counter.
  await page.goto(`/#/familles/${familyId}`);
  await expect(page.getByTestId('children-table')).toBeVisible();
  for (const testId of ['edit-family', 'add-child', 'record-qf', 'change-rhythm', 'family-new-request', 'export-family-data']) {
    await expect(page.getByTestId(testId)).toHaveCount(0);
  }
  await page.goto(`/#/familles/${familyId}/compte`);
  await expect(page.getByTestId('account-collect')).toBeVisible();

  // Administration: the schools register read only, the settings refused.
  await page.goto('/#/etablissements');
  await expect(page.getByTestId('school-row').first()).toBeVisible();
  for (const testId of ['new-school', 'import-directory', 'close-school', 'edit-school']) {
    await expect(page.getByTestId(testId)).toHaveCount(0);
  }
  await expectRefused(page, 'agents');
  await expectRefused(page, 'parametres/sauvegardes');
  await expectRefused(page, 'familles/nouvelle');
  await expectRefused(page, 'demandes/nouvelle');
  await expectRefused(page, 'import');
});

test('an accueil agent: the file and its requests, but no counter payment', async ({ page }) => {
  await openDesk(page);
  const familyId = await firstFamilyId(page);
  // A cash payment at the counter, so that the account lists one the accueil could otherwise cancel.
  await api(page, 'payments.record', {
    familyId,
    method: 'cash',
    amountCents: 500,
    receivedOn: '2026-12-01',
    idempotencyKey: `roles-e2e-${Date.now()}`,
  });
  await changeUser(page, E2E_ACCUEIL);

  await page.goto(`/#/familles/${familyId}`);
  await expect(page.getByTestId('edit-family')).toBeVisible();
  await page.goto(`/#/familles/${familyId}/compte`);
  await expect(page.getByTestId('account-tab')).toBeVisible();
  await expect(page.getByTestId('receipt-pdf').first()).toBeVisible();
  await expect(page.getByTestId('account-collect')).toHaveCount(0);
  await expect(page.getByTestId('account-use-credit')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Annuler le paiement/ })).toHaveCount(0);

  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Encaissements' })).toHaveCount(0);
  await expectRefused(page, 'encaissements');
  await expect(page.getByTestId('session-payments')).toHaveCount(0);
});

test('the refusal page passes axe-core', async ({ page }) => {
  await openDesk(page, { account: E2E_ACCUEIL });
  await expectRefused(page, 'agents');
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
