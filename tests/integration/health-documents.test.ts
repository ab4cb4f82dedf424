import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { dispatch as dispatchAs } from '../../main/api/dispatch.js';
import { loggedInSession } from '../helpers/sessions.js';
import { createFamily } from '../../main/services/families/file.js';
import { openHealthDocument, storeHealthDocument } from '../../main/services/uploads/health.js';
import { createRequest, getRequest } from '../../main/services/requests/requests.js';
import { familyInput } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { familyInput as fixture } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';
import { jpegFixture, pdfFixture, pngFixture } from '../helpers/uploads.js';

const MARKER = 'CERTIFICAT-MEDICAL-ZOE-MARTIN';
const PDF = (await pdfFixture({ marker: MARKER }));
const PNG = pngFixture();

let ctx: ReturnType<typeof tempContext>;
let familyId: string;
beforeEach(() => {
  ctx = tempContext();
  familyId = createFamily(ctx, parseOrThrow(familyInput, fixture())).id;
});
afterEach(() => ctx.dispose());

const row0 = (id: string) => ctx.store.sqlite.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown>;
const files = () => readdirSync(join(ctx.dataDir, 'documents', 'sante'));
const upload = (content: Buffer, fileName = 'certificat.pdf', requestId: string | null = null) =>
  storeHealthDocument(ctx, { familyId, childId: null, requestId, fileName, base64: content.toString('base64') });

describe('health documents', () => {
  it('encrypts at rest under a program-chosen name, indexes the plaintext SHA-256, and opens it back', () => {
    const { id, sha256, mime, size } = upload(PDF, '../../etc/passwd.pdf');
    expect(mime).toBe('application/pdf');
    expect(size).toBe(PDF.length);
    const [file] = files();
    expect(file).toMatch(/^[0-9a-f-]{36}\.bin$/);
    const stored = readFileSync(join(ctx.dataDir, 'documents', 'sante', file!));
    expect(stored.includes(Buffer.from(MARKER))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    // Header (GCHD, format 1, the key id), IV, 16-byte tag, ciphertext.
    const keyId = row0(id).key_id as string;
    expect(stored.subarray(0, 6).equals(Buffer.from([0x47, 0x43, 0x48, 0x44, 1, keyId.length]))).toBe(true);
    expect(stored.subarray(6, 6 + keyId.length).toString('ascii')).toBe(keyId);
    expect(stored.length).toBe(6 + keyId.length + 12 + 16 + PDF.length);
    const row = row0(id);
    expect(row).toMatchObject({ is_health: 1, sha256, mime: 'application/pdf', size: PDF.length, original_name: '../../etc/passwd.pdf' });

    const opened = openHealthDocument(ctx, id);
    expect(Buffer.from(opened.base64, 'base64').equals(PDF)).toBe(true);
    expect(opened).toMatchObject({ mime: 'application/pdf', fileName: '../../etc/passwd.pdf' });
    expect(upload(PNG, 'scan.png').mime).toBe('image/png');
    expect(upload(jpegFixture(), 'scan.jpg').mime).toBe('image/jpeg');
  });

  it('two uploads of the same file get different IVs', () => {
    upload(PDF);
    upload(PDF);
    const [a, b] = files().map((f) => readFileSync(join(ctx.dataDir, 'documents', 'sante', f)));
    const iv = (f: Buffer) => f.subarray(f.length - PDF.length - 28, f.length - PDF.length - 16);
    expect(iv(a!).equals(iv(b!))).toBe(false);
  });

  it('fails to open under a wrong key or as another document, and refuses without a vault', () => {
    const { id } = upload(PDF);
    const other = upload(PDF);
    const path = (docId: string) => join(ctx.dataDir, 'documents', row0(docId).stored_name as string);
    // The document id is associated data: a file copied over another document's does not open.
    const original = readFileSync(path(other.id));
    writeFileSync(path(other.id), readFileSync(path(id)));
    expect(() => openHealthDocument(ctx, other.id)).toThrow('Le certificat ne peut pas être déchiffré\u00a0: fichier abîmé, ou fichier d’un autre document.');
    writeFileSync(path(other.id), original);
    expect(Buffer.from(openHealthDocument(ctx, other.id).base64, 'base64').equals(PDF)).toBe(true);
    // A tag cut short is refused (the 16-byte tag is enforced).
    const keyId = row0(id).key_id as string;
    writeFileSync(path(other.id), original.subarray(0, 6 + keyId.length + 12 + 8));
    expect(() => openHealthDocument(ctx, other.id)).toThrow(/ne peut pas être déchiffré/);
    // Another key under the same id.
    ctx.documentKeys!.vault.add(new Map([[keyId, Buffer.alloc(32, 2)]]));
    expect(() => openHealthDocument(ctx, id)).toThrow(/ne peut pas être déchiffré/);
    ctx.documentKeys = null;
    expect(() => upload(PDF)).toThrow('Aucun coffre de clés n’est disponible sur ce poste\u00a0: les certificats médicaux ne peuvent être ni enregistrés ni ouverts.');
  });

  it('checks the content, not the name', async () => {
    const text = Buffer.from('bonjour, ceci est un texte').toString('base64');
    const result = await dispatch(ctx, 'documents.uploadHealth', { familyId, fileName: 'certificat.pdf', base64: text });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'base64', message: 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.' } });
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect(() => upload(big)).toThrow(/10 Mo/);
    expect(ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 });
  });

  it('refuses a certificate for an archived file (read-only): no row, no file, no audit', async () => {
    const archived = createFamily(ctx, parseOrThrow(familyInput, fixture({ familyName: 'Archivée', status: 'archived' }))).id;
    const before = ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    const result = await dispatch(ctx, 'documents.uploadHealth', { familyId: archived, fileName: 'certificat.pdf', base64: PDF.toString('base64') });
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Ce dossier est archivé\u00a0: il ne peut plus être modifié.' } });
    expect(ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 });
    expect(ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
    expect(existsSync(join(ctx.dataDir, 'documents', 'sante')) ? files() : []).toEqual([]);
  });

  it('opens only with the sante role; every opening is audited', async () => {
    const { id: requestId } = createRequest(ctx, {
      type: 'refund',
      familyId,
      childId: (ctx.store.sqlite.prepare('SELECT id FROM children WHERE family_id = ?').get(familyId) as { id: string }).id,
      receivedOn: '2026-03-14',
      details: { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
    });
    const { id } = upload(PDF, 'certificat.pdf', requestId);
    expect(getRequest(ctx, requestId).documents).toEqual([expect.objectContaining({ id, fileName: 'certificat.pdf', isHealth: true, mime: 'application/pdf' })]);
    const audits = () => (ctx.store.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'document.open' AND entity_id = ?").get(id) as { n: number }).n;

    const accueil = await loggedInSession(ctx, ['accueil']);
    const denied = await dispatchAs(ctx, accueil, 'documents.openHealth', { documentId: id });
    expect(denied).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Cette action demande le rôle «\u00a0Documents de santé\u00a0», que votre compte n’a pas.' } });
    expect(audits()).toBe(0);
    // The service refuses too, whoever calls it without the permission.
    expect(() => openHealthDocument({ ...ctx, roles: new Set(['accueil']) }, id)).toThrow('Votre rôle ne permet pas d’ouvrir les certificats médicaux.');

    const health = await loggedInSession(ctx, ['accueil', 'sante']);
    const opened = await dispatchAs(ctx, health, 'documents.openHealth', { documentId: id });
    expect(opened).toMatchObject({ ok: true, value: { mime: 'application/pdf' } });
    openHealthDocument(ctx, id);
    expect(audits()).toBe(2);
    const outbox = ctx.store.sqlite.prepare("SELECT COUNT(*) AS n FROM outbox WHERE entity = 'documents' AND row_id = ?").get(id) as { n: number };
    expect(outbox.n).toBeGreaterThan(0);
  });
});
