import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ACTIVATION_HOURS, EMAIL_CHANGE_HOURS, RESET_HOURS, type CreateAccountForm } from '../../shared/contract/family-accounts.js';
import type { PortalSettings } from '../config.js';
import { enqueueMail } from '../mail/outbox.js';
import type { PortalStore, PortalTx } from '../store/open.js';
import { familyAccounts } from '../store/schema.js';
import { activationMail, alreadyRegisteredMail, emailChangeAskedMail, emailChangeMail, passwordChangedMail, resetMail, type Mail } from './mails.js';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';
import { endAccountSessions } from './sessions.js';
import { consumeToken, issueToken } from './tokens.js';

/**
 * A parent's espace: create, activate, log in, recover (issue 11). What a page answers never
 * tells whether an address has an espace: creating one with a known address, or asking a new
 * password for an unknown one, answers as any other and does the same work (a password is hashed
 * either way; mails leave later, by the mail job).
 */
export interface AccountContext {
  store: PortalStore;
  settings: PortalSettings;
  now: Date;
}

/** Failed logins allowed before the next attempts must wait: 1 s, 2 s, 4 s… up to 15 minutes. */
const FREE_FAILURES = 3;
const MAX_WAIT_S = 15 * 60;

export async function createAccount(ctx: AccountContext, form: CreateAccountForm): Promise<void> {
  const passwordHash = await hashPassword(form.password);
  await ctx.store.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(familyAccounts).where(eq(familyAccounts.email, form.email));
    if (existing) {
      // An espace waiting for its activation gets a new link; an active one is told, and nothing changes.
      if (existing.status === 'pending') await sendActivation(tx, ctx, existing);
      else await mail(tx, ctx, alreadyRegisteredMail(ctx.settings, existing.email, existing.firstName));
      return;
    }
    const account = {
      id: randomUUID(),
      email: form.email,
      passwordHash,
      lastName: form.lastName,
      firstName: form.firstName,
      phone: form.phone,
      status: 'pending' as const,
      createdAt: ctx.now,
    };
    await tx.insert(familyAccounts).values(account);
    await sendActivation(tx, ctx, account);
  });
}

export type ActivationResult = 'activated' | 'expired' | 'unknown';

export async function activateAccount(ctx: AccountContext, secret: string): Promise<ActivationResult> {
  return ctx.store.db.transaction(async (tx) => {
    const token = await consumeToken(tx, secret, 'activation', ctx.now);
    if (token.state !== 'valid') return token.state;
    await tx.update(familyAccounts).set({ status: 'active', activatedAt: ctx.now }).where(eq(familyAccounts.id, token.accountId));
    return 'activated';
  });
}

export type LoginResult =
  | { outcome: 'ok'; accountId: string }
  | { outcome: 'invalid'; waitSeconds: number }
  | { outcome: 'locked'; waitSeconds: number }
  | { outcome: 'pending' | 'disabled' };

export async function login(ctx: AccountContext, email: string, password: string): Promise<LoginResult> {
  const [account] = await ctx.store.db.select().from(familyAccounts).where(eq(familyAccounts.email, email));
  if (!account) {
    await verifyNothing(password);
    return { outcome: 'invalid', waitSeconds: 0 };
  }
  if (account.lockedUntil && account.lockedUntil > ctx.now) return { outcome: 'locked', waitSeconds: secondsUntil(account.lockedUntil, ctx.now) };
  if (!(await verifyPassword(account.passwordHash, password))) {
    const failures = account.failedLogins + 1;
    const wait = failures > FREE_FAILURES ? Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_WAIT_S) : 0;
    await ctx.store.db
      .update(familyAccounts)
      .set({ failedLogins: failures, lockedUntil: wait > 0 ? new Date(ctx.now.getTime() + wait * 1000) : null })
      .where(eq(familyAccounts.id, account.id));
    return { outcome: 'invalid', waitSeconds: wait };
  }
  if (account.failedLogins > 0) await ctx.store.db.update(familyAccounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(familyAccounts.id, account.id));
  if (account.status !== 'active') return { outcome: account.status };
  return { outcome: 'ok', accountId: account.id };
}

/** « J’ai oublié mon mot de passe »: a link to choose a new one, or a new activation link for an espace never activated. */
export async function requestPasswordReset(ctx: AccountContext, email: string): Promise<void> {
  await ctx.store.db.transaction(async (tx) => {
    const [account] = await tx.select().from(familyAccounts).where(eq(familyAccounts.email, email));
    if (!account || account.status === 'disabled') return;
    if (account.status === 'pending') return sendActivation(tx, ctx, account);
    const secret = await issueToken(tx, { accountId: account.id, kind: 'reset', hours: RESET_HOURS, now: ctx.now });
    await mail(tx, ctx, resetMail(ctx.settings, account.email, account.firstName, secret, RESET_HOURS));
  });
}

/** A new password through a mailed link (only an active espace gets one): every session of the espace ends. */
export async function resetPassword(ctx: AccountContext, secret: string, password: string): Promise<ActivationResult | 'changed'> {
  const passwordHash = await hashPassword(password);
  return ctx.store.db.transaction(async (tx) => {
    const token = await consumeToken(tx, secret, 'reset', ctx.now);
    if (token.state !== 'valid') return token.state;
    const [account] = await tx
      .update(familyAccounts)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(familyAccounts.id, token.accountId))
      .returning();
    if (!account) return 'unknown';
    await endAccountSessions(tx, account.id);
    await mail(tx, ctx, passwordChangedMail(ctx.settings, account.email, account.firstName));
    return 'changed';
  });
}

/** « Identifiants »: a new password once the current one is given; every other session ends. */
export async function changePassword(ctx: AccountContext, accountId: string, current: string, password: string): Promise<'changed' | 'wrong'> {
  const [account] = await ctx.store.db.select().from(familyAccounts).where(eq(familyAccounts.id, accountId));
  if (!account || !(await verifyPassword(account.passwordHash, current))) return 'wrong';
  const passwordHash = await hashPassword(password);
  await ctx.store.db.transaction(async (tx) => {
    await tx.update(familyAccounts).set({ passwordHash }).where(eq(familyAccounts.id, accountId));
    await endAccountSessions(tx, accountId);
    await mail(tx, ctx, passwordChangedMail(ctx.settings, account.email, account.firstName));
  });
  return 'changed';
}

/** « Identifiants »: a link to the new address (it becomes the login once confirmed from there), a word to the old one. */
export async function requestEmailChange(ctx: AccountContext, accountId: string, email: string, current: string): Promise<'sent' | 'wrong'> {
  const [account] = await ctx.store.db.select().from(familyAccounts).where(eq(familyAccounts.id, accountId));
  if (!account || !(await verifyPassword(account.passwordHash, current))) return 'wrong';
  await ctx.store.db.transaction(async (tx) => {
    const secret = await issueToken(tx, { accountId, kind: 'email', hours: EMAIL_CHANGE_HOURS, now: ctx.now, newEmail: email });
    await mail(tx, ctx, emailChangeMail(ctx.settings, email, account.firstName, secret, EMAIL_CHANGE_HOURS));
    await mail(tx, ctx, emailChangeAskedMail(ctx.settings, account.email, account.firstName));
  });
  return 'sent';
}

/** The new address confirmed from its mailbox; refused when another espace has taken it since. */
export async function confirmEmailChange(ctx: AccountContext, secret: string): Promise<ActivationResult | 'changed' | 'taken'> {
  return ctx.store.db.transaction(async (tx) => {
    const token = await consumeToken(tx, secret, 'email', ctx.now);
    if (token.state !== 'valid') return token.state;
    const [holder] = await tx.select({ id: familyAccounts.id }).from(familyAccounts).where(eq(familyAccounts.email, token.newEmail!));
    if (holder && holder.id !== token.accountId) return 'taken';
    await tx.update(familyAccounts).set({ email: token.newEmail! }).where(eq(familyAccounts.id, token.accountId));
    return 'changed';
  });
}

/** « Profil »: the parent's name and telephone. */
export async function updateProfile(ctx: AccountContext, accountId: string, profile: { lastName: string; firstName: string; phone: string | null }): Promise<void> {
  await ctx.store.db.update(familyAccounts).set(profile).where(eq(familyAccounts.id, accountId));
}

/** The logged-in parent, as the pages show them (an active espace only). */
export interface FamilyAccount {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  familyId: string | null;
  linkRequestId: string | null;
}

export async function accountOf(store: PortalStore, accountId: string): Promise<FamilyAccount | null> {
  const [row] = await store.db.select().from(familyAccounts).where(eq(familyAccounts.id, accountId));
  if (!row || row.status !== 'active') return null;
  return { id: row.id, email: row.email, firstName: row.firstName, lastName: row.lastName, phone: row.phone, familyId: row.familyId, linkRequestId: row.linkRequestId };
}

async function sendActivation(tx: PortalTx, ctx: AccountContext, account: { id: string; email: string; firstName: string }): Promise<void> {
  const secret = await issueToken(tx, { accountId: account.id, kind: 'activation', hours: ACTIVATION_HOURS, now: ctx.now });
  await mail(tx, ctx, activationMail(ctx.settings, account.email, account.firstName, secret, ACTIVATION_HOURS));
}

function mail(tx: PortalTx, ctx: AccountContext, message: Mail): Promise<void> {
  return enqueueMail(tx, message, ctx.now);
}

function secondsUntil(when: Date, now: Date): number {
  return Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 1000));
}
