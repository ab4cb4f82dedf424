import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { z } from 'zod';
import { changeEmailForm, changePasswordForm, createAccountForm, estimateForm, forgotForm, linkForm, loginForm, profileForm, resetForm } from '../../shared/contract/family-accounts.js';
import { parisToday } from '../../shared/domain/dates.js';
import type { PortalSettings } from '../config.js';
import type { PortalStore } from '../store/open.js';
import { accountOf, activateAccount, changePassword, confirmEmailChange, createAccount, login, requestEmailChange, requestPasswordReset, resetPassword, updateProfile, type AccountContext } from './accounts.js';
import { ActivatePage, CheckMailPage, CreateAccountPage, ForgotPage, MessagePage, ResetPage } from './pages/account.js';
import type { FieldErrors } from './pages/forms.js';
import { readHousehold } from './household.js';
import { linkState, requestLink } from './linking.js';
import { MyFamilyPage } from './pages/my-family.js';
import { MyHomePage } from './pages/my-home.js';
import { ConfirmEmailPage, MySpacePage } from './pages/my-space.js';
import { HomePage } from './pages/public.js';
import { TariffPage } from './pages/tariff.js';
import { estimate, gridInForce } from './tariffs.js';
import { countAttempt, LIMITS } from './rate-limits.js';
import { checkToken, type TokenKind } from './tokens.js';
import { csrfMatches, endSession, readSession, startSession, type FamilySession } from './sessions.js';

/**
 * Mon Espace Famille's pages (issue 11), a module of its own beside the sync hub: server-rendered
 * HTML (React to static markup, no script), forms posted as `x-www-form-urlencoded` with a CSRF
 * token, a server-side session. Security headers and the CSP apply to these routes.
 */
export interface FamilyOptions {
  store: PortalStore;
  now: () => Date;
  settings: PortalSettings;
  /** Asks the mail job to send at once (a parent waits for the activation mail). */
  kickMail(): void;
}

const CSS = readFileSync(new URL('./famille.css', import.meta.url));

export async function familyRoutes(app: FastifyInstance, options: FamilyOptions): Promise<void> {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: options.settings.mode === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  const { store, settings } = options;
  const context = (): AccountContext => ({ store, settings, now: options.now() });

  app.get('/famille.css', (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

  /** The visitor's session, a new anonymous one if none (its CSRF token goes in the page's forms). */
  const visitor = async (request: FastifyRequest, reply: FastifyReply): Promise<FamilySession> =>
    (await readSession(store.db, request, options.now())) ?? startSession(store.db, reply, { accountId: null, now: options.now() });

  /** What an e-mailed link is worth, without using it (the page that asks to confirm). */
  const tokenState = async (token: string, kind: TokenKind) => (token ? (await checkToken(store.db, token, kind, options.now())).state : 'unknown');

  /** A POST's session, when its form carries the session's token; else the page says the form expired. */
  const posted = async (request: FastifyRequest, reply: FastifyReply): Promise<FamilySession | null> => {
    const session = await readSession(store.db, request, options.now());
    if (csrfMatches(session, (request.body as Record<string, unknown> | undefined)?._csrf)) return session;
    await page(reply, 403, <MessagePage title="Formulaire expiré" kind="warning" message="Ce formulaire a expiré (ou a été ouvert dans un autre onglet). Rechargez la page, puis recommencez." link={{ href: '/', label: 'Retour à l’accueil' }} />);
    return null;
  };

  const tooMany = (reply: FastifyReply, seconds: number) =>
    page(reply, 429, <MessagePage title="Trop de tentatives" kind="warning" message={`Trop de demandes en peu de temps. Par sécurité, réessayez dans ${waitText(seconds)}.`} link={{ href: '/', label: 'Retour à l’accueil' }} />, { 'retry-after': String(seconds) });

  app.get('/', async (request, reply) => {
    const session = await visitor(request, reply);
    if (session.accountId) return reply.redirect('/mon-accueil', 303);
    return page(reply, 200, <HomePage csrf={session.csrf} />);
  });

  app.post('/connexion', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    const wait = await countAttempt(store.db, LIMITS.loginPerIp, request.ip, options.now());
    if (wait > 0) return tooMany(reply, wait);
    const form = parseForm(loginForm, request.body);
    const email = typeof form.values.email === 'string' ? form.values.email : '';
    if (!form.data) return page(reply, 400, <HomePage csrf={session.csrf} email={email} errors={form.errors} />);
    const result = await login(context(), form.data.email, form.data.password);
    if (result.outcome === 'ok') {
      // A new session at login: a secret known before it (fixation) is worth nothing after.
      await startSession(store.db, reply, { accountId: result.accountId, now: options.now(), replaces: session });
      return reply.redirect('/mon-accueil', 303);
    }
    const message = {
      invalid: 'Adresse e-mail ou mot de passe incorrect.',
      locked: 'Trop d’essais de mot de passe pour cet espace.',
      pending: 'Votre espace n’est pas encore activé\u00a0: ouvrez le lien reçu par e-mail. Lien perdu ou expiré\u00a0? «\u00a0J’ai oublié mon mot de passe\u00a0» vous en envoie un nouveau.',
      disabled: 'Cet espace est désactivé. Contactez la Caisse des écoles\u00a0: dossier@cdeparis11.fr.',
    }[result.outcome];
    const waitSeconds = 'waitSeconds' in result ? result.waitSeconds : 0;
    const full = waitSeconds > 0 ? `${message} Par sécurité, attendez ${waitText(waitSeconds)} avant de réessayer.` : message;
    return page(reply, result.outcome === 'locked' ? 429 : 400, <HomePage csrf={session.csrf} email={email} loginError={full} />);
  });

  app.post('/deconnexion', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    await endSession(store.db, reply, session);
    return reply.redirect('/', 303);
  });

  app.get('/creer-mon-espace', async (request, reply) => {
    const session = await visitor(request, reply);
    return page(reply, 200, <CreateAccountPage csrf={session.csrf} values={{}} errors={{}} />);
  });

  app.post('/creer-mon-espace', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    const form = parseForm(createAccountForm, request.body);
    if (!form.data) return page(reply, 400, <CreateAccountPage csrf={session.csrf} values={form.values} errors={form.errors} />);
    const now = options.now();
    const wait = Math.max(await countAttempt(store.db, LIMITS.createPerIp, request.ip, now), await countAttempt(store.db, LIMITS.createPerEmail, form.data.email, now));
    if (wait > 0) return tooMany(reply, wait);
    await createAccount(context(), form.data);
    options.kickMail();
    return page(reply, 200, <CheckMailPage email={form.data.email} reason="created" />);
  });

  app.get<{ Querystring: { jeton?: string } }>('/activer', async (request, reply) => {
    const session = await visitor(request, reply);
    const token = request.query.jeton ?? '';
    const state = await tokenState(token, 'activation');
    return page(reply, state === 'valid' ? 200 : 410, <ActivatePage csrf={session.csrf} token={token} state={state} />);
  });

  app.post('/activer', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    const token = formText(request.body, 'token');
    const result = await activateAccount(context(), token);
    if (result !== 'activated') return page(reply, 410, <ActivatePage csrf={session.csrf} token="" state={result} />);
    return page(reply, 200, <MessagePage title="Votre espace est activé" kind="success" message="Votre espace famille est activé. Vous pouvez vous connecter avec votre adresse e-mail et votre mot de passe." link={{ href: '/', label: 'Se connecter' }} />);
  });

  app.get('/mot-de-passe-oublie', async (request, reply) => {
    const session = await visitor(request, reply);
    return page(reply, 200, <ForgotPage csrf={session.csrf} errors={{}} />);
  });

  app.post('/mot-de-passe-oublie', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    const form = parseForm(forgotForm, request.body);
    if (!form.data) return page(reply, 400, <ForgotPage csrf={session.csrf} email={String(form.values.email ?? '')} errors={form.errors} />);
    const now = options.now();
    const wait = Math.max(await countAttempt(store.db, LIMITS.forgotPerIp, request.ip, now), await countAttempt(store.db, LIMITS.forgotPerEmail, form.data.email, now));
    if (wait > 0) return tooMany(reply, wait);
    await requestPasswordReset(context(), form.data.email);
    options.kickMail();
    return page(reply, 200, <CheckMailPage email={form.data.email} reason="forgot" />);
  });

  app.get<{ Querystring: { jeton?: string } }>('/nouveau-mot-de-passe', async (request, reply) => {
    const session = await visitor(request, reply);
    const token = request.query.jeton ?? '';
    const state = await tokenState(token, 'reset');
    return page(reply, state === 'valid' ? 200 : 410, <ResetPage csrf={session.csrf} token={token} state={state} errors={{}} />);
  });

  app.post('/nouveau-mot-de-passe', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    const form = parseForm(resetForm, request.body);
    const token = String(form.values.token ?? '');
    if (!form.data) return page(reply, 400, <ResetPage csrf={session.csrf} token={token} state="valid" errors={form.errors} />);
    const result = await resetPassword(context(), form.data.token, form.data.password);
    options.kickMail();
    if (result !== 'changed') return page(reply, 410, <ResetPage csrf={session.csrf} token="" state={result === 'activated' ? 'unknown' : result} errors={{}} />);
    return page(reply, 200, <MessagePage title="Mot de passe changé" kind="success" message="Votre nouveau mot de passe est enregistré, et toute autre connexion à votre espace a été fermée. Connectez-vous avec ce mot de passe." link={{ href: '/', label: 'Se connecter' }} />);
  });

  /** The logged-in parent of `session` (an active espace), as the pages greet them; null when none. */
  const parentOf = async (session: FamilySession | null) => {
    const account = session?.accountId ? await accountOf(store, session.accountId) : null;
    return session && account ? { session, account, viewer: { firstName: account.firstName, csrf: session.csrf } } : null;
  };

  /** The logged-in parent, or null after sending the browser to the home page; `session`: one already read. */
  const parent = async (request: FastifyRequest, reply: FastifyReply, session?: FamilySession) => {
    const who = await parentOf(session ?? (await readSession(store.db, request, options.now())));
    if (!who) await reply.redirect('/', 303);
    return who;
  };

  app.get('/mon-espace', async (request, reply) => {
    const who = await parent(request, reply);
    if (!who) return reply;
    return page(reply, 200, <MySpacePage viewer={who.viewer} account={who.account} />);
  });

  /** A form posted by the logged-in parent: its session and account, or null once answered. */
  const parentPost = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await posted(request, reply);
    return session ? parent(request, reply, session) : null;
  };

  app.post('/mon-espace/profil', async (request, reply) => {
    const who = await parentPost(request, reply);
    if (!who) return reply;
    const form = parseForm(profileForm, request.body);
    if (!form.data) return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="profile" values={form.values} errors={form.errors} />);
    await updateProfile(context(), who.account.id, form.data);
    const account = (await accountOf(store, who.account.id))!;
    return page(reply, 200, <MySpacePage viewer={{ ...who.viewer, firstName: account.firstName }} account={account} done="Votre profil est enregistré." />);
  });

  app.post('/mon-espace/adresse', async (request, reply) => {
    const who = await parentPost(request, reply);
    if (!who) return reply;
    const form = parseForm(changeEmailForm, request.body);
    if (!form.data) return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="email" values={form.values} errors={form.errors} />);
    const wait = await countAttempt(store.db, LIMITS.currentPerAccount, who.account.id, options.now());
    if (wait > 0) return tooMany(reply, wait);
    const result = await requestEmailChange(context(), who.account.id, form.data.email, form.data.current);
    if (result === 'wrong') return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="email" values={form.values} errors={{ current: 'Mot de passe incorrect.' }} />);
    options.kickMail();
    return page(reply, 200, <MySpacePage viewer={who.viewer} account={who.account} done={`Un lien de confirmation a été envoyé à ${form.data.email}. Votre identifiant changera quand vous l’aurez ouvert.`} />);
  });

  app.post('/mon-espace/mot-de-passe', async (request, reply) => {
    const who = await parentPost(request, reply);
    if (!who) return reply;
    const form = parseForm(changePasswordForm, request.body);
    if (!form.data) return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="password" errors={form.errors} />);
    const wait = await countAttempt(store.db, LIMITS.currentPerAccount, who.account.id, options.now());
    if (wait > 0) return tooMany(reply, wait);
    const result = await changePassword(context(), who.account.id, form.data.current, form.data.password);
    if (result === 'wrong') return page(reply, 400, <MySpacePage viewer={who.viewer} account={who.account} form="password" errors={{ current: 'Mot de passe incorrect.' }} />);
    options.kickMail();
    // A change of credentials: a new session for this browser, every other one closed.
    const session = await startSession(store.db, reply, { accountId: who.account.id, now: options.now() });
    return page(reply, 200, <MySpacePage viewer={{ ...who.viewer, csrf: session.csrf }} account={who.account} done={'Votre mot de passe est changé\u00a0; toute autre connexion à votre espace a été fermée.'} />);
  });

  app.get<{ Querystring: { jeton?: string } }>('/confirmer-adresse', async (request, reply) => {
    const session = await visitor(request, reply);
    const token = request.query.jeton ?? '';
    const state = await tokenState(token, 'email');
    return page(reply, state === 'valid' ? 200 : 410, <ConfirmEmailPage csrf={session.csrf} token={token} state={state} />);
  });

  app.post('/confirmer-adresse', async (request, reply) => {
    const session = await posted(request, reply);
    if (!session) return reply;
    const result = await confirmEmailChange(context(), formText(request.body, 'token'));
    if (result === 'expired' || result === 'unknown' || result === 'activated') return page(reply, 410, <ConfirmEmailPage csrf={session.csrf} token="" state={result === 'expired' ? 'expired' : 'unknown'} />);
    if (result === 'taken') return page(reply, 409, <MessagePage title="Adresse déjà utilisée" kind="warning" message={'Cette adresse est déjà l’identifiant d’un autre espace famille\u00a0: votre identifiant n’a pas changé.'} link={{ href: '/', label: 'Retour à l’accueil' }} />);
    return page(reply, 200, <MessagePage title="Adresse confirmée" kind="success" message="Cette adresse est désormais l’identifiant de votre espace famille." link={{ href: '/', label: 'Se connecter' }} />);
  });

  app.get<{ Querystring: { qf?: string } }>('/estimer-mon-tarif', async (request, reply) => {
    const now = options.now();
    const grid = await gridInForce(store.db, parisToday(now));
    const viewer = (await parentOf(await readSession(store.db, request, now)))?.viewer ?? null;
    if (request.query.qf === undefined || grid === null) return page(reply, 200, <TariffPage viewer={viewer} grid={grid} />);
    const form = parseForm(estimateForm, { qf: request.query.qf });
    if (!form.data) return page(reply, 400, <TariffPage viewer={viewer} grid={grid} qf={request.query.qf} errors={form.errors} />);
    return page(reply, 200, <TariffPage viewer={viewer} grid={grid} qf={request.query.qf} result={estimate(grid, form.data.qf)} />);
  });

  app.get('/mon-accueil', async (request, reply) => {
    const who = await parent(request, reply);
    if (!who) return reply;
    const link = await linkState(store, who.account);
    return page(reply, 200, <MyHomePage viewer={who.viewer} link={link} />);
  });

  app.get('/ma-famille', async (request, reply) => {
    const who = await parent(request, reply);
    if (!who) return reply;
    const link = await linkState(store, who.account);
    const household = link.state === 'linked' ? await readHousehold(store.db, link.familyId, parisToday(options.now())) : null;
    return page(reply, 200, <MyFamilyPage viewer={who.viewer} household={household} link={link} />);
  });

  app.post('/ma-famille/relier', async (request, reply) => {
    const who = await parentPost(request, reply);
    if (!who) return reply;
    const link = await linkState(store, who.account);
    // Linked already, or waiting for an agent: nothing to send again.
    if (link.state === 'linked' || link.state === 'waiting') return reply.redirect('/ma-famille', 303);
    const form = parseForm(linkForm, request.body);
    if (!form.data) return page(reply, 400, <MyFamilyPage viewer={who.viewer} household={null} link={link} values={form.values} errors={form.errors} />);
    await requestLink(store, who.account, form.data, options.now());
    return reply.redirect('/ma-famille', 303);
  });
}

/** « Page introuvable », for a browser asking an address the server does not have. */
export function notFoundPage(reply: FastifyReply): FastifyReply {
  return page(reply, 404, <MessagePage title="Page introuvable" kind="warning" message="Cette adresse ne correspond à aucune page de votre espace famille." link={{ href: '/', label: 'Retour à l’accueil' }} />);
}

/** A page: HTML5, never cached (it may show a family's data or carry a form's token). */
function page(reply: FastifyReply, status: number, element: ReactElement, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .status(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToStaticMarkup(element)}`);
}

/** A form parsed: its data, or the French message of each wrong field and what was typed (never a password). */
function parseForm<S extends z.ZodType>(schema: S, body: unknown): { data: z.output<S> | null; errors: FieldErrors; values: Record<string, string> } {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string' && key !== 'password' && key !== 'confirmation' && key !== '_csrf') values[key] = value;
  const { _csrf: _ignored, ...fields } = raw;
  const result = schema.safeParse(fields);
  if (result.success) return { data: result.data, errors: {}, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { data: null, errors, values };
}

/** One text field of a posted form ('' when absent or not text). */
function formText(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds}\u00a0seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes}\u00a0minute${minutes > 1 ? 's' : ''}`;
}
