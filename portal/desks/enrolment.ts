import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { deskName } from '../../shared/contract/server.js';
import { AppError } from '../../shared/contract/errors.js';
import { groupTypedCode, newTypedCode, readTypedCode } from '../../shared/domain/typed-code.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { newSecret, secretHash } from '../secrets.js';
import { lockedTransaction, type PortalStore } from '../store/open.js';
import { desks } from '../store/schema.js';

/**
 * Desks are enrolled once: the server's administrator makes a one-time code (valid 24 h) for a
 * named desk; the desk trades it for its credential, which authenticates every sync call. Only
 * hashes are stored: a copy of the database lets no one enrol or impersonate a desk.
 */

export const ENROLMENT_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** `ABCD-EFGH-JKMN` (shared/domain/typed-code.ts): 60 bits, enough for a code that lives a day and is tried online only. */
const CODE_LENGTH = 12;

export interface DeskSummary {
  id: string;
  name: string;
  /** Its short number once enrolled (its receipts read « R2026-03-… » for number 3). */
  number: number | null;
  createdAt: string;
  state: 'awaiting' | 'expired' | 'enrolled' | 'revoked';
  enrolledAt: string | null;
  lastSeenAt: string | null;
}

/** A new desk awaiting enrolment, and its one-time code (shown once, never stored). */
export async function enrolDesk(store: PortalStore, input: { name: string; by: string; now: Date }): Promise<{ desk: DeskSummary; code: string; expiresAt: string }> {
  const code = newTypedCode(CODE_LENGTH, randomInt);
  const expiresAt = new Date(input.now.getTime() + ENROLMENT_VALIDITY_MS);
  const [row] = await store.db
    .insert(desks)
    .values({ id: randomUUID(), name: parseOrThrow(deskName, input.name), createdAt: input.now, createdBy: input.by, enrolmentCodeHash: secretHash(code), enrolmentExpiresAt: expiresAt })
    .returning();
  return { desk: summary(row!, input.now), code, expiresAt: expiresAt.toISOString() };
}

/**
 * Trades a valid enrolment code for the desk's credential (once: the code is then spent) and gives
 * the desk its short number, the next one free (its receipt book, « R2026-03-… »).
 */
export async function redeemEnrolmentCode(
  store: PortalStore,
  typed: string,
  now: Date,
): Promise<{ deskId: string; name: string; deskNumber: number; credential: string }> {
  const chars = readTypedCode(typed, CODE_LENGTH);
  if (chars === null) throw AppError.invalid('code', 'Code d’enrôlement\u00a0: 12 caractères, chiffres et lettres, comme affiché sur le serveur.');
  const credential = newSecret();
  // Desk numbers are given in turn.
  const row = await lockedTransaction(store, 'deskNumbers', async (tx) => {
    const [updated] = await tx
      .update(desks)
      .set({
        enrolmentCodeHash: null,
        enrolmentExpiresAt: null,
        credentialHash: secretHash(credential),
        enrolledAt: now,
        lastSeenAt: now,
        number: sql`(SELECT COALESCE(MAX(${desks.number}), 0) + 1 FROM ${desks})`,
      })
      .where(and(eq(desks.enrolmentCodeHash, secretHash(groupTypedCode(chars))), gt(desks.enrolmentExpiresAt, now), isNull(desks.revokedAt)))
      .returning();
    return updated;
  });
  if (!row) throw new AppError({ code: 'UNAUTHENTICATED', field: 'code', message: 'Code d’enrôlement inconnu, déjà utilisé ou expiré (il vaut 24 heures)\u00a0: demandez-en un nouveau.' });
  return { deskId: row.id, name: row.name, deskNumber: row.number!, credential };
}

/** The desk a credential belongs to; refused when unknown or revoked. */
export async function authenticateDesk(store: PortalStore, credential: string, now: Date): Promise<{ id: string; name: string }> {
  const [row] = await store.db.select().from(desks).where(eq(desks.credentialHash, secretHash(credential)));
  if (!row) throw new AppError({ code: 'UNAUTHENTICATED', message: 'Poste inconnu du serveur\u00a0: enrôlez-le à nouveau (Réglages › Serveur).' });
  if (row.revokedAt) throw new AppError({ code: 'FORBIDDEN', message: `Ce poste («\u00a0${row.name}\u00a0») a été révoqué sur le serveur\u00a0: ses données restent sur le poste, mais il ne se synchronise plus.` });
  await store.db.update(desks).set({ lastSeenAt: now }).where(eq(desks.id, row.id));
  return { id: row.id, name: row.name };
}

export async function listDesks(store: PortalStore, now: Date): Promise<DeskSummary[]> {
  const rows = await store.db.select().from(desks).orderBy(asc(desks.name), asc(desks.createdAt));
  return rows.map((row) => summary(row, now));
}

/** Revokes a desk named by its id or its exact name; its credential stops working at once. */
export async function revokeDesk(store: PortalStore, idOrName: string, now: Date): Promise<DeskSummary> {
  const matches = await store.db.select({ id: desks.id }).from(desks).where(or(eq(desks.id, idOrName), eq(desks.name, idOrName)));
  if (matches.length === 0) throw AppError.notFound(`Aucun poste «\u00a0${idOrName}\u00a0».`);
  if (matches.length > 1) throw new AppError({ code: 'CONFLICT', message: `Plusieurs postes s’appellent «\u00a0${idOrName}\u00a0»\u00a0: donnez son identifiant (desk list).` });
  const [row] = await store.db
    .update(desks)
    .set({ revokedAt: now, enrolmentCodeHash: null, enrolmentExpiresAt: null })
    .where(eq(desks.id, matches[0]!.id))
    .returning();
  return summary(row!, now);
}

function summary(row: typeof desks.$inferSelect, now: Date): DeskSummary {
  const state = row.revokedAt ? 'revoked' : row.enrolledAt ? 'enrolled' : row.enrolmentExpiresAt && row.enrolmentExpiresAt > now ? 'awaiting' : 'expired';
  return {
    id: row.id,
    name: row.name,
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    state,
    enrolledAt: row.enrolledAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}
