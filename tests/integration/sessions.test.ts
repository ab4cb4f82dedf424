import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch.js';
import { createFamily } from '../../main/services/families/file.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { DeskSession, SessionRegistry } from '../../main/session/index.js';
import { familyInput } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { HIDDEN_HEALTH_TEXT } from '../../shared/rules/health-visibility.js';
import { familyInput as fixture } from '../helpers/fixtures.js';
import { loggedInSession, registryAt, TEST_PASSWORD } from '../helpers/sessions.js';
import { tempContext } from '../helpers/temp-context.js';
import { pdfFixture } from '../helpers/uploads.js';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.dispose());

const ADMIN = { login: 'admin', displayName: 'Camille Martin', password: 'une phrase de passe', confirmation: 'une phrase de passe' };
const MINUTE = 60_000;

async function firstAdmin(session: DeskSession) {
  const answer = await dispatch(ctx, session, 'session.createFirstAdmin', ADMIN);
  expect(answer.ok).toBe(true);
  return answer;
}

describe('first start', () => {
  it('creates the administrator with every role, logged in at once; then refuses a second one', async () => {
    const registry = new SessionRegistry();
    const session = registry.open();
    expect(await dispatch(ctx, session, 'session.state', {})).toMatchObject({ ok: true, value: { hasAccounts: false, account: null, locked: false } });
    const created = await firstAdmin(session);
    expect(created).toMatchObject({
      ok: true,
      value: { hasAccounts: true, locked: false, account: { login: 'admin', displayName: 'Camille Martin', permissions: ['accueil', 'instruction', 'regie', 'facturation', 'administration'] } },
    });
    const other = registry.open();
    expect(await dispatch(ctx, other, 'session.createFirstAdmin', { ...ADMIN, login: 'intrus' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM staff_accounts').get()).toEqual({ n: 1 });
  });

  it('checks the password rules in French, naming the field', async () => {
    const session = new SessionRegistry().open();
    expect(await dispatch(ctx, session, 'session.createFirstAdmin', { ...ADMIN, password: 'court', confirmation: 'court' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'password', message: 'Mot de passe\u00a0: 12 caractères au moins.' },
    });
    expect(await dispatch(ctx, session, 'session.createFirstAdmin', { ...ADMIN, confirmation: 'autre chose encore' })).toMatchObject({
      ok: false,
      error: { field: 'confirmation', message: 'Les deux mots de passe sont différents.' },
    });
  });

  it('stores an argon2id hash that no answer, audit entry or log carries; the account goes to the outbox', async () => {
    await firstAdmin(new SessionRegistry().open());
    const row = ctx.store.sqlite.prepare('SELECT id, password_hash FROM staff_accounts').get() as { id: string; password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audits = ctx.store.sqlite.prepare("SELECT after FROM audit_log WHERE entity = 'staff_accounts'").all() as { after: string }[];
    expect(audits.length).toBeGreaterThan(0);
    for (const a of audits) expect(a.after).not.toContain('$argon2');
    const outbox = ctx.store.sqlite.prepare("SELECT field FROM outbox WHERE entity = 'staff_accounts' AND row_id = ?").all(row.id) as { field: string }[];
    expect(outbox.map((o) => o.field)).toEqual(expect.arrayContaining(['login', 'roles', 'password_hash', 'active']));
    const admin = new SessionRegistry().open();
    await dispatch(ctx, admin, 'session.login', { login: 'admin', password: ADMIN.password });
    const list = await dispatch(ctx, admin, 'accounts.list', {});
    expect(JSON.stringify(list)).not.toContain('argon2');
  });
});

describe('login', () => {
  it('logs in, names the account as the audit’s actor, and logs out (« Changer d’utilisateur »)', async () => {
    await firstAdmin(new SessionRegistry().open());
    const session = new SessionRegistry().open();
    expect(await dispatch(ctx, session, 'session.login', { login: ' ADMIN ', password: ADMIN.password })).toMatchObject({ ok: true, value: { account: { login: 'admin' } } });
    const family = await dispatch(ctx, session, 'families.create', fixture());
    expect(family.ok).toBe(true);
    const actors = ctx.store.sqlite.prepare("SELECT DISTINCT actor FROM audit_log WHERE entity = 'families'").all();
    expect(actors).toEqual([{ actor: 'admin' }]);
    expect(await dispatch(ctx, session, 'session.logout', {})).toMatchObject({ ok: true, value: { account: null } });
    expect(await dispatch(ctx, session, 'families.search', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('says « Identifiant ou mot de passe incorrect. » for a wrong password or an unknown login, and slows down after 5 failures', async () => {
    await firstAdmin(new SessionRegistry().open());
    const clock = { now: 1_000_000 };
    const registry = registryAt(clock);
    const session = registry.open();
    for (let i = 0; i < 5; i++) {
      expect(await dispatch(ctx, session, 'session.login', { login: 'admin', password: 'pas le bon mot' })).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: 'Identifiant ou mot de passe incorrect.', field: 'password', issues: [{ field: 'password', message: 'Identifiant ou mot de passe incorrect.' }] },
      });
    }
    // Even the right password waits now.
    expect(await dispatch(ctx, session, 'session.login', { login: 'admin', password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', message: 'Trop de mots de passe erronés\u00a0: attendez 30\u00a0secondes avant de réessayer.' },
    });
    clock.now += 29_000;
    expect(await dispatch(ctx, session, 'session.login', { login: 'admin', password: ADMIN.password })).toMatchObject({ ok: false, error: { message: expect.stringContaining('attendez 1\u00a0seconde avant') } });
    clock.now += 1_000;
    expect(await dispatch(ctx, session, 'session.login', { login: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await dispatch(ctx, session, 'session.login', { login: 'personne', password: 'pas le bon mot' })).toMatchObject({ ok: false, error: { message: 'Identifiant ou mot de passe incorrect.' } });
  });

  it('refuses a deactivated account at once, even in an open session', async () => {
    const registry = new SessionRegistry();
    const admin = registry.open();
    await firstAdmin(admin);
    const agent = await loggedInSession(ctx, ['accueil'], 'jdupont', registry);
    const agentId = agent.accountId!;
    expect(await dispatch(ctx, agent, 'families.search', {})).toMatchObject({ ok: true });
    expect(await dispatch(ctx, admin, 'accounts.deactivate', { id: agentId })).toMatchObject({ ok: true, value: { active: false } });
    expect(await dispatch(ctx, agent, 'families.search', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await dispatch(ctx, registry.open(), 'session.login', { login: 'jdupont', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('idle lock', () => {
  it('locks after 15 minutes without an operation: LOCKED until the password is given again, the session kept', async () => {
    const clock = { now: 0 };
    const registry = registryAt(clock);
    const session = registry.open();
    await firstAdmin(session);
    clock.now += 14 * MINUTE;
    expect(await dispatch(ctx, session, 'families.search', {})).toMatchObject({ ok: true });
    clock.now += 14 * MINUTE; // the last operation counts, not the login
    expect(await dispatch(ctx, session, 'families.search', {})).toMatchObject({ ok: true });
    clock.now += 15 * MINUTE;
    expect(await dispatch(ctx, session, 'families.search', {})).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'Session verrouillée\u00a0: saisissez votre mot de passe pour continuer.' },
    });
    expect(await dispatch(ctx, session, 'session.state', {})).toMatchObject({ ok: true, value: { locked: true, account: { login: 'admin' } } });
    expect(await dispatch(ctx, session, 'session.unlock', { password: 'pas le bon mot' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password', message: 'Mot de passe incorrect.' } });
    expect(await dispatch(ctx, session, 'session.unlock', { password: ADMIN.password })).toMatchObject({ ok: true, value: { locked: false, account: { login: 'admin' } } });
    expect(await dispatch(ctx, session, 'families.search', {})).toMatchObject({ ok: true });
  });

  it('« Verrouiller » locks at once; « Changer d’utilisateur » works while locked', async () => {
    const session = new SessionRegistry().open();
    await firstAdmin(session);
    expect(await dispatch(ctx, session, 'session.lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(await dispatch(ctx, session, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await dispatch(ctx, session, 'session.logout', {})).toMatchObject({ ok: true, value: { account: null, locked: false } });
  });
});

describe('accounts', () => {
  it('creates, updates, resets a password; an admin cannot deactivate themself nor remove the last administrator', async () => {
    const registry = new SessionRegistry();
    const admin = registry.open();
    await firstAdmin(admin);
    const adminId = admin.accountId!;
    const created = await dispatch(ctx, admin, 'accounts.create', { login: 'lucie', displayName: 'Lucie Bernard', permissions: ['regie', 'sante'], password: 'caisse du onzième', confirmation: 'caisse du onzième' });
    expect(created).toMatchObject({ ok: true, value: { login: 'lucie', permissions: ['regie', 'sante'], active: true, lastLoginAt: null } });
    const lucieId = (created as { value: { id: string } }).value.id;
    expect(await dispatch(ctx, admin, 'accounts.create', { login: 'lucie', displayName: 'Autre Lucie', permissions: [], password: 'caisse du onzième', confirmation: 'caisse du onzième' })).toMatchObject({
      ok: false,
      error: { field: 'login', message: 'L’identifiant «\u00a0lucie\u00a0» est déjà pris.' },
    });
    expect(await dispatch(ctx, admin, 'accounts.update', { id: lucieId, displayName: 'Lucie Bernard-Roy', permissions: ['regie'] })).toMatchObject({ ok: true, value: { permissions: ['regie'] } });
    expect(await dispatch(ctx, admin, 'accounts.setPassword', { id: lucieId, password: 'nouvelle phrase secrète', confirmation: 'nouvelle phrase secrète' })).toEqual({ ok: true, value: { ok: true } });
    expect(await dispatch(ctx, registry.open(), 'session.login', { login: 'lucie', password: 'nouvelle phrase secrète' })).toMatchObject({ ok: true });

    expect(await dispatch(ctx, admin, 'accounts.deactivate', { id: adminId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Vous ne pouvez pas désactiver votre propre compte.' } });
    expect(await dispatch(ctx, admin, 'accounts.update', { id: adminId, displayName: 'Camille Martin', permissions: ['accueil'] })).toMatchObject({
      ok: false,
      error: { field: 'permissions', message: 'Vous ne pouvez pas retirer votre propre rôle Administration.' },
    });
    // Another administrator may not take the role from the last one either.
    const second = await loggedInSession(ctx, ['administration'], 'second.admin', registry);
    expect(await dispatch(ctx, second, 'accounts.update', { id: adminId, displayName: 'Camille Martin', permissions: [] })).toMatchObject({ ok: true });
    expect(await dispatch(ctx, admin, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch(ctx, second, 'accounts.deactivate', { id: second.accountId! })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('health data without the « Documents de santé » permission', () => {
  it('shows that a certificate exists, not its file name, hash, nor the reason of the absence', async () => {
    const familyId = createFamily(ctx, parseOrThrow(familyInput, fixture())).id;
    const childId = (ctx.store.sqlite.prepare('SELECT id FROM children WHERE family_id = ?').get(familyId) as { id: string }).id;
    const { id: requestId } = createRequest(ctx, {
      type: 'refund',
      familyId,
      childId,
      receivedOn: '2026-03-14',
      confirmDuplicate: false,
      certificate: null,
      details: { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: 'gastro-entérite aiguë', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true, schoolHeadVisaOn: null },
    } as never);
    const pdf = (await pdfFixture({ marker: 'certificat' })).toString('base64');
    const registry = new SessionRegistry();
    const accueil = await loggedInSession(ctx, ['accueil'], 'accueil', registry);
    const health = await loggedInSession(ctx, ['accueil', 'sante'], 'sante', registry);

    const stored = await dispatch(ctx, accueil, 'documents.uploadHealth', { familyId, childId, requestId, fileName: 'certificat-zoe.pdf', base64: pdf });
    expect(stored).toMatchObject({ ok: true, value: { sha256: HIDDEN_HEALTH_TEXT } });

    const hidden = await dispatch(ctx, accueil, 'requests.get', { requestId });
    const text = JSON.stringify(hidden);
    expect(hidden).toMatchObject({ ok: true, value: { details: { reason: HIDDEN_HEALTH_TEXT }, documents: [{ isHealth: true, fileName: null }] } });
    expect(text).not.toContain('gastro');
    expect(text).not.toContain('certificat-zoe');
    const file = await dispatch(ctx, accueil, 'families.get', { id: familyId });
    expect(JSON.stringify(file)).not.toContain('gastro');
    expect(JSON.stringify(file)).not.toContain('certificat-zoe');
    expect(JSON.stringify(file)).not.toMatch(/"sha256":"[0-9a-f]{64}"/);

    const shown = await dispatch(ctx, health, 'requests.get', { requestId });
    expect(shown).toMatchObject({ ok: true, value: { details: { reason: 'gastro-entérite aiguë' }, documents: [{ fileName: 'certificat-zoe.pdf' }] } });
    expect(JSON.stringify(await dispatch(ctx, health, 'families.get', { id: familyId }))).toContain('certificat-zoe');
    // The service itself keeps the whole for whoever has the permission (the CLI).
    expect(storeHealthDocument(ctx, { familyId, childId: null, requestId: null, fileName: 'autre.pdf', base64: pdf }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
