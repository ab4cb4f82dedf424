import { expect, type Page } from '@playwright/test';
import { E2E_DEMO_PORT } from '../../playwright.config.js';
import { controlPort, E2E_ADMIN, type E2eAccount } from './accounts.js';

/**
 * How every spec opens Guichet, as an agent does: the one-time launch URL printed at launch (here
 * asked from the host's control port) gives the browser its session cookie, then the login screen.
 */
export async function openLaunchUrl(page: Page, port = E2E_DEMO_PORT): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${controlPort(port)}/`);
  const launchUrl = await response.text();
  await page.goto(launchUrl);
  await page.waitForURL(`http://127.0.0.1:${port}/**`);
}

/** Fills the login screen and waits for the desk (the agent's name in the status strip). */
export async function logIn(page: Page, account: E2eAccount = E2E_ADMIN): Promise<void> {
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await page.getByLabel('Identifiant').fill(account.login);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('agent-name')).toHaveText(`Agent\u00a0: ${account.displayName}`);
}

/** Opens the launch URL of the host on `port` and logs in as `account` (the administrator by default). */
export async function openDesk(page: Page, options: { port?: number; account?: E2eAccount } = {}): Promise<void> {
  await openLaunchUrl(page, options.port);
  await logIn(page, options.account);
}
