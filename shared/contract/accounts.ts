import { z } from 'zod';
import { empty, id, ok, op, personName } from './common.js';
import { PERMISSIONS, type Permission } from './permissions.js';

/** Staff accounts and the desk's session (issue 9): first start, login, lock, the « Agents » screen. */

/** Passwords: 12 characters at least (a phrase is easier to remember than a short word). */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * argon2id's cost for every password of Guichet, agents' and parents' alike: OWASP's minimum
 * (19 MiB, 2 passes, 1 lane). The desk and the portal each call the `argon2` package with it.
 */
export const ARGON2_COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const loginName = z
  .string({ error: 'Identifiant obligatoire.' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Identifiant obligatoire.' })
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, {
    error: 'Identifiant\u00a0: 2 à 40 caractères, lettres sans accent, chiffres, point, tiret ou tiret bas.',
  });

export const newPassword = z
  .string({ error: 'Mot de passe obligatoire.' })
  .min(PASSWORD_MIN_LENGTH, { error: `Mot de passe\u00a0: ${PASSWORD_MIN_LENGTH} caractères au moins.` })
  .max(200, { error: 'Mot de passe\u00a0: 200 caractères au plus.' });

/** A password typed to log in or unlock (never trimmed: spaces are part of it). */
export const typedPassword = z.string({ error: 'Mot de passe obligatoire.' }).min(1, { error: 'Mot de passe obligatoire.' }).max(200);

const permission = z.enum(PERMISSIONS as [Permission, ...Permission[]], { error: 'Rôle inconnu.' });
const permissions = z.array(permission).max(PERMISSIONS.length).transform((list) => [...new Set(list)]);

/** The password typed twice: the second must match the first. */
export const twice = <S extends z.ZodObject<{ password: typeof newPassword; confirmation: z.ZodString }>>(schema: S) =>
  schema.refine((v) => v.password === v.confirmation, { path: ['confirmation'], error: 'Les deux mots de passe sont différents.' });

export const confirmation = z.string({ error: 'Confirmez le mot de passe.' }).min(1, { error: 'Confirmez le mot de passe.' });

/** The logged-in agent, as the screens know them (never the password hash). */
export const sessionAccount = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  permissions: z.array(permission),
});
export type SessionAccount = z.infer<typeof sessionAccount>;

export const sessionState = z.object({
  /** false on the very first start: the screens ask for the administrator's account. */
  hasAccounts: z.boolean(),
  account: sessionAccount.nullable(),
  locked: z.boolean(),
  /** Idle time before the desk locks itself (the screens keep their own timer too). */
  idleLockMs: z.number(),
});
export type SessionState = z.infer<typeof sessionState>;

export const accountSummary = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  permissions: z.array(permission),
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof accountSummary>;

export const sessionOperations = {
  'session.state': op(empty, sessionState),
  /** Only while no account exists: the first administrator, logged in at once. */
  'session.createFirstAdmin': op(
    twice(z.object({ login: loginName, displayName: personName('Nom'), password: newPassword, confirmation })),
    sessionState,
  ),
  'session.login': op(z.object({ login: loginName, password: typedPassword }), sessionState),
  /** « Changer d’utilisateur »: the session is closed, the login screen comes back. */
  'session.logout': op(empty, sessionState),
  /** « Verrouiller »: the screens stay as they are under the lock. */
  'session.lock': op(empty, sessionState),
  'session.unlock': op(z.object({ password: typedPassword }), sessionState),
} as const;

export const accountOperations = {
  'accounts.list': op(empty, z.array(accountSummary)),
  'accounts.create': op(
    twice(z.object({ login: loginName, displayName: personName('Nom'), permissions, password: newPassword, confirmation })),
    accountSummary,
  ),
  'accounts.update': op(z.object({ id, displayName: personName('Nom'), permissions }), accountSummary),
  'accounts.setPassword': op(twice(z.object({ id, password: newPassword, confirmation })), ok),
  'accounts.deactivate': op(z.object({ id }), accountSummary),
} as const;
