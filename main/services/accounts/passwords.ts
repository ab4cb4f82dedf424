import argon2 from 'argon2';
import { ARGON2_COST } from '../../../shared/contract/accounts.js';

/**
 * Password hashing: argon2id (the `argon2` package, prebuilt binary) at `ARGON2_COST`, the PHC
 * string stored as is. The hash never leaves the
 * services: not in an answer, not in the audit, not in a log.
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

/** Spends the time of a verification when the login is unknown (no hint by the answer's speed). */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hashPassword('guichet-mot-de-passe-factice');
  await verifyPassword(await dummy, password);
}
