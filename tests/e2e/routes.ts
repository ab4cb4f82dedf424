import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * Every staff route of `renderer/src/router.tsx`, with real identifiers taken from the demo data,
 * for the specs that walk all screens (layout at office sizes, axe). `routePaths` reads the router
 * itself: a new route is visited as soon as it exists (one with an identifier needs a demo one here).
 */
export interface ScreenRoute {
  /** The router's path pattern (`familles/:id`). */
  pattern: string;
  /** The hash to visit (`familles/4eb1…`). */
  hash: string;
}

function routePaths(): string[] {
  const source = readFileSync(join(process.cwd(), 'renderer', 'src', 'router.tsx'), 'utf8');
  const paths = [...source.matchAll(/path: '([^']+)'/g)].map((m) => m[1]!);
  const index = /index: true/.test(source) ? [''] : [];
  return [...index, ...paths.filter((p) => p !== '/')];
}

/** The screen has its title and no longer says « Chargement… » nor shows a region busy. */
export async function screenReady(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Chargement');
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
}

/** A fixed day of the demo year: the spec does not depend on the machine's date. */
const RECEIVED_ON = '2026-03-02';

/** A contact request on the first family (the demo holds none on some days), through the web host’s API; each spec adds its own (a confirmed duplicate of the previous one). */
async function someRequestId(page: Page, familyId: string, receivedOn: string): Promise<string> {
  return page.evaluate(
    async ({ familyId, receivedOn }) => {
      // The session cookie goes with it (same origin).
      const response = await fetch('/api/requests.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'contact', familyId, receivedOn, details: { text: 'Question sur la facture de mars.' }, confirmDuplicate: true }),
      });
      const body = (await response.json()) as { ok: boolean; value?: { id: string } };
      if (!body.value) throw new Error('requests.create: ' + JSON.stringify(body));
      return body.value.id;
    },
    { familyId, receivedOn },
  );
}

/** Each route of the router with the identifiers of the demo's first family, period and a request. */
export async function screenRoutes(page: Page): Promise<ScreenRoute[]> {
  await page.goto('/#/familles');
  await page.getByTestId('family-row').first().click();
  await page.waitForURL(/#\/familles\/[^/]+$/);
  const familyId = /#\/familles\/([^/?]+)$/.exec(page.url())![1]!;
  await page.goto('/#/facturation');
  await page.getByTestId('period-row').first().click();
  await page.waitForURL(/#\/facturation\/[^/]+$/);
  const periodId = /#\/facturation\/([^/?]+)$/.exec(page.url())![1]!;
  const requestId = await someRequestId(page, familyId, RECEIVED_ON);
  const ids: Record<string, string> = { 'familles/:id': familyId, 'familles/:id/compte': familyId, 'facturation/:periodId': periodId, 'demandes/:id': requestId };
  return routePaths().map((pattern) => {
    if (pattern.includes(':') && !ids[pattern]) throw new Error(`Route sans identifiant de démonstration : ${pattern}`);
    return { pattern, hash: pattern === '*' ? 'nulle-part' : pattern.replace(/:\w+/, ids[pattern] ?? '') };
  });
}
