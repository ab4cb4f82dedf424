import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/context.js';
import { createFamily } from '../../main/services/families/index.js';
import { reencryptAll, recoverKeys, rotateKey, setupRecovery } from '../../main/services/keys/index.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { ensureDocumentFile, syncOnce } from '../../main/services/sync/index.js';
import { pullChanges } from '../../main/services/sync/pull.js';
import { storeHealthDocument, storeRequestPiece, sweepDocuments } from '../../main/services/uploads/index.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { dispatch } from '../helpers/dispatch.js';
import { familyInput } from '../helpers/fixtures.js';
import { rowsOf, portalServerForFile } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';
import { pdfFixture } from '../helpers/uploads.js';
import { sha256Hex } from '../../main/store/files.js';

/**
 * Documents between two desks through one real server (issue 10, « Documents »): files travel by
 * their SHA-256, checked at both ends; health documents travel and rest encrypted, and a desk
 * reads another's only once an administrator has typed the recovery code there.
 */
const server = portalServerForFile();

const PIECE = await pdfFixture({ marker: 'certificat-de-radiation-martin' });
const CERTIFICATE = await pdfFixture({ marker: 'certificat-medical-zoe-martin' });

/** Each desk's clock is set by the test (before the server's, never ahead). */
const clocks = { a: Date.now() - 120_000, b: Date.now() - 120_000 };
let a: ReturnType<typeof tempContext>;
let b: ReturnType<typeof tempContext>;
let familyId: string;
beforeEach(async () => {
  await server.empty();
  a = tempContext({ now: () => clocks.a });
  b = tempContext({ now: () => clocks.b });
  for (const [desk, name] of [[a, 'A'], [b, 'B']] as const) {
    await server.link(desk, name);
  }
  familyId = createFamily(a, familySchema.parse(familyInput({ familyName: 'Martin' }))).id;
});
afterEach(() => {
  a.dispose();
  b.dispose();
});

const open = async (ctx: AppContext, op: 'documents.openPiece' | 'documents.openHealth', documentId: string) => {
  const result = await dispatch(ctx, op, { documentId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { mime: string; fileName: string; base64: string };
};
const fileOf = (ctx: AppContext, id: string) =>
  join(ctx.dataDir, 'documents', (ctx.store.sqlite.prepare('SELECT stored_name FROM documents WHERE id = ?').get(id) as { stored_name: string }).stored_name);
const blobOf = (ctx: AppContext, id: string) => (ctx.store.sqlite.prepare('SELECT blob_sha256 FROM documents WHERE id = ?').get(id) as { blob_sha256: string }).blob_sha256;
const serverBytes = async (sha256: string) =>
  Buffer.from(rowsOf<{ content: Uint8Array }>(await server.store.db.execute(sql`SELECT content FROM document_blobs WHERE sha256 = ${sha256}`))[0]!.content);
/** B takes A's rows but none of their files (as a sync whose background share is spent). */
const pullOnly = (ctx: AppContext) => pullChanges(ctx);

let requests = 0;
function piece(ctx: AppContext): string {
  const text = `Demande ${++requests}`;
  const requestId = createRequest(ctx, { type: 'contact', familyId, childId: null, receivedOn: '2026-03-10', details: { text }, confirmDuplicate: true } as never).id;
  return storeRequestPiece(ctx, { familyId, requestId, kind: 'radiation_certificate', fileName: 'radiation.pdf', base64: PIECE.toString('base64') }).id;
}
const certificate = (ctx: AppContext, fileName = 'certificat.pdf') =>
  storeHealthDocument(ctx, { familyId, childId: null, requestId: null, fileName, base64: CERTIFICATE.toString('base64') }).id;

describe('documents between two desks', () => {
  it('a piece stored on A opens on B with the same bytes, its file fetched when opened', async () => {
    const id = piece(a);
    expect((await syncOnce(a)).documents).toEqual({ uploaded: 1, fetched: 0, missing: 0 });
    // Sent once: the next sync sends nothing again.
    expect((await syncOnce(a)).documents.uploaded).toBe(0);
    await pullOnly(b);
    expect(existsSync(fileOf(b, id))).toBe(false);
    const opened = await open(b, 'documents.openPiece', id);
    expect(Buffer.from(opened.base64, 'base64').equals(PIECE)).toBe(true);
    expect(opened).toMatchObject({ mime: 'application/pdf', fileName: 'radiation.pdf' });
    expect(existsSync(fileOf(b, id))).toBe(true);
  });

  it('a sync fetches the files of the others’ documents in the background; B sends none of them back', async () => {
    const id = piece(a);
    await syncOnce(a);
    expect((await syncOnce(b)).documents).toEqual({ uploaded: 0, fetched: 1, missing: 0 });
    expect((await syncOnce(b)).documents).toEqual({ uploaded: 0, fetched: 0, missing: 0 });
    expect(Buffer.from((await open(b, 'documents.openPiece', id)).base64, 'base64').equals(PIECE)).toBe(true);
  });

  it('offline, a document whose file has not come yet says so in French; the sweep neither flags nor touches it', async () => {
    const id = piece(a);
    await syncOnce(a);
    await pullOnly(b);
    b.serverCredential.write('x'.repeat(43)); // the server no longer answers this desk
    await expect(open(b, 'documents.openPiece', id)).rejects.toThrow('Ce document n’est pas encore sur ce poste\u00a0: il sera récupéré à la prochaine synchronisation.');
    const dry = sweepDocuments(b, { dryRun: true });
    expect(dry.missing).toEqual([]);
    expect(dry.notFetched).toEqual([{ id, storedName: expect.stringMatching(/^pieces\//) as string, kind: 'radiation_certificate' }]);
    sweepDocuments(b);
    expect(b.store.sqlite.prepare('SELECT COUNT(*) AS n FROM documents WHERE id = ?').get(id)).toEqual({ n: 1 });
    // A file lost on the desk that made it is still reported as missing there.
    const lost = piece(a);
    rmSync(fileOf(a, lost));
    expect(sweepDocuments(a, { dryRun: true }).missing.map((m) => m.id)).toEqual([lost]);
  });

  it('a file served corrupted is refused by the desk, and nothing is written', async () => {
    const id = piece(a);
    await syncOnce(a);
    await pullOnly(b);
    const tampered = Buffer.from(PIECE);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0xff;
    await server.store.db.execute(sql`UPDATE document_blobs SET content = ${tampered} WHERE sha256 = ${blobOf(b, id)}`);
    await expect(ensureDocumentFile(b, id)).rejects.toThrow('Le document reçu du serveur ne correspond pas à son empreinte SHA-256\u00a0: il est refusé, et rien n’est écrit sur ce poste.');
    expect(existsSync(fileOf(b, id))).toBe(false);
    // The background share of a sync skips it (the opening says why) and the sync itself succeeds.
    expect((await syncOnce(b)).documents).toMatchObject({ fetched: 0, missing: 1 });
  });
});

describe('health documents between two desks', () => {
  it('travel and rest encrypted: the server holds the encrypted file, never the certificate', async () => {
    const id = certificate(a);
    await syncOnce(a);
    const stored = await serverBytes(blobOf(a, id));
    expect(stored.subarray(0, 4).toString('ascii')).toBe('GCHD');
    expect(stored.includes(Buffer.from('certificat-medical-zoe-martin'))).toBe(false);
    expect(stored.includes(CERTIFICATE.subarray(0, 200))).toBe(false);
  });

  it('B without the key says which step is needed; once the recovery code is typed there, it opens; and A reads B’s', async () => {
    const { code } = await setupRecovery(a);
    const fromA = certificate(a, 'a.pdf');
    await syncOnce(a);
    await syncOnce(b);
    const fromB = certificate(b, 'b.pdf'); // under B's own first key, made before the desks met
    await syncOnce(b);
    await expect(open(b, 'documents.openHealth', fromA)).rejects.toThrow(
      'Le certificat ne peut pas être ouvert\u00a0: la clé des documents de santé n’est pas sur ce poste. Un administrateur doit saisir le code de secours (Réglages → Clé des documents).',
    );
    expect(await dispatch(b, 'documentKeys.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    recoverKeys(b, code);
    expect(Buffer.from((await open(b, 'documents.openHealth', fromA)).base64, 'base64').equals(CERTIFICATE)).toBe(true);
    // Typing the code on B wrapped B's own key for it: A gets it the same way.
    await syncOnce(b);
    await syncOnce(a);
    await expect(open(a, 'documents.openHealth', fromB)).rejects.toThrow(/la clé des documents de santé n’est pas sur ce poste/);
    recoverKeys(a, code);
    expect(Buffer.from((await open(a, 'documents.openHealth', fromB)).base64, 'base64').equals(CERTIFICATE)).toBe(true);
  });

  it('two desks that each made a recovery code before they met end with one code, the same on both, that opens every key', async () => {
    const first = await setupRecovery(a);
    clocks.b += 5000;
    const second = await setupRecovery(b); // made later: its code is the one kept
    const fromA = certificate(a, 'a.pdf');
    await syncOnce(a);
    await syncOnce(b);
    const fromB = certificate(b, 'b.pdf');
    for (const desk of [b, a]) await syncOnce(desk);
    const recovery = (ctx: AppContext) => ctx.store.sqlite.prepare('SELECT created_at, created_by, kdf, public_key FROM document_key_recovery').all();
    expect(recovery(a)).toEqual(recovery(b));
    expect(() => recoverKeys(a, first.code)).toThrow('Code de secours\u00a0: ce n’est pas le code de cette base (un code renouvelé remplace l’ancien).');
    // A types the code kept: it gets B's key, and wraps its own for that code.
    recoverKeys(a, second.code);
    expect(Buffer.from((await open(a, 'documents.openHealth', fromB)).base64, 'base64').equals(CERTIFICATE)).toBe(true);
    await syncOnce(a);
    await syncOnce(b);
    recoverKeys(b, second.code);
    expect(Buffer.from((await open(b, 'documents.openHealth', fromA)).base64, 'base64').equals(CERTIFICATE)).toBe(true);
    const keys = (ctx: AppContext) => ctx.store.sqlite.prepare('SELECT * FROM document_keys ORDER BY id').all();
    expect(keys(a)).toEqual(keys(b));
  });

  it('a rotation on A rewrites the file there; B, whose copy is the old one, takes the new file when it opens it', async () => {
    const { code } = await setupRecovery(a);
    const id = certificate(a);
    await syncOnce(a);
    await syncOnce(b);
    recoverKeys(b, code);
    const before = blobOf(b, id);
    expect(sha256Hex(readFileSync(fileOf(b, id)))).toBe(before);
    rotateKey(a);
    expect(reencryptAll(a).done).toBe(1);
    expect(blobOf(a, id)).not.toBe(before);
    await syncOnce(a);
    await pullOnly(b);
    expect(blobOf(b, id)).toBe(blobOf(a, id));
    // The new key reaches B wrapped for the code, as any key: typed again there.
    recoverKeys(b, code);
    expect(Buffer.from((await open(b, 'documents.openHealth', id)).base64, 'base64').equals(CERTIFICATE)).toBe(true);
    expect(sha256Hex(readFileSync(fileOf(b, id)))).toBe(blobOf(a, id));
  });
});
