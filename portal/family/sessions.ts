import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecret, sameSecret, secretHash } from '../secrets.js';
import type { PortalDb, PortalTx } from '../store/open.js';
import { familySessions } from '../store/schema.js';

/**
 * The family pages' sessions, server side (`family_sessions`). The cookie `__Host-espace` holds a
 * random secret (Secure, HttpOnly, SameSite=Lax, path /, no domain: the `__Host-` prefix makes the
 * browser enforce it); the table holds its SHA-256, the account once logged in, and the CSRF token
 * of the forms. A visitor gets a session before logging in (the forms need their token); logging
 * in, and changing a password, give a new one (the old secret is worth nothing after).
 */
const SESSION_COOKIE = '__Host-espace';
/** Idle: 30 minutes without a request; absolute: 12 hours after login. */
const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 12 * 3_600_000;
/** `last_seen_at` is written at most once a minute (a page's every asset does not write). */
const TOUCH_MS = 60_000;

export interface FamilySession {
  hash: string;
  accountId: string | null;
  csrf: string;
}

/** The request's live session, or null (none, unknown, idle too long, past its absolute end). */
export async function readSession(db: PortalDb, request: FastifyRequest, now: Date): Promise<FamilySession | null> {
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return null;
  const hash = secretHash(secret);
  const [row] = await db.select().from(familySessions).where(eq(familySessions.hash, hash));
  if (!row) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > IDLE_MS) {
    await db.delete(familySessions).where(eq(familySessions.hash, hash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) await db.update(familySessions).set({ lastSeenAt: now }).where(eq(familySessions.hash, hash));
  return { hash, accountId: row.accountId, csrf: row.csrf };
}

/** A new session (anonymous, or for `accountId` after login), its cookie set on `reply`; the old one, if any, removed. */
export async function startSession(db: PortalDb, reply: FastifyReply, input: { accountId: string | null; now: Date; replaces?: FamilySession | null }): Promise<FamilySession> {
  const secret = newSecret();
  const session = { hash: secretHash(secret), accountId: input.accountId, csrf: newSecret() };
  await db.transaction(async (tx) => {
    if (input.replaces) await tx.delete(familySessions).where(eq(familySessions.hash, input.replaces.hash));
    await tx.insert(familySessions).values({ ...session, createdAt: input.now, lastSeenAt: input.now, expiresAt: new Date(input.now.getTime() + ABSOLUTE_MS) });
    // Sessions past their end go as new ones come.
    await tx.delete(familySessions).where(or(lt(familySessions.expiresAt, input.now), lt(familySessions.lastSeenAt, new Date(input.now.getTime() - IDLE_MS))));
  });
  reply.setCookie(SESSION_COOKIE, secret, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
  return session;
}

/** Logs out: the session goes, and its cookie. */
export async function endSession(db: PortalDb, reply: FastifyReply, session: FamilySession | null): Promise<void> {
  if (session) await db.delete(familySessions).where(eq(familySessions.hash, session.hash));
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}

/** Every session of an account ends but `except` (a new password: whoever else was logged in is out). */
export async function endAccountSessions(db: PortalDb | PortalTx, accountId: string, except?: string): Promise<void> {
  await db.delete(familySessions).where(and(eq(familySessions.accountId, accountId), except ? ne(familySessions.hash, except) : undefined));
}

/** The form's token matches the session's (constant time). */
export function csrfMatches(session: FamilySession | null, token: unknown): boolean {
  return session !== null && typeof token === 'string' && sameSecret(session.csrf, token);
}
