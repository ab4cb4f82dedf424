import type { OpParsedInput, OpOutput } from '../../shared/contract/operations.js';
import { AppError } from '../../shared/contract/errors.js';
import * as accounts from '../services/accounts/index.js';
import { notLoggedIn, type CallContext } from './authorize.js';
import { contextView } from '../context.js';
import type { DeskSession } from './sessions.js';

/**
 * The session operations (login, lock, first start) on the caller's desk session. The CLI has no
 * session: it acts under its own name (docs/decisions.md).
 */
function deskSession(ctx: CallContext): DeskSession {
  if (ctx.caller.kind !== 'desk') {
    throw new AppError({ code: 'CONFLICT', message: 'Sans objet en ligne de commande\u00a0: elle agit sous le nom du compte du système.' });
  }
  return ctx.caller;
}

export function sessionState(ctx: CallContext): OpOutput<'session.state'> {
  const session = ctx.caller.kind === 'desk' ? ctx.caller : null;
  const account = session && ctx.account ? accounts.sessionAccount(ctx.account) : null;
  return {
    hasAccounts: accounts.hasAccounts(ctx),
    account,
    locked: account !== null && (session?.locked ?? false),
    idleLockMs: session?.registry.idleLockMs ?? 0,
  };
}

function stateOf(ctx: CallContext, session: DeskSession): OpOutput<'session.state'> {
  const account = session.accountId !== null ? (accounts.findAccount(ctx, session.accountId) ?? null) : null;
  return sessionState(contextView(ctx, { caller: ctx.caller, account }));
}

export async function createFirstAdmin(ctx: CallContext, input: OpParsedInput<'session.createFirstAdmin'>): Promise<OpOutput<'session.state'>> {
  const session = deskSession(ctx);
  const row = await accounts.createFirstAdmin(ctx, input);
  session.logIn(row.id);
  accounts.recordLogin(ctx, row);
  return stateOf(ctx, session);
}

const WRONG = 'Identifiant ou mot de passe incorrect.';

export async function login(ctx: CallContext, input: OpParsedInput<'session.login'>): Promise<OpOutput<'session.state'>> {
  const session = deskSession(ctx);
  session.registry.checkAttempt(input.login);
  const row = await accounts.checkPassword(ctx, input.login, input.password);
  if (!row) {
    session.registry.failed(input.login);
    throw new AppError({ code: 'VALIDATION', message: WRONG, field: 'password', issues: [{ field: 'password', message: WRONG }] });
  }
  session.registry.succeeded(input.login);
  session.logIn(row.id);
  accounts.recordLogin(ctx, row);
  return stateOf(ctx, session);
}

export function logout(ctx: CallContext): OpOutput<'session.state'> {
  const session = deskSession(ctx);
  session.logOut();
  return stateOf(ctx, session);
}

export function lock(ctx: CallContext): OpOutput<'session.state'> {
  const session = deskSession(ctx);
  session.locked = true;
  return stateOf(ctx, session);
}

export async function unlock(ctx: CallContext, input: OpParsedInput<'session.unlock'>): Promise<OpOutput<'session.state'>> {
  const session = deskSession(ctx);
  const account = ctx.account;
  if (!account) {
    throw notLoggedIn();
  }
  session.registry.checkAttempt(account.login);
  const row = await accounts.checkPassword(ctx, account.login, input.password);
  if (!row || row.id !== account.id) {
    session.registry.failed(account.login);
    const message = 'Mot de passe incorrect.';
    throw new AppError({ code: 'VALIDATION', message, field: 'password', issues: [{ field: 'password', message }] });
  }
  session.registry.succeeded(account.login);
  session.logIn(row.id);
  return stateOf(ctx, session);
}

/** The account of the administrator at work (an administrator cannot deactivate themself). */
export function selfId(ctx: CallContext): string | null {
  return ctx.account?.id ?? null;
}
