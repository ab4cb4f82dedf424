import { existsSync, readFileSync } from 'node:fs';
import { rootContext, type AppContext } from '../../context.js';
import { documentsFolder, sha256Hex, writeFileAtomic } from '../../store/files.js';
import { audit, syncChange, transaction } from '../../store/journal.js';
import { all, one, prepared } from '../../store/sql.js';
import { encryptFile, parseFile } from './format.js';
import { currentKeyIds, heldCurrentKey, keyForFile, vaultKeys } from './keyring.js';

/**
 * Re-encryption after a rotation (and of the first versions' files): each health document not yet
 * under the current key is decrypted, checked against its SHA-256, encrypted under the current key
 * and written over itself atomically, then its row names the new key. A crash between the two
 * leaves a file whose header names the new key and a row naming the old: the next pass rewrites
 * it again, harmlessly (the header, not the row, says which key opens a file).
 * The desk runs it in the background, a few documents per turn of the event loop; the CLI at once.
 * The row's new key and file hash travel to the other desks, which fetch the new file; a document
 * whose file is not on this desk yet is left to a desk that has it.
 */

const BATCH = 20;

interface RotationRuntime {
  running: boolean;
  lastError: string | null;
  /** Documents that failed in this run (not retried until the next run). */
  failed: Map<string, string>;
  /** Documents whose file is not on this desk yet (fetched later, or re-encrypted elsewhere). */
  skipped: Set<string>;
  done: number;
}

const runtimes = new WeakMap<AppContext, RotationRuntime>();

function runtime(ctx: AppContext): RotationRuntime {
  const root = rootContext(ctx);
  let r = runtimes.get(root);
  if (!r) {
    r = { running: false, lastError: null, failed: new Map(), skipped: new Set(), done: 0 };
    runtimes.set(root, r);
  }
  return r;
}

/** Under no key flagged current (several may be: docs/decisions.md), or in the first format. */
const PENDING_WHERE = `is_health = 1 AND (key_id IS NULL OR key_id NOT IN (SELECT id FROM document_keys WHERE is_current = 1))`;

/** Health documents not yet under the current key. */
export function pendingDocuments(ctx: AppContext): number {
  return one<{ n: number }>(ctx, `SELECT COUNT(*) AS n FROM documents WHERE ${PENDING_WHERE}`)?.n ?? 0;
}

export function rotationState(ctx: AppContext): { running: boolean; lastError: string | null } {
  const r = runtime(ctx);
  return { running: r.running, lastError: r.lastError };
}

/** Rewrites one document under the current key; throws (French) when it cannot. */
function reencryptOne(ctx: AppContext, doc: Pending, current: { id: string; key: Buffer }): void {
  const path = documentsFolder(ctx, doc.storedName);
  let stored: Buffer;
  try {
    stored = readFileSync(path);
  } catch {
    throw new Error('fichier absent');
  }
  const parsed = parseFile(stored);
  let key: Buffer;
  try {
    key = keyForFile(ctx, parsed.keyId);
  } catch (error) {
    throw new Error((error as Error).message.replace(/\.$/, ''), { cause: error });
  }
  let plaintext: Buffer;
  try {
    plaintext = parsed.decrypt(key, doc.id);
  } catch (error) {
    throw new Error('fichier abîmé ou clé différente', { cause: error });
  }
  if (sha256Hex(plaintext) !== doc.sha256) throw new Error('le contenu ne correspond plus à son empreinte');
  const rewritten = parsed.keyId === current.id ? stored : encryptFile(current.key, current.id, doc.id, plaintext);
  if (rewritten !== stored) writeFileAtomic(path, rewritten);
  const after = { key_id: current.id, blob_sha256: sha256Hex(rewritten) };
  prepared(ctx.store.sqlite, 'UPDATE documents SET key_id = ?, blob_sha256 = ? WHERE id = ?').run(after.key_id, after.blob_sha256, doc.id);
  syncChange(ctx, { entity: 'documents', entityId: doc.id, before: { key_id: doc.keyId, blob_sha256: doc.blobSha256 }, after });
}

interface Pending {
  id: string;
  storedName: string;
  sha256: string;
  keyId: string | null;
  blobSha256: string | null;
}

/** One batch; returns how many documents it handled (0: nothing left but failures). */
function reencryptBatch(ctx: AppContext, r: RotationRuntime): number {
  const ids = currentKeyIds(ctx);
  if (ids.length === 0) return 0;
  const current = heldCurrentKey(ids, vaultKeys(ctx));
  if (!current) throw new Error(`la clé ${ids[0]} n’est pas sur ce poste`);
  const skip = [...r.failed.keys(), ...r.skipped];
  const docs = all<Pending>(
    ctx,
    `SELECT id, stored_name AS storedName, sha256, key_id AS keyId, blob_sha256 AS blobSha256 FROM documents WHERE ${PENDING_WHERE}
       ${skip.length > 0 ? `AND id NOT IN (${skip.map(() => '?').join(', ')})` : ''} ORDER BY id LIMIT ${BATCH}`,
    ...skip,
  );
  for (const doc of docs) {
    if (doc.blobSha256 !== null && !existsSync(documentsFolder(ctx, doc.storedName))) {
      r.skipped.add(doc.id);
      continue;
    }
    try {
      reencryptOne(ctx, doc, current);
      r.done++;
    } catch (error) {
      r.failed.set(doc.id, (error as Error).message);
    }
  }
  return docs.length;
}

function finishRun(ctx: AppContext, r: RotationRuntime): void {
  r.running = false;
  r.lastError =
    r.failed.size === 0
      ? null
      : `${r.failed.size} certificat${r.failed.size > 1 ? 's n’ont' : ' n’a'} pas pu être rechiffré${r.failed.size > 1 ? 's' : ''}\u00a0: ${[...r.failed.values()].slice(0, 3).join(' ; ')}.`;
  if (r.done > 0 || r.failed.size > 0) {
    transaction(ctx, () =>
      audit(ctx, { action: 'documentKey.reencrypt', entity: 'document_keys', entityId: 'rotation', familyId: null, before: null, after: { documents: r.done, failed: r.failed.size } }),
    );
  }
}

/**
 * Re-encrypts everything pending now (the CLI; tests). A background run under way is simply
 * overtaken: one thread, so its next turn finds nothing left and ends it.
 */
export function reencryptAll(ctx: AppContext): { done: number; failed: { id: string; message: string }[] } {
  const r = runtime(ctx);
  const own = !r.running;
  if (own) Object.assign(r, { running: true, failed: new Map(), skipped: new Set(), done: 0 });
  try {
    while (reencryptBatch(ctx, r) > 0);
  } finally {
    if (own) finishRun(ctx, r);
  }
  return { done: r.done, failed: [...r.failed].map(([id, message]) => ({ id, message })) };
}

/** Starts the background re-encryption when documents are pending and none runs. */
export function startReencryption(ctx: AppContext): void {
  const r = runtime(ctx);
  if (r.running || pendingDocuments(ctx) === 0) return;
  Object.assign(r, { running: true, failed: new Map(), skipped: new Set(), done: 0 });
  const root = rootContext(ctx);
  const turn = (): void => {
    // The store was closed under us (the desk quits, a test ends): the next start resumes the work.
    if (!root.store.sqlite.open) {
      r.running = false;
      return;
    }
    try {
      if (reencryptBatch(root, r) > 0) {
        setTimeout(turn, 0).unref?.();
        return;
      }
    } catch (error) {
      r.failed.set('*', (error as Error).message);
    }
    finishRun(root, r);
  };
  setTimeout(turn, 0).unref?.();
}

/** Resolves when the background re-encryption has stopped (tests, and a restore waits for it). */
export async function reencryptionSettled(ctx: AppContext): Promise<void> {
  while (runtime(ctx).running) await new Promise((resolve) => setTimeout(resolve, 5));
}
