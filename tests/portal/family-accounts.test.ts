import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../portal/config.js';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { familyAccounts, mailOutbox } from '../../portal/store/schema.js';
import { FamilyBrowser, textOf } from '../helpers/family-browser.js';
import { STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

/**
 * Mon Espace Famille: creating, activating and recovering an espace, logging in and out (issue 11,
 * « Create, activate, recover » and « Security »), through the pages as a browser posts them, on
 * both stores. Mails are read from the outbox (the mail job's own tests send them).
 */
const START = new Date('2026-12-02T09:00:00Z');
const SETTINGS = { ...DEFAULT_SETTINGS, publicUrl: 'https://famille.cdeparis11.example' };
const PASSWORD = 'une cantine pour Zoé';
const PARENT = { lastName: 'Martin', firstName: 'Élodie', email: 'Elodie.Martin@example.fr', phone: '06 12 34 56 78', password: PASSWORD, confirmation: PASSWORD, consent: 'oui' };

describe.each(STORE_KINDS)('espace famille on $name', (kind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let now = START;

  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
    app = buildPortal({ store, now: () => now, logLevel: false, settings: SETTINGS });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });
  beforeEach(async () => {
    now = START;
    await store.db.delete(mailOutbox);
    await store.db.delete(familyAccounts);
  });

  const mails = async (to: string) => (await store.db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.subject.localeCompare(b.subject));
  const link = (text: string, path: string) => {
    const found = new RegExp(`${SETTINGS.publicUrl.replace(/\./g, '\\.')}(${path}\\?jeton=[A-Za-z0-9_-]+)`).exec(text);
    if (!found) throw new Error(`pas de lien ${path} dans : ${text}`);
    return found[1]!;
  };
  const createEspace = async (browser: FamilyBrowser, fields = PARENT) => {
    await browser.get('/creer-mon-espace');
    return browser.post('/creer-mon-espace', fields);
  };
  const activate = async (browser: FamilyBrowser) => {
    const [mail] = await mails('elodie.martin@example.fr');
    await browser.get(link(mail!.text, '/activer'));
    return browser.post('/activer', { token: /name="token" value="([^"]+)"/.exec((await browser.get(link(mail!.text, '/activer'))).html)![1]! });
  };
  const logIn = async (browser: FamilyBrowser, password = PASSWORD) => {
    await browser.get('/');
    return browser.post('/connexion', { email: 'elodie.martin@example.fr', password });
  };

  it('creates an espace that logs in only once activated by its single-use link, built from the public address', async () => {
    const browser = new FamilyBrowser(app);
    const created = await createEspace(browser);
    expect(created.status).toBe(200);
    expect(textOf(created.html)).toContain('Consultez votre messagerie');
    const [mail] = await mails('elodie.martin@example.fr');
    expect(mail).toMatchObject({ subject: 'Activez votre espace famille' });
    expect(mail!.text).toContain('Bonjour Élodie');
    expect(mail!.text).toContain('valable 48\u00a0heures');

    const early = await logIn(browser);
    expect(early.status).toBe(400);
    expect(textOf(early.html)).toContain('Votre espace n’est pas encore activé');

    const page = await browser.get(link(mail!.text, '/activer'));
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Activer mon espace');
    const token = /name="token" value="([^"]+)"/.exec(page.html)![1]!;
    const activated = await browser.post('/activer', { token });
    expect(textOf(activated.html)).toContain('Votre espace est activé');
    const again = await browser.post('/activer', { token });
    expect(again.status).toBe(410);
    expect(textOf(again.html)).toContain('n’est plus valable');

    const anonymous = browser.cookies.get('__Host-espace');
    const loggedIn = await logIn(browser);
    expect(loggedIn).toMatchObject({ status: 303, location: '/mon-accueil' });
    expect(browser.cookies.get('__Host-espace')).not.toBe(anonymous);
    expect(textOf((await browser.get('/mon-accueil')).html)).toContain('Bonjour Élodie');
    // The session known before login is worth nothing after it.
    const fixation = new FamilyBrowser(app);
    fixation.cookies.set('__Host-espace', anonymous!);
    expect(await fixation.get('/mon-accueil')).toMatchObject({ status: 303, location: '/' });
  });

  it('answers the same whether the address has an espace or not, and tells the owner by mail', async () => {
    const first = await createEspace(new FamilyBrowser(app));
    await activate(new FamilyBrowser(app));
    const second = await createEspace(new FamilyBrowser(app), { ...PARENT, firstName: 'Intrus', password: 'un autre mot de passe', confirmation: 'un autre mot de passe' });
    expect(second.status).toBe(first.status);
    expect(textOf(second.html)).toBe(textOf(first.html));
    expect((await mails('elodie.martin@example.fr')).map((m) => m.subject)).toEqual(['Activez votre espace famille', 'Vous avez déjà un espace famille']);
    // The intruder's password changed nothing.
    expect((await logIn(new FamilyBrowser(app))).status).toBe(303);

    const known = new FamilyBrowser(app);
    await known.get('/mot-de-passe-oublie');
    const knownPage = await known.post('/mot-de-passe-oublie', { email: 'elodie.martin@example.fr' });
    const unknown = new FamilyBrowser(app);
    await unknown.get('/mot-de-passe-oublie');
    const unknownPage = await unknown.post('/mot-de-passe-oublie', { email: 'personne@example.fr' });
    expect(unknownPage.status).toBe(knownPage.status);
    expect(textOf(unknownPage.html).replace('personne@example.fr', '@')).toBe(textOf(knownPage.html).replace('elodie.martin@example.fr', '@'));
    expect(await mails('personne@example.fr')).toEqual([]);
  });

  it('lets an activation link expire after 48 hours; « J’ai oublié mon mot de passe » sends a new one, and only the newest works', async () => {
    await createEspace(new FamilyBrowser(app));
    const [old] = await mails('elodie.martin@example.fr');
    now = new Date(START.getTime() + 49 * 3_600_000);
    const browser = new FamilyBrowser(app);
    const expired = await browser.get(link(old!.text, '/activer'));
    expect(expired.status).toBe(410);
    expect(textOf(expired.html)).toContain('a expiré');

    await browser.get('/mot-de-passe-oublie');
    await browser.post('/mot-de-passe-oublie', { email: 'ELODIE.martin@example.fr ' });
    const sent = await mails('elodie.martin@example.fr');
    expect(sent.map((m) => m.subject)).toEqual(['Activez votre espace famille', 'Activez votre espace famille']);
    expect((await browser.get(link(sent[1]!.text, '/activer'))).status).toBe(200);
    now = new Date(START.getTime() + 50 * 3_600_000);
    await createEspace(new FamilyBrowser(app));
    // A third link voids the second.
    expect((await browser.get(link(sent[1]!.text, '/activer'))).status).toBe(410);
  });

  it('changes a forgotten password through its link, closes every other session, and tells the owner', async () => {
    await createEspace(new FamilyBrowser(app));
    await activate(new FamilyBrowser(app));
    const elsewhere = new FamilyBrowser(app);
    await logIn(elsewhere);
    expect((await elsewhere.get('/mon-accueil')).status).toBe(200);

    const browser = new FamilyBrowser(app);
    await browser.get('/mot-de-passe-oublie');
    await browser.post('/mot-de-passe-oublie', { email: 'elodie.martin@example.fr' });
    const reset = (await mails('elodie.martin@example.fr')).find((m) => m.subject === 'Choisissez un nouveau mot de passe')!;
    const form = await browser.get(link(reset.text, '/nouveau-mot-de-passe'));
    const token = /name="token" value="([^"]+)"/.exec(form.html)![1]!;
    const mismatch = await browser.post('/nouveau-mot-de-passe', { token, password: 'un tout nouveau mot', confirmation: 'un autre' });
    expect(mismatch.status).toBe(400);
    expect(textOf(mismatch.html)).toContain('Les deux mots de passe sont différents.');
    const done = await browser.post('/nouveau-mot-de-passe', { token, password: 'un tout nouveau mot', confirmation: 'un tout nouveau mot' });
    expect(textOf(done.html)).toContain('Mot de passe changé');
    expect((await browser.post('/nouveau-mot-de-passe', { token, password: 'encore un autre mot', confirmation: 'encore un autre mot' })).status).toBe(410);

    expect(await elsewhere.get('/mon-accueil')).toMatchObject({ status: 303, location: '/' });
    expect((await logIn(new FamilyBrowser(app))).status).toBe(400);
    expect((await logIn(new FamilyBrowser(app), 'un tout nouveau mot')).status).toBe(303);
    expect((await mails('elodie.martin@example.fr')).map((m) => m.subject)).toContain('Votre mot de passe a été changé');
  });

  it('slows failed logins progressively, per espace, and unlocks after the wait', async () => {
    await createEspace(new FamilyBrowser(app));
    await activate(new FamilyBrowser(app));
    const browser = new FamilyBrowser(app);
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(textOf((await logIn(browser, 'pas le bon mot')).html));
    expect(answers.slice(0, 3).every((t) => t.includes('Adresse e-mail ou mot de passe incorrect.') && !t.includes('attendez'))).toBe(true);
    expect(answers[3]).toContain('attendez 1\u00a0seconde avant de réessayer');
    // The fifth came during the wait: refused without trying the password.
    expect(answers[4]).toContain('Trop d’essais de mot de passe pour cet espace.');
    const locked = await logIn(browser);
    expect(locked.status).toBe(429);
    now = new Date(START.getTime() + 2_000);
    expect((await logIn(browser)).status).toBe(303);
  });

  it('limits logins per address of origin, in the database', async () => {
    const browser = new FamilyBrowser(app, '198.51.100.9');
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await logIn(browser, `essai ${i}`)).status;
    expect(last).toBe(429);
    expect((await logIn(new FamilyBrowser(app, '198.51.100.10'), 'essai')).status).toBe(400);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const browser = new FamilyBrowser(app);
    await browser.get('/');
    const forged = await browser.post('/connexion', { email: 'elodie.martin@example.fr', password: PASSWORD, _csrf: 'faux' });
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('Ce formulaire a expiré');
    const other = new FamilyBrowser(app);
    await other.get('/');
    const stolen = other.csrf();
    const cross = await browser.post('/connexion', { email: 'elodie.martin@example.fr', password: PASSWORD, _csrf: stolen });
    expect(cross.status).toBe(403);
  });

  it('shows each wrong field’s French message beside it, keeps what was typed but the passwords', async () => {
    const browser = new FamilyBrowser(app);
    await browser.get('/creer-mon-espace');
    const page = await browser.post('/creer-mon-espace', { lastName: 'Martin', firstName: '', email: 'elodie@', password: 'court', confirmation: 'court' });
    expect(page.status).toBe(400);
    const text = textOf(page.html);
    expect(text).toContain('4 champs sont à corriger');
    expect(text).toContain('Prénom obligatoire.');
    expect(text).toContain('Adresse e-mail invalide');
    expect(text).toContain('Mot de passe\u00a0: 12 caractères au moins.');
    expect(text).toContain('Cochez la case pour accepter le traitement de vos données.');
    expect(page.html).toMatch(/id="champ-email"[^>]*aria-invalid="true"[^>]*aria-describedby="champ-email-aide champ-email-erreur"|aria-describedby="champ-email-aide champ-email-erreur"[^>]*id="champ-email"/);
    expect(page.html).toContain('value="elodie@"');
    expect(page.html).not.toContain('value="court"');
    expect(await store.db.select().from(familyAccounts)).toEqual([]);
  });

  it('ends an idle session after 30 minutes, and logs out', async () => {
    await createEspace(new FamilyBrowser(app));
    await activate(new FamilyBrowser(app));
    const browser = new FamilyBrowser(app);
    await logIn(browser);
    now = new Date(START.getTime() + 29 * 60_000);
    expect((await browser.get('/mon-accueil')).status).toBe(200);
    now = new Date(START.getTime() + 60 * 60_000);
    expect((await browser.get('/mon-accueil')).status).toBe(303);

    await logIn(browser);
    await browser.get('/mon-accueil');
    expect(await browser.post('/deconnexion', {})).toMatchObject({ status: 303, location: '/' });
    expect(await browser.get('/mon-accueil')).toMatchObject({ status: 303, location: '/' });
  });

  it('sends strict security headers and a __Host- cookie', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-espace=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });
});

describe('an unknown address', () => {
  it('is a French page for a browser and the JSON refusal for a desk', async () => {
    const { store, dispose } = await tempPortalStore(STORE_KINDS[0]!);
    const app = buildPortal({ store, now: () => START, logLevel: false, settings: SETTINGS });
    try {
      const browser = await app.inject({ method: 'GET', url: '/mes-factures-inconnues', headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(browser.statusCode).toBe(404);
      expect(textOf(browser.body)).toContain('Cette adresse ne correspond à aucune page de votre espace famille.');
      const desk = await app.inject({ method: 'GET', url: '/sync/inconnu' });
      expect(desk.statusCode).toBe(404);
      expect(desk.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    } finally {
      await app.close();
      await dispose();
    }
  });
});
