import type { AppContext } from '../../main/context.js';
import { createAccount } from '../../main/services/accounts/index.js';
import { DeskSession, SessionRegistry, type SessionOptions } from '../../main/session/index.js';
import type { Permission } from '../../shared/contract/permissions.js';

export const TEST_PASSWORD = 'un mot de passe de test';

/** A desk session (as a window or a launch cookie holds one) logged in as a new account with these permissions. */
export async function loggedInSession(ctx: AppContext, permissions: readonly Permission[], login = `agent.${permissions.join('.') || 'aucun'}`, registry = new SessionRegistry()): Promise<DeskSession> {
  const account = await createAccount(ctx, { login, displayName: 'Agent De Test', permissions, password: TEST_PASSWORD });
  const session = registry.open();
  session.logIn(account.id);
  return session;
}

export function registryAt(clock: { now: number }, options: Omit<SessionOptions, 'now'> = {}): SessionRegistry {
  return new SessionRegistry({ ...options, now: () => clock.now });
}
