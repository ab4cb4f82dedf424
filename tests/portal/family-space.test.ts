import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../portal/config.js';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { familyAccounts, mailOutbox } from '../../portal/store/schema.js';
import { FamilyBrowser, loggedInParent, textOf } from '../helpers/family-browser.js';
import { STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

/**
 * « Mon espace › Profil, Identifiants » (issue 11): contact details; a new password only with the
 * current one (every other session ends, this browser gets a new one); a new e-mail address only
 * once confirmed from its own mailbox, the old address told.
 */
const NOW = new Date('2026-12-02T09:00:00Z');
const ELODIE = { lastName: 'Martin', firstName: 'Élodie', email: 'elodie.martin@example.fr', password: 'une cantine pour Zoé' };

describe.each(STORE_KINDS)('mon espace on $name', (kind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
    app = buildPortal({ store, now: () => NOW, logLevel: false, settings: DEFAULT_SETTINGS });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });
  beforeEach(async () => {
    await store.db.delete(mailOutbox);
    await store.db.delete(familyAccounts);
  });
  const mailsTo = async (to: string) => store.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt));
  const activation = async (email: string) => (await mailsTo(email)).find((m) => m.subject === 'Activez votre espace famille')!.text;
  const logIn = async (email: string, password: string) => {
    const browser = new FamilyBrowser(app);
    await browser.get('/');
    return (await browser.post('/connexion', { email, password })).status;
  };

  it('saves the profile, and says what is wrong beside the field', async () => {
    const browser = await loggedInParent(app, activation, ELODIE);
    // Three forms on one page: each field's id (its label's target) is its own.
    const ids = [...(await browser.get('/mon-espace')).html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(8);
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await browser.post('/mon-espace/profil', { lastName: 'Martin', firstName: 'Élodie', phone: '12' });
    expect(bad.status).toBe(400);
    const saved = await browser.post('/mon-espace/profil', { lastName: 'Martin-Lefèvre', firstName: 'Élodie', phone: '06 12 34 56 78' });
    expect(textOf(saved.html)).toContain('Votre profil est enregistré.');
    expect(await store.db.select({ lastName: familyAccounts.lastName, phone: familyAccounts.phone }).from(familyAccounts)).toEqual([{ lastName: 'Martin-Lefèvre', phone: '06 12 34 56 78' }]);
  });

  it('changes the password only with the current one, and closes every other session', async () => {
    const browser = await loggedInParent(app, activation, ELODIE);
    const elsewhere = new FamilyBrowser(app);
    await elsewhere.get('/');
    await elsewhere.post('/connexion', { email: ELODIE.email, password: ELODIE.password });
    await browser.get('/mon-espace');
    const wrong = await browser.post('/mon-espace/mot-de-passe', { current: 'pas le bon', password: 'la récréation de midi', confirmation: 'la récréation de midi' });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain('Mot de passe incorrect.');
    const done = await browser.post('/mon-espace/mot-de-passe', { current: ELODIE.password, password: 'la récréation de midi', confirmation: 'la récréation de midi' });
    expect(textOf(done.html)).toContain('Votre mot de passe est changé');
    expect((await browser.get('/mon-espace')).status).toBe(200);
    expect(await elsewhere.get('/mon-espace')).toMatchObject({ status: 303, location: '/' });
    expect(await logIn(ELODIE.email, ELODIE.password)).toBe(400);
    expect(await logIn(ELODIE.email, 'la récréation de midi')).toBe(303);
    expect((await mailsTo(ELODIE.email)).map((m) => m.subject)).toContain('Votre mot de passe a été changé');
  });

  it('changes the e-mail address once confirmed from the new mailbox, and tells the old one', async () => {
    const browser = await loggedInParent(app, activation, ELODIE);
    await browser.get('/mon-espace');
    expect((await browser.post('/mon-espace/adresse', { email: 'elodie@nouveau.fr', current: 'pas le bon' })).status).toBe(400);
    const sent = await browser.post('/mon-espace/adresse', { email: 'Elodie@Nouveau.fr', current: ELODIE.password });
    expect(textOf(sent.html)).toContain('Un lien de confirmation a été envoyé à elodie@nouveau.fr.');
    expect((await mailsTo(ELODIE.email)).map((m) => m.subject)).toContain('Changement d’adresse demandé');
    // Not yet: the old address is still the login.
    expect(await logIn(ELODIE.email, ELODIE.password)).toBe(303);

    const link = /\/confirmer-adresse\?jeton=[\w-]+/.exec((await mailsTo('elodie@nouveau.fr'))[0]!.text)![0];
    const mailbox = new FamilyBrowser(app);
    const page = await mailbox.get(link);
    const token = /name="token" value="([^"]+)"/.exec(page.html)![1]!;
    expect(textOf((await mailbox.post('/confirmer-adresse', { token })).html)).toContain('Cette adresse est désormais l’identifiant de votre espace famille.');
    expect(await logIn('elodie@nouveau.fr', ELODIE.password)).toBe(303);
    expect(await logIn(ELODIE.email, ELODIE.password)).toBe(400);
    expect((await mailbox.post('/confirmer-adresse', { token })).status).toBe(410);
  });

  it('refuses to confirm an address another espace has taken meanwhile', async () => {
    const browser = await loggedInParent(app, activation, ELODIE);
    await browser.get('/mon-espace');
    await browser.post('/mon-espace/adresse', { email: 'paul.durand@example.fr', current: ELODIE.password });
    const link = /\/confirmer-adresse\?jeton=[\w-]+/.exec((await mailsTo('paul.durand@example.fr'))[0]!.text)![0];
    await loggedInParent(app, activation, { lastName: 'Durand', firstName: 'Paul', email: 'paul.durand@example.fr', password: 'un autre mot de passe' });
    const mailbox = new FamilyBrowser(app);
    const page = await mailbox.get(link);
    const taken = await mailbox.post('/confirmer-adresse', { token: /name="token" value="([^"]+)"/.exec(page.html)![1]! });
    expect(taken.status).toBe(409);
    expect(await logIn(ELODIE.email, ELODIE.password)).toBe(303);
  });
});
