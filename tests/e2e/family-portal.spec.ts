import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { enrolDesk, redeemEnrolmentCode } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { replicaRows } from '../../portal/store/schema.js';
import { pushMessages } from '../../portal/sync/hub.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { migratePortalStore, openPortalStore, type PortalStore } from '../../portal/store/open.js';
import { eq } from 'drizzle-orm';
import { readMails } from '../helpers/eml.js';

/**
 * Mon Espace Famille in Chromium, as a parent on a phone (360 px): create an espace, read the
 * activation mail (the `.eml` the portal writes in development), activate, log in, log out, and a
 * forgotten password end to end; axe-core on every page. The portal runs in this process on PGlite
 * in a temporary folder, on localhost (a `__Host-` cookie needs a secure context). Screenshots go
 * to test-results/family-portal/.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SHOTS = join(process.cwd(), 'test-results', 'family-portal');
const folder = mkdtempSync(join(tmpdir(), 'guichet-e2e-famille-'));
const mailDir = join(folder, 'mail');
let store: PortalStore;
let portal: FastifyInstance;
let base = '';
let page: Page;

test.beforeAll(async ({ browser }) => {
  store = await openPortalStore({ dataDir: folder });
  await migratePortalStore(store);
  // The public address is known once listening: the settings object is read at each mail.
  const settings = { mode: 'development' as const, publicUrl: '', mailDir, smtpUrl: null, mailFrom: 'Caisse des écoles du 11e <ne-pas-repondre@cdeparis11.fr>' };
  portal = buildPortal({ store, now: () => new Date(), logLevel: false, settings });
  await portal.listen({ port: 0, host: '127.0.0.1' });
  base = `http://localhost:${(portal.server.address() as { port: number }).port}`;
  settings.publicUrl = base;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.context().close();
  await portal.close();
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

async function axe(where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${where} : ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The newest mail to `to`, once the mail job has written it. */
async function lastMail(to: string) {
  await portal.mail.flush();
  const mails = readMails(mailDir).filter((m) => m.headers.get('to')?.includes(to));
  expect(mails.length).toBeGreaterThan(0);
  return mails.at(-1)!;
}

test('a parent creates an espace, activates it from the mail, logs in and out', async () => {
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon Espace Famille' })).toBeVisible();
  await axe('accueil');
  await shot('accueil');

  await page.getByRole('link', { name: 'Créer mon espace' }).click();
  await page.getByRole('button', { name: 'Créer mon espace' }).click();
  await expect(page.getByRole('alert')).toContainText('champs sont à corriger');
  await axe('création avec erreurs');
  await shot('creation-erreurs');

  await page.getByLabel('Nom', { exact: true }).fill('Lefèvre');
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByLabel('Adresse e-mail').fill('ines.lefevre@example.fr');
  await page.getByLabel('Téléphone (facultatif)').fill('06 11 22 33 44');
  await page.getByLabel('Mot de passe', { exact: true }).fill('le goûter de Maël');
  await page.getByLabel('Confirmation du mot de passe').fill('le goûter de Maël');
  await page.getByLabel(/J’accepte que la Caisse/).check();
  await page.getByRole('button', { name: 'Créer mon espace' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultez votre messagerie');
  await axe('messagerie');

  const mail = await lastMail('ines.lefevre@example.fr');
  expect(mail.headers.get('subject')).toBe('Activez votre espace famille');
  const link = /http:\/\/localhost:\d+\/activer\?jeton=[\w-]+/.exec(mail.text)![0];
  await page.goto(link);
  await axe('activation');
  await page.getByRole('button', { name: 'Activer mon espace' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre espace est activé');
  await page.getByRole('link', { name: 'Se connecter' }).click();

  await page.getByLabel('Identifiant (adresse e-mail)').fill('INES.lefevre@example.fr');
  await page.getByLabel('Mot de passe').fill('le goûter de Maël');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Inès');
  await axe('mon accueil');
  await shot('mon-accueil');
  await page.getByRole('link', { name: 'Mon espace', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon espace');
  await page.getByLabel('Téléphone (facultatif)').fill('06 99 88 77 66');
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await expect(page.getByRole('status')).toHaveText('Votre profil est enregistré.');
  await axe('mon espace');
  await shot('mon-espace');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === '__Host-espace')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mon espace perso' })).toBeVisible();
  await page.goto(`${base}/mon-accueil`);
  await expect(page).toHaveURL(`${base}/`);
});

test('a forgotten password is changed through the mailed link', async () => {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'J’ai oublié mon mot de passe.' }).click();
  await axe('mot de passe oublié');
  await page.getByLabel('Adresse e-mail').fill('ines.lefevre@example.fr');
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultez votre messagerie');

  const mail = await lastMail('ines.lefevre@example.fr');
  expect(mail.headers.get('subject')).toBe('Choisissez un nouveau mot de passe');
  await page.goto(/http:\/\/localhost:\d+\/nouveau-mot-de-passe\?jeton=[\w-]+/.exec(mail.text)![0]);
  await axe('nouveau mot de passe');
  await page.getByLabel('Nouveau mot de passe').fill('la récréation de midi');
  await page.getByLabel('Confirmation du mot de passe').fill('la récréation de midi');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe changé');
  await shot('mot-de-passe-change');

  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('Identifiant (adresse e-mail)').fill('ines.lefevre@example.fr');
  await page.getByLabel('Mot de passe').fill('le goûter de Maël');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await axe('connexion refusée');
  await page.getByLabel('Mot de passe').fill('la récréation de midi');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Inès');
});

/** A desk's rows, as its messages (clock `second` seconds after now, so they win over what came before). */
let serial = 0;
function rows(entity: string, rowId: string, values: Record<string, unknown>, second: number): SyncMessage[] {
  return Object.entries(values).map(([field, value]) => ({
    id: `0192f0c4-7a1b-7c2d-8e3f-${(++serial).toString(16).padStart(12, '0')}`,
    hlc: encodeHlc({ millis: Date.now() + second * 1000, counter: serial % 1000, node: 'aaaa' }),
    node: 'aaaa',
    entity,
    rowId,
    field,
    value: JSON.stringify(value),
  }));
}

test('« Ma famille »: the link asked, then the household once a desk accepted it', async () => {
  const { code } = await enrolDesk(store, { name: 'Accueil 1', by: 'e2e', now: new Date() });
  const { deskId } = await redeemEnrolmentCode(store, code, new Date());
  const push = (messages: SyncMessage[]) => pushMessages(store, deskId, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages }, new Date());
  await push([
    ...rows('families', 'f-lefevre', { dossier_number: 41207, family_name: 'Lefèvre', status: 'active', address_line1: '8 rue Oberkampf', postal_code: '75011', city: 'Paris' }, -60),
    ...rows('guardians', 'g-ines', { family_id: 'f-lefevre', rank: 1, last_name: 'Lefèvre', first_name: 'Inès', is_payer: true, email: 'ines.lefevre@example.fr', phone_mobile: '06 11 22 33 44' }, -60),
    ...rows('schools', 's-oberkampf', { code: '0750002B', name: 'École maternelle Oberkampf', kind: 'maternelle' }, -60),
    ...rows('children', 'c-mael', { family_id: 'f-lefevre', last_name: 'Lefèvre', first_name: 'Maël', birth_date: '2021-02-11', school_id: 's-oberkampf', class_name: 'MS', enrolled_from: '2025-09-01', enrolled_to: null }, -60),
    ...rows('rhythms', 'r-mael', { child_id: 'c-mael', weekdays: '1,2,4,5', effective_from: '2025-09-01' }, -60),
    ...rows('school_years', 'y-2026', { label: '2026-2027', first_day: '2026-09-01', last_day: '2027-07-02' }, -60),
    ...[234, 384, 548, 959, 1370, 1900, 2500, 3333, 5000, null].flatMap((bound, i) =>
      rows('tariff_grids', `t-${i + 1}`, { school_year_id: 'y-2026', tranche: i + 1, qf_upper_bound: bound, unit_price_cents: [13, 85, 185, 265, 330, 430, 530, 545, 560, 700][i] }, -60),
    ),
  ]);

  await page.goto(`${base}/estimer-mon-tarif`);
  await page.getByLabel('Quotient familial mensuel (en euros)').fill('850');
  await page.getByRole('button', { name: 'Estimer' }).click();
  await expect(page.getByRole('status')).toHaveText('Tranche 4\u00a0: 2,65\u00a0€ par repas.');
  await axe('estimer mon tarif');
  await shot('estimer-mon-tarif');

  await page.goto(`${base}/ma-famille`);
  await expect(page.getByRole('heading', { level: 2, name: 'Relier mon espace au dossier de ma famille' })).toBeVisible();
  await axe('ma famille, à relier');
  await page.getByLabel('Numéro de dossier').fill('41207');
  await page.getByLabel('Date de naissance d’un enfant').fill('2021-02-11');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByText('Votre demande de rattachement est envoyée')).toBeVisible();
  await axe('ma famille, en attente');
  await shot('ma-famille-attente');

  const [request] = await store.db.select().from(replicaRows).where(eq(replicaRows.entity, 'requests'));
  await push(rows('requests', request!.rowId, { status: 'accepted', decided_at: new Date().toISOString(), decided_by: 'agent', letter_note: null }, 60));
  await page.reload();
  await expect(page.getByText('Dossier n°\u00a041207')).toBeVisible();
  await expect(page.getByText('Maël Lefèvre')).toBeVisible();
  await axe('ma famille');
  await shot('ma-famille');
});
