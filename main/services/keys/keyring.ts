import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { audit, syncChange, transaction } from '../../store/journal.js';
import { readLegacyKey } from '../../store/key-vault.js';
import { all, nowIso, one, prepared } from '../../store/sql.js';
import { type RecoveryKdf, wrapForRecovery } from './recovery.js';

/**
 * The keyring: which keys exist (the base's `document_keys`, with their copies wrapped for the
 * recovery code), which one encrypts new documents, and the key material itself (this desk's
 * vault, ctx.documentKeys). Owner of the rule « a key exists in the vault before the base names it ».
 * The base's rows travel to the other desks (never the key material): each write sends its sync
 * messages; the key itself reaches another desk only wrapped for the recovery code.
 */

export interface KeyRow {
  id: string;
  createdAt: string;
  createdBy: string;
  recoveryWrap: string | null;
  isCurrent: number;
  isLegacy: number;
}

export interface RecoveryRow {
  createdAt: string;
  createdBy: string;
  kdf: string;
  publicKey: string;
}

export const keyRows = (ctx: AppContext): KeyRow[] =>
  all<KeyRow>(ctx, 'SELECT id, created_at AS createdAt, created_by AS createdBy, recovery_wrap AS recoveryWrap, is_current AS isCurrent, is_legacy AS isLegacy FROM document_keys ORDER BY created_at, id');

export const recoveryRow = (ctx: AppContext): (RecoveryRow & { parsedKdf: RecoveryKdf }) | null => {
  const row = one<RecoveryRow>(ctx, 'SELECT created_at AS createdAt, created_by AS createdBy, kdf, public_key AS publicKey FROM document_key_recovery WHERE id = 1');
  return row ? { ...row, parsedKdf: JSON.parse(row.kdf) as RecoveryKdf } : null;
};

/** A file that does not decrypt: damaged, or another document's. */
export const damaged = () => new AppError({ code: 'CONFLICT', message: 'Le certificat ne peut pas être déchiffré\u00a0: fichier abîmé, ou fichier d’un autre document.' });

const locked = (what: string) =>
  new AppError({
    code: 'CONFLICT',
    message: `${what}\u00a0: la clé des documents de santé n’est pas sur ce poste. Un administrateur doit saisir le code de secours (Réglages → Clé des documents).`,
  });

/** The keys this desk holds; a French AppError when there is no vault or it cannot be read. */
export function vaultKeys(ctx: AppContext): Map<string, Buffer> {
  if (!ctx.documentKeys) {
    throw new AppError({ code: 'CONFLICT', message: 'Aucun coffre de clés n’est disponible sur ce poste\u00a0: les certificats médicaux ne peuvent être ni enregistrés ni ouverts.' });
  }
  try {
    return ctx.documentKeys.vault.load();
  } catch (error) {
    throw new AppError({ code: 'CONFLICT', message: `Les clés des documents de santé ne peuvent pas être lues sur ce poste\u00a0: ${(error as Error).message}.` });
  }
}

/** Why this desk cannot use its keys at all (null: it can). */
export function vaultProblem(ctx: AppContext): string | null {
  try {
    vaultKeys(ctx);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Names a key of the vault in the base (wrapped for the recovery code when one exists) and sends
 * the new row to the other desks. Returns the row as sent. Call inside a transaction.
 */
function insertKeyRow(ctx: AppContext, id: string, key: Buffer, flags: { is_current: 0 | 1; is_legacy: 0 | 1 }) {
  const recovery = recoveryRow(ctx);
  const row = {
    created_at: nowIso(),
    created_by: ctx.actor,
    recovery_wrap: recovery ? JSON.stringify(wrapForRecovery(recovery.publicKey, id, key)) : null,
    ...flags,
  };
  prepared(
    ctx.store.sqlite,
    'INSERT INTO document_keys (id, created_at, created_by, recovery_wrap, is_current, is_legacy) VALUES (@id, @created_at, @created_by, @recovery_wrap, @is_current, @is_legacy)',
  ).run({ id, ...row });
  syncChange(ctx, { entity: 'document_keys', entityId: id, before: null, after: row });
  return row;
}

const newKeyId = (): string => `k${randomBytes(4).toString('hex')}`;

/**
 * Makes a new key and makes it current: in the vault first (on disk), then named in the base,
 * wrapped for the recovery code when one exists, audited. Every key flagged current is retired,
 * including another desk's (its documents are then re-encrypted under the new key by whichever
 * desk holds both). Call inside a transaction.
 */
export function createKey(ctx: AppContext, reason: 'first' | 'rotation'): { id: string; key: Buffer } {
  const id = newKeyId();
  const key = randomBytes(32);
  vaultKeys(ctx);
  ctx.documentKeys!.vault.add(new Map([[id, key]]));
  for (const { id: retired } of all<{ id: string }>(ctx, 'SELECT id FROM document_keys WHERE is_current = 1')) {
    prepared(ctx.store.sqlite, 'UPDATE document_keys SET is_current = 0 WHERE id = ?').run(retired);
    syncChange(ctx, { entity: 'document_keys', entityId: retired, before: { is_current: 1 }, after: { is_current: 0 } });
  }
  const row = insertKeyRow(ctx, id, key, { is_current: 1, is_legacy: 0 });
  audit(ctx, { action: 'documentKey.create', entity: 'document_keys', entityId: id, familyId: null, before: null, after: { reason, wrapped: row.recovery_wrap !== null } });
  return { id, key };
}

/**
 * The keys flagged current, newest first. Usually one; two desks that each made their first key
 * before they met keep one each until a rotation retires both (docs/decisions.md).
 */
export const currentKeyIds = (ctx: AppContext): string[] =>
  all<{ id: string }>(ctx, 'SELECT id FROM document_keys WHERE is_current = 1 ORDER BY created_at DESC, id DESC').map((r) => r.id);

/** The first of the current keys (newest first) that this desk holds; undefined when it holds none. */
export function heldCurrentKey(currentIds: readonly string[], held: ReadonlyMap<string, Buffer>): { id: string; key: Buffer } | undefined {
  const id = currentIds.find((k) => held.has(k));
  return id === undefined ? undefined : { id, key: held.get(id)! };
}

/** The key new documents are encrypted under (the newest current key this desk holds), made at the first need. */
export function currentKey(ctx: AppContext): { id: string; key: Buffer } {
  const keys = vaultKeys(ctx);
  const ids = currentKeyIds(ctx);
  if (ids.length === 0) return transaction(ctx, () => createKey(ctx, 'first'));
  const current = heldCurrentKey(ids, keys);
  if (!current) throw locked('Le certificat ne peut pas être enregistré');
  return current;
}

/** The key that reads a file: by the id in its header, or the first versions' key for a file without one. */
export function keyForFile(ctx: AppContext, headerKeyId: string | null): Buffer {
  const id = headerKeyId ?? one<{ id: string }>(ctx, 'SELECT id FROM document_keys WHERE is_legacy = 1')?.id;
  // No header, and this base never had the first versions' key: the file is not one of ours.
  if (id === undefined && one(ctx, 'SELECT 1 AS x FROM documents WHERE is_health = 1 AND key_id IS NULL') === undefined) throw damaged();
  const key = id === undefined ? undefined : vaultKeys(ctx).get(id);
  if (!key) throw locked('Le certificat ne peut pas être ouvert');
  return key;
}

/** A first-version key's id, derived from the key (the same key imported twice is one key). */
const legacyKeyId = (key: Buffer): string => `k${createHash('sha256').update('guichet: first key').update(key).digest('hex').slice(0, 8)}`;

/**
 * Imports the single key file of the first versions (data folder or desktop profile, or one a
 * restored backup brought back): into the vault, named in the base as the key of the files without
 * a header. Idempotent; run at every opening and after a restore. Returns the ids imported now.
 */
export function importLegacyKeys(ctx: AppContext): string[] {
  if (!ctx.documentKeys) return [];
  const imported: string[] = [];
  for (const source of ctx.documentKeys.legacy) {
    const key = readLegacyKey(source.file, source.protection);
    if (!key) continue;
    const id = legacyKeyId(key);
    const keys = vaultKeys(ctx);
    if (!keys.has(id)) ctx.documentKeys.vault.add(new Map([[id, key]]));
    const hasLegacyFiles = one(ctx, 'SELECT 1 AS x FROM documents WHERE is_health = 1 AND key_id IS NULL') !== undefined;
    const known = one<{ isLegacy: number }>(ctx, 'SELECT is_legacy AS isLegacy FROM document_keys WHERE id = ?', id);
    const otherLegacy = one<{ id: string }>(ctx, 'SELECT id FROM document_keys WHERE is_legacy = 1 AND id <> ?', id);
    // Only the key of the files of this base is its legacy key (another one stays in the vault only).
    if (known || otherLegacy || !hasLegacyFiles) continue;
    transaction(ctx, () => {
      insertKeyRow(ctx, id, key, { is_current: 0, is_legacy: 1 });
      audit(ctx, { action: 'documentKey.import', entity: 'document_keys', entityId: id, familyId: null, before: null, after: { from: source.file } });
    });
    imported.push(id);
  }
  return imported;
}
