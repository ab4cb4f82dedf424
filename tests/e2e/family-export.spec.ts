import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openDesk } from './session.js';

/** « Exporter les données de la famille » from the file's header: one ZIP, and the history says so. */

test('the family page downloads the data archive; the export is in the file’s history', async ({ page }) => {
  await openDesk(page);
  await page.goto('/#/familles');
  await page.getByTestId('family-row').first().click();
  await expect(page.getByTestId('family-title')).toContainText('Dossier n°');
  const title = (await page.getByTestId('family-title').textContent()) ?? '';
  const dossier = /n°\s*(\d+)/.exec(title)?.[1];
  expect(dossier).toBeDefined();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-family-data').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^donnees-famille-${dossier}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  await expect(page.getByTestId('toast').filter({ hasText: 'Archive téléchargée' })).toBeVisible();

  const entries = unzipSync(new Uint8Array(readFileSync(await file.path())));
  expect(strFromU8(entries['README.txt']!)).toContain(`dossier famille n° ${dossier}`);
  for (const part of ['dossier', 'responsables', 'enfants', 'historique', 'factures', 'paiements', 'demandes', 'documents']) {
    expect(entries[`json/${part}.json`], part).toBeDefined();
    expect(entries[`csv/${part}.csv`], part).toBeDefined();
  }
  expect(Object.keys(entries).some((name) => name.startsWith('pdf/releve/'))).toBe(true);
  await expect(page.getByTestId('family-history')).toContainText('Données de la famille exportées');
});
