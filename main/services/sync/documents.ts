import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { documentsFolder, sha256Hex, writeFileAtomic } from '../../store/files.js';
import { syncChange, transaction } from '../../store/journal.js';
import { all, nowIso, one, prepared } from '../../store/sql.js';
import { readConnection, requireConnection, type ServerLink } from './connection.js';
import { serverBytes, type Fetch } from './http.js';

/**
 * Documents between desks (issue 10, « Documents »). A `documents` row travels like any row; its
 * file travels apart, by content: `blob_sha256` is the SHA-256 of the file as stored (a health
 * document's encrypted file: it travels and rests encrypted), its address on the server. After
 * each push a desk sends the files the server does not hold yet (`server_blobs` remembers what it
 * holds); a file missing here is fetched when an agent opens its document, and a few per sync in
 * the background; every file received is checked against its hash before it is written.
 * Generated PDFs never travel (no hash): each desk renders them again from the synced rows.
 */

/** Files fetched in the background by one sync (the rest: at the next one, or when opened). */
const BACKGROUND_FETCHES = 20;

export interface DocumentsReport {
  uploaded: number;
  fetched: number;
  /** Files still to fetch (not on the server yet, or beyond this sync's share). */
  missing: number;
}

const remembered = (ctx: AppContext, sha256: string) =>
  prepared(ctx.store.sqlite, 'INSERT INTO server_blobs (sha256, known_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(sha256, nowIso());

/**
 * Pieces stored before files travelled have no hash yet: it is taken from their file, here, and
 * sent like any change. Health files of the first format (no header) wait for their re-encryption.
 */
function hashOlderFiles(ctx: AppContext): void {
  const rows = all<{ id: string; storedName: string }>(
    ctx,
    `SELECT id, stored_name AS storedName FROM documents
      WHERE blob_sha256 IS NULL AND stored_name NOT LIKE 'documents/%' AND NOT (is_health = 1 AND key_id IS NULL)`,
  );
  for (const row of rows) {
    const path = documentsFolder(ctx, row.storedName);
    if (!existsSync(path)) continue;
    const blob = sha256Hex(readFileSync(path));
    transaction(ctx, () => {
      prepared(ctx.store.sqlite, 'UPDATE documents SET blob_sha256 = ? WHERE id = ?').run(blob, row.id);
      syncChange(ctx, { entity: 'documents', entityId: row.id, before: { blob_sha256: null }, after: { blob_sha256: blob } });
    });
  }
}

/** Sends the files of this desk the server does not hold yet (after a push: their rows are there). `link`: the round's, or read here. */
export async function uploadDocuments(ctx: AppContext, fetchImpl: Fetch = fetch, link: ServerLink = requireConnection(ctx)): Promise<number> {
  hashOlderFiles(ctx);
  // The server deletes a content once no document names it (portal/sync/erasure.ts): what no
  // document here names any more is forgotten, so that a document of the same content made
  // later here is sent again.
  prepared(ctx.store.sqlite, 'DELETE FROM server_blobs WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.blob_sha256 = server_blobs.sha256)').run();
  const rows = all<{ blob: string; storedName: string }>(
    ctx,
    `SELECT blob_sha256 AS blob, MIN(stored_name) AS storedName FROM documents d
      WHERE blob_sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM server_blobs s WHERE s.sha256 = d.blob_sha256)
      GROUP BY blob_sha256`,
  );
  let uploaded = 0;
  for (const row of rows) {
    const path = documentsFolder(ctx, row.storedName);
    // Not here: another desk's file, not fetched yet. Not this content: rewritten since (re-encrypted).
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    if (sha256Hex(bytes) !== row.blob) continue;
    await serverBytes(fetchImpl, link.url, `/sync/documents/${row.blob}`, { method: 'PUT', body: bytes, credential: link.credential });
    transaction(ctx, () => remembered(ctx, row.blob));
    uploaded++;
  }
  return uploaded;
}

interface Wanted {
  id: string;
  storedName: string;
  blob: string;
}

/** One file from the server, checked against its hash, written whole. */
async function fetchFile(ctx: AppContext, link: Pick<ServerLink, 'url' | 'credential'>, doc: Wanted, fetchImpl: Fetch): Promise<void> {
  const bytes = await serverBytes(fetchImpl, link.url, `/sync/documents/${doc.blob}`, { method: 'GET', credential: link.credential });
  if (sha256Hex(bytes) !== doc.blob) {
    throw new AppError({ code: 'CONFLICT', message: 'Le document reçu du serveur ne correspond pas à son empreinte SHA-256\u00a0: il est refusé, et rien n’est écrit sur ce poste.' });
  }
  const path = documentsFolder(ctx, doc.storedName);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, bytes);
  transaction(ctx, () => remembered(ctx, doc.blob));
}

/** Fetches, in the background of a sync, a few of the files missing here. `link`: the round's, or read here. */
export async function fetchMissingDocuments(ctx: AppContext, fetchImpl: Fetch = fetch, link: ServerLink = requireConnection(ctx)): Promise<{ fetched: number; missing: number }> {
  const wanted = all<Wanted>(ctx, 'SELECT id, stored_name AS storedName, blob_sha256 AS blob FROM documents WHERE blob_sha256 IS NOT NULL ORDER BY created_at DESC').filter(
    (d) => !existsSync(documentsFolder(ctx, d.storedName)),
  );
  let fetched = 0;
  for (const doc of wanted.slice(0, BACKGROUND_FETCHES)) {
    try {
      await fetchFile(ctx, link, doc, fetchImpl);
      fetched++;
    } catch (error) {
      // Not on the server yet (its desk has not sent it), or refused (its opening will say so):
      // next time. Anything else (the server unreachable) stops this round.
      if (!(error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'CONFLICT'))) throw error;
    }
  }
  return { fetched, missing: wanted.length - fetched };
}

/**
 * Before a document is opened: its file, fetched from the server when it is not here or is not
 * the content its row names (re-encrypted on another desk). Offline, or not on the server yet,
 * the opening goes on with what this desk has (and says so when it has nothing); a file that
 * does not match its hash is refused.
 */
export async function ensureDocumentFile(ctx: AppContext, documentId: string, fetchImpl: Fetch = fetch): Promise<void> {
  const doc = one<Wanted>(ctx, 'SELECT id, stored_name AS storedName, blob_sha256 AS blob FROM documents WHERE id = ?', documentId);
  if (!doc || doc.blob === null) return;
  const path = documentsFolder(ctx, doc.storedName);
  if (existsSync(path) && sha256Hex(readFileSync(path)) === doc.blob) return;
  const link = readConnection(ctx);
  const credential = link ? ctx.serverCredential.read() : null;
  if (!link || !credential) return;
  try {
    await fetchFile(ctx, { url: link.url, credential }, doc, fetchImpl);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') throw error;
  }
}
