import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { revokeDesk } from '../../portal/desks/enrolment.js';
import { MAX_BLOB_BYTES } from '../../shared/contract/sync-documents.js';
import { enrolledDesk, portalOn, rowsOf, STORE_KINDS } from '../helpers/portal-store.js';

/** The documents' contents on the server: stored by their SHA-256, checked, once; desks only. */
const NOW = new Date('2026-12-01T09:00:00Z');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(STORE_KINDS)('the documents portal.store on $name', (kind) => {
  const portal = portalOn(kind, NOW);
  let desk: string;
  beforeEach(async () => {
    await portal.store.db.execute(sql`TRUNCATE desks, document_blobs`);
    desk = (await enrolledDesk(portal.store, 'Accueil 1', NOW)).credential;
  });

  const put = (address: string, bytes: Buffer, credential: string | null = desk) =>
    portal.app.inject({
      method: 'PUT',
      url: `/sync/documents/${address}`,
      headers: { 'content-type': 'application/octet-stream', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      payload: bytes,
    });
  const get = (address: string, credential: string | null = desk) =>
    portal.app.inject({ method: 'GET', url: `/sync/documents/${address}`, headers: credential ? { authorization: `Bearer ${credential}` } : {} });
  const count = async () => rowsOf<{ n: number }>(await portal.store.db.execute(sql`SELECT COUNT(*)::int AS n FROM document_blobs`))[0]!.n;

  it('stores a content under its SHA-256 once, and gives back the same bytes', async () => {
    const bytes = randomBytes(300_000);
    const first = await put(sha(bytes), bytes);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ sha256: sha(bytes), stored: true });
    // A retried upload (the desk did not hear the answer) changes nothing.
    const again = await put(sha(bytes), bytes);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ sha256: sha(bytes), stored: false });
    expect(await count()).toBe(1);
    const back = await get(sha(bytes));
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/octet-stream');
    expect(back.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses bytes that do not match their address, and stores nothing', async () => {
    const bytes = randomBytes(1000);
    const tampered = Buffer.from(bytes);
    tampered[10] = tampered[10]! ^ 0xff;
    const answer = await put(sha(bytes), tampered);
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({
      error: { code: 'VALIDATION', field: 'sha256', message: 'Document refusé\u00a0: son contenu ne correspond pas à son empreinte SHA-256 (envoi abîmé ou altéré).' },
    });
    expect(await count()).toBe(0);
  });

  it('answers a French 404 for a content it does not hold, and 400 for an address that is not a SHA-256', async () => {
    const absent = await get(sha(Buffer.from('absent')));
    expect(absent.statusCode).toBe(404);
    expect(absent.json().error.message).toBe('Ce document n’est pas (encore) sur le serveur\u00a0: le poste qui l’a enregistré ne l’a pas encore envoyé.');
    const bad = await get('../../etc/passwd');
    expect(bad.statusCode).toBe(404);
    const short = await put('abc', Buffer.from('x'));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('Adresse de document invalide\u00a0: 64 chiffres hexadécimaux (SHA-256) attendus.');
  });

  it('takes a content beyond the JSON routes’ 2 Mio, and refuses one over 10 Mo plus the encryption overhead', async () => {
    const large = Buffer.alloc(3 * 1024 * 1024, 1);
    expect((await put(sha(large), large)).statusCode).toBe(201);
    const over = Buffer.alloc(MAX_BLOB_BYTES + 1, 2);
    const answer = await put(sha(over), over);
    expect(answer.statusCode).toBe(413);
    expect(answer.json().error.message).toBe('Requête trop volumineuse.');
    expect(await count()).toBe(1);
  });

  it('serves desks only: no credential, a wrong or a revoked one is refused in French', async () => {
    const bytes = randomBytes(64);
    expect((await put(sha(bytes), bytes, null)).json().error.message).toBe('Poste non authentifié\u00a0: enrôlez-le auprès du serveur (Réglages › Serveur).');
    expect((await get(sha(bytes), null)).statusCode).toBe(401);
    expect((await put(sha(bytes), bytes, 'x'.repeat(43))).statusCode).toBe(401);
    expect(await put(sha(bytes), bytes)).toMatchObject({ statusCode: 201 });
    await revokeDesk(portal.store, 'Accueil 1', NOW);
    const refused = await get(sha(bytes));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/révoqué/);
  });
});
