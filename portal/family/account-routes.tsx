import type { FastifyInstance } from 'fastify';
import { createAccountForm, forgotForm, loginForm, resetForm } from '../../shared/contract/family-accounts.js';
import { activateAccount, confirmEmailChange, createAccount, login, requestPasswordReset, resetPassword } from './accounts.js';
import { formText, page, parseForm, waitText, type FamilyKit } from './kit.js';
import { ActivatePage, CheckMailPage, CreateAccountPage, ForgotPage, MessagePage, ResetPage } from './pages/account.js';
import { ConfirmEmailPage } from './pages/my-space.js';
import { HomePage } from './pages/public.js';
import { countAttempt, LIMITS } from './rate-limits.js';
import { checkToken, type TokenKind } from './tokens.js';
import { endSession, startSession } from './sessions.js';

/** The espace's life before the parent is in: the public home and login, creating, activating, recovering, confirming a new address. */
export function accountRoutes(app: FastifyInstance, kit: FamilyKit): void {
  const { store } = kit;
  /** What an e-mailed link is worth, without using it (the page that asks to confirm). */
  const tokenState = async (token: string, kind: TokenKind) => (token ? (await checkToken(store.db, token, kind, kit.now())).state : 'unknown');

  app.get('/', async (request, reply) => {
    const session = await kit.visitor(request, reply);
    if (session.accountId) return reply.redirect('/mon-accueil', 303);
    return page(reply, 200, <HomePage csrf={session.csrf} />);
  });

  app.post('/connexion', async (request, reply) => {
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    const wait = await countAttempt(store.db, LIMITS.loginPerIp, request.ip, kit.now());
    if (wait > 0) return kit.tooMany(reply, wait);
    const form = parseForm(loginForm, request.body);
    const email = typeof form.values.email === 'string' ? form.values.email : '';
    if (!form.data) return page(reply, 400, <HomePage csrf={session.csrf} email={email} errors={form.errors} />);
    const result = await login(kit.context(), form.data.email, form.data.password);
    if (result.outcome === 'ok') {
      // A new session at login: a secret known before it (fixation) is worth nothing after.
      await startSession(store.db, reply, { accountId: result.accountId, now: kit.now(), replaces: session });
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
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    await endSession(store.db, reply, session);
    return reply.redirect('/', 303);
  });

  app.get('/creer-mon-espace', async (request, reply) => {
    const session = await kit.visitor(request, reply);
    return page(reply, 200, <CreateAccountPage csrf={session.csrf} values={{}} errors={{}} />);
  });

  app.post('/creer-mon-espace', async (request, reply) => {
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    const form = parseForm(createAccountForm, request.body);
    if (!form.data) return page(reply, 400, <CreateAccountPage csrf={session.csrf} values={form.values} errors={form.errors} />);
    const now = kit.now();
    const wait = Math.max(await countAttempt(store.db, LIMITS.createPerIp, request.ip, now), await countAttempt(store.db, LIMITS.createPerEmail, form.data.email, now));
    if (wait > 0) return kit.tooMany(reply, wait);
    await createAccount(kit.context(), form.data);
    kit.kickMail();
    return page(reply, 200, <CheckMailPage email={form.data.email} reason="created" />);
  });

  app.get<{ Querystring: { jeton?: string } }>('/activer', async (request, reply) => {
    const session = await kit.visitor(request, reply);
    const token = request.query.jeton ?? '';
    const state = await tokenState(token, 'activation');
    return page(reply, state === 'valid' ? 200 : 410, <ActivatePage csrf={session.csrf} token={token} state={state} />);
  });

  app.post('/activer', async (request, reply) => {
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    const token = formText(request.body, 'token');
    const result = await activateAccount(kit.context(), token);
    if (result !== 'activated') return page(reply, 410, <ActivatePage csrf={session.csrf} token="" state={result} />);
    return page(reply, 200, <MessagePage title="Votre espace est activé" kind="success" message="Votre espace famille est activé. Vous pouvez vous connecter avec votre adresse e-mail et votre mot de passe." link={{ href: '/', label: 'Se connecter' }} />);
  });

  app.get('/mot-de-passe-oublie', async (request, reply) => {
    const session = await kit.visitor(request, reply);
    return page(reply, 200, <ForgotPage csrf={session.csrf} errors={{}} />);
  });

  app.post('/mot-de-passe-oublie', async (request, reply) => {
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    const form = parseForm(forgotForm, request.body);
    if (!form.data) return page(reply, 400, <ForgotPage csrf={session.csrf} email={String(form.values.email ?? '')} errors={form.errors} />);
    const now = kit.now();
    const wait = Math.max(await countAttempt(store.db, LIMITS.forgotPerIp, request.ip, now), await countAttempt(store.db, LIMITS.forgotPerEmail, form.data.email, now));
    if (wait > 0) return kit.tooMany(reply, wait);
    await requestPasswordReset(kit.context(), form.data.email);
    kit.kickMail();
    return page(reply, 200, <CheckMailPage email={form.data.email} reason="forgot" />);
  });

  app.get<{ Querystring: { jeton?: string } }>('/nouveau-mot-de-passe', async (request, reply) => {
    const session = await kit.visitor(request, reply);
    const token = request.query.jeton ?? '';
    const state = await tokenState(token, 'reset');
    return page(reply, state === 'valid' ? 200 : 410, <ResetPage csrf={session.csrf} token={token} state={state} errors={{}} />);
  });

  app.post('/nouveau-mot-de-passe', async (request, reply) => {
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    const form = parseForm(resetForm, request.body);
    const token = String(form.values.token ?? '');
    if (!form.data) return page(reply, 400, <ResetPage csrf={session.csrf} token={token} state="valid" errors={form.errors} />);
    const result = await resetPassword(kit.context(), form.data.token, form.data.password);
    kit.kickMail();
    if (result !== 'changed') return page(reply, 410, <ResetPage csrf={session.csrf} token="" state={result === 'activated' ? 'unknown' : result} errors={{}} />);
    return page(reply, 200, <MessagePage title="Mot de passe changé" kind="success" message="Votre nouveau mot de passe est enregistré, et toute autre connexion à votre espace a été fermée. Connectez-vous avec ce mot de passe." link={{ href: '/', label: 'Se connecter' }} />);
  });

  app.get<{ Querystring: { jeton?: string } }>('/confirmer-adresse', async (request, reply) => {
    const session = await kit.visitor(request, reply);
    const token = request.query.jeton ?? '';
    const state = await tokenState(token, 'email');
    return page(reply, state === 'valid' ? 200 : 410, <ConfirmEmailPage csrf={session.csrf} token={token} state={state} />);
  });

  app.post('/confirmer-adresse', async (request, reply) => {
    const session = await kit.posted(request, reply);
    if (!session) return reply;
    const result = await confirmEmailChange(kit.context(), formText(request.body, 'token'));
    if (result === 'expired' || result === 'unknown' || result === 'activated') return page(reply, 410, <ConfirmEmailPage csrf={session.csrf} token="" state={result === 'expired' ? 'expired' : 'unknown'} />);
    if (result === 'taken') return page(reply, 409, <MessagePage title="Adresse déjà utilisée" kind="warning" message={'Cette adresse est déjà l’identifiant d’un autre espace famille\u00a0: votre identifiant n’a pas changé.'} link={{ href: '/', label: 'Retour à l’accueil' }} />);
    return page(reply, 200, <MessagePage title="Adresse confirmée" kind="success" message="Cette adresse est désormais l’identifiant de votre espace famille." link={{ href: '/', label: 'Se connecter' }} />);
  });
}
