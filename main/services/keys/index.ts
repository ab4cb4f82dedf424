import type { DocumentKeyStatus } from '../../../shared/contract/keys.js';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { audit, syncChange, transaction } from '../../store/journal.js';
import { prepared } from '../../store/sql.js';
import { createKey, importLegacyKeys, type KeyRow, keyRows, recoveryRow, vaultKeys } from './keyring.js';
import { newKdf, newRecoveryCode, normaliseRecoveryCode, publicKeyBase64, type RecoveryWrap, recoveryPrivateKey, unwrapWithRecovery, wrapForRecovery } from './recovery.js';
import { recoverySheetPdf } from './recovery-sheet.js';
import { startReencryption } from './rotation.js';
import { documentKeyStatus } from './status.js';

/**
 * The keys domain's public face: the « Clé des documents » operations (administration), and what
 * the uploads domain and the entry points use (current key, key of a file, legacy import,
 * background re-encryption).
 */
export { currentKey, damaged, importLegacyKeys, keyForFile } from './keyring.js';
export { encryptFile, parseFile } from './format.js';
export { reencryptAll, reencryptionSettled, startReencryption } from './rotation.js';
export { documentKeyStatus } from './status.js';

/** Every key the base names must be on this desk before the code is made or the key changed. */
function requireReady(ctx: AppContext, what: string): void {
  const status = documentKeyStatus(ctx);
  if (status.state !== 'ready') {
    throw new AppError({ code: 'CONFLICT', message: `${what}\u00a0: ${status.reason ?? 'les clés ne sont pas toutes sur ce poste.'}` });
  }
}

/** A key wrapped (again) for the recovery code's public half: its row changed and sent to the other desks. */
function rewrap(ctx: AppContext, row: KeyRow, publicKey: string, key: Buffer): void {
  const wrap = JSON.stringify(wrapForRecovery(publicKey, row.id, key));
  prepared(ctx.store.sqlite, 'UPDATE document_keys SET recovery_wrap = ? WHERE id = ?').run(wrap, row.id);
  syncChange(ctx, { entity: 'document_keys', entityId: row.id, before: { recovery_wrap: row.recoveryWrap }, after: { recovery_wrap: wrap } });
}

/** Makes (or renews) the recovery code: every key wrapped for it, the old code useless. */
async function issueRecovery(ctx: AppContext, renew: boolean): Promise<{ code: string; sheet: { fileName: string; base64: string }; status: DocumentKeyStatus }> {
  const existing = recoveryRow(ctx);
  if (!renew && existing) {
    throw new AppError({ code: 'CONFLICT', message: 'Un code de secours existe déjà\u00a0: renouvelez-le si vous l’avez perdu.' });
  }
  if (renew && !existing) throw new AppError({ code: 'CONFLICT', message: 'Aucun code de secours n’existe encore\u00a0: créez-le.' });
  requireReady(ctx, renew ? 'Le code de secours ne peut pas être renouvelé' : 'Le code de secours ne peut pas être créé');
  const code = newRecoveryCode();
  const kdf = newKdf();
  const publicKey = publicKeyBase64(recoveryPrivateKey(normaliseRecoveryCode(code)!, kdf));
  const issuedAt = new Date().toISOString();
  transaction(ctx, () => {
    if (keyRows(ctx).length === 0) createKey(ctx, 'first');
    const keys = vaultKeys(ctx);
    const recoveryFields = { created_at: issuedAt, created_by: ctx.actor, kdf: JSON.stringify(kdf), public_key: publicKey };
    prepared(
      ctx.store.sqlite,
      'INSERT OR REPLACE INTO document_key_recovery (id, created_at, created_by, kdf, public_key) VALUES (1, @created_at, @created_by, @kdf, @public_key)',
    ).run(recoveryFields);
    // Every field travels (not only those that changed): the code's salt and public half are one whole.
    syncChange(ctx, { entity: 'document_key_recovery', entityId: '1', before: null, after: recoveryFields });
    for (const row of keyRows(ctx)) {
      const key = keys.get(row.id);
      if (key) rewrap(ctx, row, publicKey, key);
    }
    audit(ctx, { action: renew ? 'documentKey.recoveryRenew' : 'documentKey.recoverySetup', entity: 'document_keys', entityId: 'recovery', familyId: null, before: null, after: { keys: keyRows(ctx).map((r) => r.id) } });
  });
  const keyIds = keyRows(ctx).map((r) => r.id);
  const pdf = await recoverySheetPdf({ code, issuedAt, issuedBy: ctx.actor, keyIds });
  return { code, sheet: { fileName: 'code-de-secours-guichet.pdf', base64: Buffer.from(pdf).toString('base64') }, status: documentKeyStatus(ctx) };
}

export const setupRecovery = (ctx: AppContext) => issueRecovery(ctx, false);
export const renewRecovery = (ctx: AppContext) => issueRecovery(ctx, true);

/** Unwraps, with the recovery code, the keys this desk lacks (a new machine, a restored backup). */
export function recoverKeys(ctx: AppContext, typed: string): DocumentKeyStatus {
  const recovery = recoveryRow(ctx);
  if (!recovery) throw new AppError({ code: 'CONFLICT', message: 'Aucun code de secours n’a été créé pour cette base\u00a0: les clés absentes ne peuvent pas être retrouvées.' });
  const code = normaliseRecoveryCode(typed);
  if (code === null) throw AppError.invalid('code', 'Code de secours\u00a0: 20 caractères, chiffres et lettres, comme sur la fiche imprimée.');
  const privateKey = recoveryPrivateKey(code, recovery.parsedKdf);
  if (publicKeyBase64(privateKey) !== recovery.publicKey) {
    transaction(ctx, () => audit(ctx, { action: 'documentKey.recoverRefused', entity: 'document_keys', entityId: 'recovery', familyId: null, before: null, after: null }));
    throw AppError.invalid('code', 'Code de secours\u00a0: ce n’est pas le code de cette base (un code renouvelé remplace l’ancien).');
  }
  const held = vaultKeys(ctx);
  const found = new Map<string, Buffer>();
  const unwrapped = (row: KeyRow): Buffer | null => {
    if (row.recoveryWrap === null) return null;
    try {
      return unwrapWithRecovery(privateKey, row.id, JSON.parse(row.recoveryWrap) as RecoveryWrap);
    } catch {
      return null; // wrapped for another code (another desk's, before the desks met)
    }
  };
  for (const row of keyRows(ctx)) {
    if (held.has(row.id)) continue;
    const key = unwrapped(row);
    if (key) found.set(row.id, key);
  }
  if (found.size > 0) ctx.documentKeys!.vault.add(found);
  transaction(ctx, () => {
    // The code is proven here: the keys this desk holds that it does not open yet (made here
    // before the desks met, or wrapped for a code since replaced) are wrapped for it, so that
    // the other desks can unwrap them with the same code.
    const rewrapped: string[] = [];
    for (const row of keyRows(ctx)) {
      const key = held.get(row.id);
      if (key && !unwrapped(row)) {
        rewrap(ctx, row, recovery.publicKey, key);
        rewrapped.push(row.id);
      }
    }
    audit(ctx, { action: 'documentKey.recover', entity: 'document_keys', entityId: 'recovery', familyId: null, before: null, after: { keys: [...found.keys()], rewrapped } });
  });
  startReencryption(ctx);
  return documentKeyStatus(ctx);
}

/** A new current key; the documents are re-encrypted under it in the background. */
export function rotateKey(ctx: AppContext): DocumentKeyStatus {
  requireReady(ctx, 'La clé ne peut pas être changée');
  transaction(ctx, () => createKey(ctx, 'rotation'));
  startReencryption(ctx);
  return documentKeyStatus(ctx);
}

/**
 * Run by each entry point once its context is made: imports the first versions' key file if any,
 * makes the first key of a new base (so that no business operation makes it half-way), and (a
 * desk: `background`) resumes a re-encryption left unfinished. Never throws: a desk without its
 * keys still opens, and says so (documentKeys.status).
 */
export function openDocumentKeys(ctx: AppContext, options: { background: boolean }): void {
  try {
    importLegacyKeys(ctx);
    if (keyRows(ctx).length === 0) transaction(ctx, () => createKey(ctx, 'first'));
    if (options.background) startReencryption(ctx);
  } catch (error) {
    console.warn(`Guichet\u00a0: clés des documents de santé — ${(error as Error).message}`);
  }
}
