import type { FastifyInstance } from 'fastify';
import { changeEmailForm, changePasswordForm, estimateForm, linkForm, profileForm } from '../../shared/contract/family-accounts.js';
import { parisToday } from '../../shared/domain/dates.js';
import { accountOf, changePassword, requestEmailChange, updateProfile } from './accounts.js';
import { readHousehold } from './household.js';
import { page, parseForm, type FamilyKit } from './kit.js';
import { linkState, requestLink } from './linking.js';
import { MyFamilyPage } from './pages/my-family.js';
import { MyHomePage } from './pages/my-home.js';
import { MySpacePage } from './pages/my-space.js';
import { TariffPage } from './pages/tariff.js';
import { countAttempt, LIMITS } from './rate-limits.js';
import { readSession, startSession } from './sessions.js';
import { estimate, gridInForce } from './tariffs.js';

/** The logged-in parent's pages: « Mon accueil », « Mon espace », « Ma famille », and the tariff simulator (open to all). */
export function spaceRoutes(app: FastifyInstance, kit: FamilyKit): void {
  const { store } = kit;

  app.get('/mon-espace', async (request, reply) => {
    const who = await kit.parent(request, reply);
    if (!who) return reply;
    return page(reply, 200, <MySpacePage viewer={who.viewer} account={who.account} />);
  });

  app.post('/mon-espace/profil', async (request, reply) => {
    const who = await kit.parentPost(request, reply);
    if (!who) return reply;
    const form = parseForm(profileForm, request.body);
    if (!form.data) return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="profile" values={form.values} errors={form.errors} />);
    await updateProfile(kit.context(), who.account.id, form.data);
    const account = (await accountOf(store, who.account.id))!;
    return page(reply, 200, <MySpacePage viewer={{ ...who.viewer, firstName: account.firstName }} account={account} done="Votre profil est enregistré." />);
  });

  app.post('/mon-espace/adresse', async (request, reply) => {
    const who = await kit.parentPost(request, reply);
    if (!who) return reply;
    const form = parseForm(changeEmailForm, request.body);
    if (!form.data) return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="email" values={form.values} errors={form.errors} />);
    const wait = await countAttempt(store.db, LIMITS.currentPerAccount, who.account.id, kit.now());
    if (wait > 0) return kit.tooMany(reply, wait);
    const result = await requestEmailChange(kit.context(), who.account.id, form.data.email, form.data.current);
    if (result === 'wrong') return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="email" values={form.values} errors={{ current: 'Mot de passe incorrect.' }} />);
    kit.kickMail();
    return page(reply, 200, <MySpacePage viewer={who.viewer} account={who.account} done={`Un lien de confirmation a été envoyé à ${form.data.email}. Votre identifiant changera quand vous l’aurez ouvert.`} />);
  });

  app.post('/mon-espace/mot-de-passe', async (request, reply) => {
    const who = await kit.parentPost(request, reply);
    if (!who) return reply;
    const form = parseForm(changePasswordForm, request.body);
    if (!form.data) return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="password" errors={form.errors} />);
    const wait = await countAttempt(store.db, LIMITS.currentPerAccount, who.account.id, kit.now());
    if (wait > 0) return kit.tooMany(reply, wait);
    const result = await changePassword(kit.context(), who.account.id, form.data.current, form.data.password);
    if (result === 'wrong') return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="password" errors={{ current: 'Mot de passe incorrect.' }} />);
    kit.kickMail();
    // A change of credentials: a new session for this browser, every other one closed.
    const session = await startSession(store.db, reply, { accountId: who.account.id, now: kit.now() });
    return page(reply, 200, <MySpacePage viewer={{ ...who.viewer, csrf: session.csrf }} account={who.account} done={'Votre mot de passe est changé\u00a0; toute autre connexion à votre espace a été fermée.'} />);
  });

  app.get<{ Querystring: { qf?: string } }>('/estimer-mon-tarif', async (request, reply) => {
    const now = kit.now();
    const grid = await gridInForce(store.db, parisToday(now));
    const viewer = (await kit.parentOf(await readSession(store.db, request, now)))?.viewer ?? null;
    if (request.query.qf === undefined || grid === null) return page(reply, 200, <TariffPage viewer={viewer} grid={grid} />);
    const form = parseForm(estimateForm, { qf: request.query.qf });
    if (!form.data) return page(reply, 400, <TariffPage viewer={viewer} grid={grid} qf={request.query.qf} errors={form.errors} />);
    return page(reply, 200, <TariffPage viewer={viewer} grid={grid} qf={request.query.qf} result={estimate(grid, form.data.qf)} />);
  });

  app.get('/mon-accueil', async (request, reply) => {
    const who = await kit.parent(request, reply);
    if (!who) return reply;
    const link = await linkState(store, who.account);
    return page(reply, 200, <MyHomePage viewer={who.viewer} link={link} />);
  });

  app.get('/ma-famille', async (request, reply) => {
    const who = await kit.parent(request, reply);
    if (!who) return reply;
    const link = await linkState(store, who.account);
    const household = link.state === 'linked' ? await readHousehold(store.db, link.familyId, parisToday(kit.now())) : null;
    return page(reply, 200, <MyFamilyPage viewer={who.viewer} household={household} link={link} />);
  });

  app.post('/ma-famille/relier', async (request, reply) => {
    const who = await kit.parentPost(request, reply);
    if (!who) return reply;
    const link = await linkState(store, who.account);
    // Linked already, or waiting for an agent: nothing to send again.
    if (link.state === 'linked' || link.state === 'waiting') return reply.redirect('/ma-famille', 303);
    const form = parseForm(linkForm, request.body);
    if (!form.data) return page(reply, 400, <MyFamilyPage viewer={who.viewer} household={null} link={link} values={form.values} errors={form.errors} />);
    await requestLink(store, who.account, form.data, kit.now());
    return reply.redirect('/ma-famille', 303);
  });
}

