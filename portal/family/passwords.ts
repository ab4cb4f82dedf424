import argon2 from 'argon2';
import { ARGON2_COST } from '../../shared/contract/accounts.js';

/**
 * Parents' passwords: argon2id at the cost every password of Guichet has (`ARGON2_COST`, shared
 * with the desk's agents). The hash never leaves the accounts module: not in a page, a mail or a log.
 */
const OPTIONS = { type: argon2.argon2id, ...ARGON2_COST } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** Whether `password` matches `hash`; a malformed hash is a mismatch, never an exception. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the time of a verification when the e-mail is unknown: the answer's speed tells nothing. */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hashPassword('guichet-mot-de-passe-factice');
  await verifyPassword(await dummy, password);
}
