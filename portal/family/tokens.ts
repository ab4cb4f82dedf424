import { and, eq, isNull } from 'drizzle-orm';
import { newSecret, secretHash } from '../secrets.js';
import type { PortalDb, PortalTx } from '../store/open.js';
import { accountTokens } from '../store/schema.js';

/**
 * Single-use links (activation, new password, new e-mail address): the mail carries the secret,
 * the database its SHA-256 and its expiry. Issuing a new link of a kind voids the earlier ones,
 * so that only the last mail works.
 */
export type TokenKind = 'activation' | 'reset' | 'email';

export async function issueToken(tx: PortalTx, input: { accountId: string; kind: TokenKind; hours: number; now: Date; newEmail?: string }): Promise<string> {
  const secret = newSecret();
  await tx
    .update(accountTokens)
    .set({ usedAt: input.now })
    .where(and(eq(accountTokens.accountId, input.accountId), eq(accountTokens.kind, input.kind), isNull(accountTokens.usedAt)));
  await tx.insert(accountTokens).values({
    hash: secretHash(secret),
    accountId: input.accountId,
    kind: input.kind,
    newEmail: input.newEmail ?? null,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.hours * 3_600_000),
  });
  return secret;
}

export type TokenCheck = { state: 'valid'; accountId: string; newEmail: string | null } | { state: 'expired' | 'unknown' };

/** What a link is worth, without using it (the page that asks to confirm). */
export async function checkToken(tx: PortalDb | PortalTx, secret: string, kind: TokenKind, now: Date): Promise<TokenCheck> {
  const [row] = await tx.select().from(accountTokens).where(eq(accountTokens.hash, secretHash(secret)));
  if (!row || row.kind !== kind || row.usedAt !== null) return { state: 'unknown' };
  if (row.expiresAt <= now) return { state: 'expired' };
  return { state: 'valid', accountId: row.accountId, newEmail: row.newEmail };
}

/** Uses a link once: valid → marked used in the caller's transaction. */
export async function consumeToken(tx: PortalTx, secret: string, kind: TokenKind, now: Date): Promise<TokenCheck> {
  const check = await checkToken(tx, secret, kind, now);
  if (check.state !== 'valid') return check;
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.hash, secretHash(secret)), isNull(accountTokens.usedAt)))
    .returning({ hash: accountTokens.hash });
  // Two clicks at once: only one finds it unused.
  return used.length === 1 ? check : { state: 'unknown' };
}
