import { AppError } from '../../../shared/contract/errors.js';
import { enrolResponse } from '../../../shared/contract/server.js';
import type { AppContext } from '../../context.js';
import { readConnection as readLink, writeConnection, type ServerConnection } from '../../store/server-link.js';
import { audit, transaction } from '../../store/journal.js';
import { serverCall, type Fetch } from './http.js';

/**
 * This desk's link to the central server: its address and this desk's id in `<data>/serveur.json`
 * (main/store/server-link.ts), its credential in `ctx.serverCredential` (safeStorage on the
 * desktop, 0600 elsewhere).
 */
export function readConnection(ctx: AppContext): ServerConnection | null {
  return readLink(ctx.dataDir);
}

/** The server's address as typed: http(s), no path beyond `/`, no credentials in it. */
function serverUrl(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw AppError.invalid('url', 'Adresse du serveur\u00a0: une adresse complète est attendue, par exemple https://guichet.cde11.paris.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AppError.invalid('url', 'Adresse du serveur\u00a0: http:// ou https:// seulement.');
  if (url.username || url.password) throw AppError.invalid('url', 'Adresse du serveur\u00a0: sans identifiant ni mot de passe.');
  return url.origin;
}

/** Enrols this desk with a one-time code from the server (`portal:cli desk enrol`). */
export async function connectServer(ctx: AppContext, input: { url: string; code: string }, fetchImpl: Fetch = fetch): Promise<ServerConnection> {
  const url = serverUrl(input.url);
  const answer = enrolResponse.parse(await serverCall(fetchImpl, url, '/sync/enrol', { method: 'POST', body: { code: input.code } }));
  ctx.serverCredential.write(answer.credential);
  const link: ServerConnection = { url, deskId: answer.deskId, deskName: answer.name, deskNumber: answer.deskNumber, connectedAt: new Date().toISOString() };
  writeConnection(ctx.dataDir, link);
  transaction(ctx, () => audit(ctx, { action: 'sync.connect', entity: 'server', entityId: answer.deskId, familyId: null, before: null, after: { url, deskName: answer.name } }));
  return link;
}

/** The connection and its credential: what a call to the server needs. */
export type ServerLink = ServerConnection & { credential: string };

/** The connection and its credential (read and decrypted: once per sync round), or the French reason this desk cannot sync. */
export function requireConnection(ctx: AppContext): ServerLink {
  const link = readConnection(ctx);
  const credential = link ? ctx.serverCredential.read() : null;
  if (!link || !credential) {
    throw new AppError({ code: 'CONFLICT', message: 'Ce poste n’est relié à aucun serveur\u00a0: reliez-le avec l’adresse du serveur et un code d’enrôlement.' });
  }
  return { ...link, credential };
}
