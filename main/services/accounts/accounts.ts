import { asc, eq, sql } from 'drizzle-orm';
import type { AccountSummary, SessionAccount } from '../../../shared/contract/accounts.js';
import { AppError } from '../../../shared/contract/errors.js';
import { HEALTH_PERMISSION, ROLES, type Permission, type Role } from '../../../shared/contract/permissions.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { findRecord, insertRecord, requireRecord, updateRecord, type RowOf } from '../../store/records.js';
import { staffAccounts } from '../../store/schema.js';
import { nowIso } from '../../store/sql.js';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';

/**
 * Staff accounts (issue 9): the first administrator, the « Agents » screen's changes, and the
 * check of a password at login. Every write goes through the record writer (audit + outbox).
 */
export type AccountRow = RowOf<typeof staffAccounts>;

const ROLE_SET = new Set<string>(ROLES);

/** The roles and the health permission of an account, as one list of permissions. */
export function accountPermissions(row: AccountRow): Permission[] {
  const roles = row.roles.filter((r): r is Role => ROLE_SET.has(r));
  return row.healthPermission ? [...roles, HEALTH_PERMISSION] : roles;
}

export function sessionAccount(row: AccountRow): SessionAccount {
  return { id: row.id, login: row.login, displayName: row.displayName, permissions: accountPermissions(row) };
}

function summary(row: AccountRow): AccountSummary {
  return { ...sessionAccount(row), active: row.active, createdAt: row.createdAt, lastLoginAt: row.lastLoginAt };
}

function split(permissions: readonly Permission[]): { roles: Role[]; healthPermission: boolean } {
  return { roles: ROLES.filter((r) => permissions.includes(r)), healthPermission: permissions.includes(HEALTH_PERMISSION) };
}

export function hasAccounts(ctx: AppContext): boolean {
  return ctx.store.db.select({ n: sql<number>`count(*)` }).from(staffAccounts).get()!.n > 0;
}

export function findAccount(ctx: AppContext, id: string): AccountRow | undefined {
  return findRecord(ctx, staffAccounts, id);
}

function byLogin(ctx: AppContext, login: string): AccountRow | undefined {
  return ctx.store.db.select().from(staffAccounts).where(eq(staffAccounts.login, login)).get();
}

export function listAccounts(ctx: AppContext): AccountSummary[] {
  return ctx.store.db.select().from(staffAccounts).orderBy(asc(staffAccounts.displayName)).all().map(summary);
}

/** The name of each account by login, for the file histories (« par Jeanne Dupont »). */
export function accountNames(ctx: AppContext): Map<string, string> {
  const rows = ctx.store.db.select({ login: staffAccounts.login, name: staffAccounts.displayName }).from(staffAccounts).all();
  return new Map(rows.map((r) => [r.login, r.name]));
}

export interface NewAccount {
  login: string;
  displayName: string;
  permissions: readonly Permission[];
  password: string;
}

function insertAccount(ctx: AppContext, input: NewAccount, passwordHash: string): AccountRow {
  if (byLogin(ctx, input.login)) throw AppError.invalid('login', `L’identifiant «\u00a0${input.login}\u00a0» est déjà pris.`);
  const now = nowIso();
  return insertRecord(
    ctx,
    staffAccounts,
    {
      id: ctx.newId(),
      login: input.login,
      displayName: input.displayName,
      ...split(input.permissions),
      active: true,
      passwordHash,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    },
    { action: 'account.create', familyId: null },
  );
}

export async function createAccount(ctx: AppContext, input: NewAccount): Promise<AccountSummary> {
  const hash = await hashPassword(input.password);
  return summary(transaction(ctx, () => insertAccount(ctx, input, hash)));
}

/**
 * The first administrator, only while no account exists (checked inside the transaction, so two
 * screens racing cannot both make one). They get every role; the health permission stays a
 * separate choice (docs/decisions.md).
 */
export async function createFirstAdmin(ctx: AppContext, input: Omit<NewAccount, 'permissions'>): Promise<AccountRow> {
  const hash = await hashPassword(input.password);
  return transaction(ctx, () => {
    if (hasAccounts(ctx)) {
      throw new AppError({ code: 'CONFLICT', message: 'Le compte administrateur existe déjà\u00a0: connectez-vous avec votre identifiant.' });
    }
    return insertAccount({ ...ctx, actor: input.login }, { ...input, permissions: [...ROLES] }, hash);
  });
}

function activeAdmins(ctx: AppContext): AccountRow[] {
  return ctx.store.db
    .select()
    .from(staffAccounts)
    .where(eq(staffAccounts.active, true))
    .all()
    .filter((a) => a.roles.includes('administration'));
}

const NOT_FOUND = 'Ce compte d’agent n’existe pas.';

/** Name and permissions; an administrator cannot take the administration away from themself nor from the last active administrator. */
export function updateAccount(ctx: AppContext, selfId: string | null, input: { id: string; displayName: string; permissions: readonly Permission[] }): AccountSummary {
  return transaction(ctx, () => {
    const before = requireRecord(ctx, staffAccounts, input.id, NOT_FOUND);
    const next = split(input.permissions);
    const losesAdmin = before.roles.includes('administration') && !next.roles.includes('administration');
    if (losesAdmin && before.id === selfId) {
      throw AppError.invalid('permissions', 'Vous ne pouvez pas retirer votre propre rôle Administration.');
    }
    if (losesAdmin && before.active && activeAdmins(ctx).length <= 1) {
      throw AppError.invalid('permissions', 'Il faut garder au moins un administrateur actif.');
    }
    const after = updateRecord(ctx, staffAccounts, before, { displayName: input.displayName, ...next, updatedAt: nowIso() }, { action: 'account.update', familyId: null });
    return summary(after);
  });
}

export async function setAccountPassword(ctx: AppContext, id: string, password: string): Promise<{ ok: true }> {
  requireRecord(ctx, staffAccounts, id, NOT_FOUND);
  const hash = await hashPassword(password);
  transaction(ctx, () => {
    const before = requireRecord(ctx, staffAccounts, id, NOT_FOUND);
    updateRecord(ctx, staffAccounts, before, { passwordHash: hash, updatedAt: nowIso() }, { action: 'account.password', familyId: null });
  });
  return { ok: true };
}

export function deactivateAccount(ctx: AppContext, selfId: string | null, id: string): AccountSummary {
  return transaction(ctx, () => {
    const before = requireRecord(ctx, staffAccounts, id, NOT_FOUND);
    if (before.id === selfId) throw new AppError({ code: 'CONFLICT', message: 'Vous ne pouvez pas désactiver votre propre compte.' });
    if (before.active && before.roles.includes('administration') && activeAdmins(ctx).length <= 1) {
      throw new AppError({ code: 'CONFLICT', message: 'C’est le dernier administrateur actif\u00a0: il ne peut pas être désactivé.' });
    }
    return summary(updateRecord(ctx, staffAccounts, before, { active: false, updatedAt: nowIso() }, { action: 'account.deactivate', familyId: null }));
  });
}

/**
 * The IT recovery of a lost administrator (CLI, on the data folder itself): a new administrator
 * with every role, or, when the identifiant exists, that account active again, administrator,
 * with this password. Audited under the CLI's name.
 */
export async function recoverAdmin(ctx: AppContext, input: Omit<NewAccount, 'permissions'>): Promise<{ account: AccountSummary; created: boolean }> {
  const hash = await hashPassword(input.password);
  return transaction(ctx, () => {
    const before = byLogin(ctx, input.login);
    if (!before) return { account: summary(insertAccount(ctx, { ...input, permissions: [...ROLES] }, hash)), created: true };
    const roles = before.roles.includes('administration') ? before.roles : [...before.roles, 'administration'];
    const after = updateRecord(ctx, staffAccounts, before, { roles, active: true, passwordHash: hash, updatedAt: nowIso() }, { action: 'account.password', familyId: null });
    return { account: summary(after), created: false };
  });
}

/** The active account whose password this is, or null (unknown login, inactive, wrong password). */
export async function checkPassword(ctx: AppContext, login: string, password: string): Promise<AccountRow | null> {
  const row = byLogin(ctx, login);
  if (!row || !row.active) {
    await verifyNothing(password);
    return null;
  }
  return (await verifyPassword(row.passwordHash, password)) ? row : null;
}

/** Records the login (the audit then shows who opened the desk, when). */
export function recordLogin(ctx: AppContext, row: AccountRow): AccountRow {
  return transaction(ctx, () => {
    const before = findAccount(ctx, row.id) ?? row;
    return updateRecord({ ...ctx, actor: row.login }, staffAccounts, before, { lastLoginAt: nowIso() }, { action: 'account.login', familyId: null });
  });
}
