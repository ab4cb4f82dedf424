import { AppError } from '../../shared/contract/errors.js';
import type { OperationName } from '../../shared/contract/operations.js';
import { OPERATION_ACCESS, allows } from '../../shared/contract/access.js';
import { PERMISSIONS, PERMISSION_LABELS, type Permission } from '../../shared/contract/permissions.js';
import { contextView, type AppContext } from '../context.js';
import { accountPermissions, findAccount, type AccountRow } from '../services/accounts/index.js';
import type { Caller } from './sessions.js';

/** The context of one call: the process's, with the caller's name (for the audit) and permissions. */
export interface CallContext extends AppContext {
  caller: Caller;
  /** The logged-in account (null: a public operation before login, or the CLI). */
  account: AccountRow | null;
}

/** What a locked session may still do: see its state, give the password again, or change user. */
const WHILE_LOCKED = new Set<OperationName>(['session.state', 'session.unlock', 'session.logout', 'session.login']);

/**
 * The access check of the single dispatch, before the input is even read: the operation's access
 * in the table, the logged-in account (read again from the store: a deactivated account is out at
 * once), the idle lock. Returns the per-call context whose `actor` and `roles` are the account's.
 */
export function authorize(ctx: AppContext, caller: Caller, name: OperationName): CallContext {
  const access = OPERATION_ACCESS[name];
  if (caller.kind === 'system') {
    return contextView(ctx, { actor: caller.actor, roles: new Set<string>(PERMISSIONS), caller, account: null as AccountRow | null });
  }
  let account: AccountRow | null = null;
  if (caller.accountId !== null) {
    account = findAccount(ctx, caller.accountId) ?? null;
    if (!account || !account.active) {
      caller.logOut();
      account = null;
    }
  }
  const locked = caller.checkIdle();
  const permissions = new Set<string>(account ? accountPermissions(account) : []);
  const call: CallContext = contextView(ctx, { actor: account?.login ?? 'anonyme', roles: permissions, caller, account });
  if (access === 'public' && (!locked || WHILE_LOCKED.has(name))) return call;
  if (!account) {
    throw notLoggedIn();
  }
  if (locked) {
    throw new AppError({ code: 'LOCKED', message: 'Session verrouillée\u00a0: saisissez votre mot de passe pour continuer.' });
  }
  if (!allows(access, permissions)) {
    throw AppError.forbidden(PERMISSION_LABELS[access as Permission]);
  }
  caller.touch();
  return call;
}

/** The refusal when nobody is logged in at this desk (the dispatch, and unlock without an account). */
export function notLoggedIn(): AppError {
  return new AppError({ code: 'UNAUTHENTICATED', message: 'Personne n’est connecté sur ce poste\u00a0: connectez-vous avec votre identifiant.' });
}
