import { createCipheriv, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, DB_FILE_NAME, type AppContext } from '../../main/context.js';
import {
  documentKeyStatus,
  openDocumentKeys,
  reencryptAll,
  reencryptionSettled,
  recoverKeys,
  renewRecovery,
  rotateKey,
  setupRecovery,
} from '../../main/services/keys/index.js';
import { createFamily } from '../../main/services/families/file.js';
import { openHealthDocument, storeHealthDocument } from '../../main/services/uploads/health.js';
import { dataFolderKeySource, fileVault, LEGACY_PLAIN_KEY_FILE, type SafeStorageLike } from '../../main/store/key-vault.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { dispatch as dispatchAs } from '../../main/api/dispatch.js';
import { familyInput } from '../helpers/fixtures.js';
import { loggedInSession } from '../helpers/sessions.js';
import { runCli } from '../helpers/cli.js';
import { tempContext } from '../helpers/temp-context.js';
import { pdfFixture } from '../helpers/uploads.js';

const CERTIFICATE = (await pdfFixture({ marker: 'CERTIFICAT-MEDICAL' }));

let ctx: ReturnType<typeof tempContext>;
let familyId: string;
const scratch: string[] = [];
beforeEach(() => {
  ctx = tempContext();
  familyId = createFamily(ctx, familySchema.parse(familyInput({ familyName: 'Martin' }))).id;
});
afterEach(() => {
  ctx.dispose();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const upload = (target: AppContext = ctx) =>
  storeHealthDocument(target, { familyId, childId: null, requestId: null, fileName: 'certificat.pdf', base64: CERTIFICATE.toString('base64') }).id;
const opens = (target: AppContext, id: string) => Buffer.from(openHealthDocument(target, id).base64, 'base64').equals(CERTIFICATE);
const keyOf = (target: AppContext, id: string) => (target.store.sqlite.prepare('SELECT key_id AS k FROM documents WHERE id = ?').get(id) as { k: string | null }).k;
const fileOf = (target: AppContext, id: string) =>
  join(target.dataDir, 'documents', (target.store.sqlite.prepare('SELECT stored_name AS s FROM documents WHERE id = ?').get(id) as { s: string }).s);
const headerKey = (target: AppContext, id: string) => {
  const bytes = readFileSync(fileOf(target, id));
  return bytes.subarray(6, 6 + bytes[5]!).toString('ascii');
};
const audits = (target: AppContext, action: string) => (target.store.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

/** The data folder copied to another computer: base and documents, not the vault. */
function elsewhere(source: AppContext): AppContext {
  source.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const dir = mkdtempSync(join(tmpdir(), 'guichet-keys-'));
  scratch.push(dir);
  cpSync(join(source.dataDir, DB_FILE_NAME), join(dir, DB_FILE_NAME));
  cpSync(join(source.dataDir, 'documents'), join(dir, 'documents'), { recursive: true });
  const other = createContext({ dataDir: dir, actor: 'admin', roles: ['administration', 'sante'], documentKeys: dataFolderKeySource(dir) });
  openDocumentKeys(other, { background: false });
  return other;
}

describe('the document keys', () => {
  it('a new base has one current key, on this desk, named in each file’s header', () => {
    const id = upload();
    const status = documentKeyStatus(ctx);
    expect(status).toMatchObject({ state: 'ready', reason: null, recovery: { setUp: false }, rotation: { pending: 0, running: false } });
    expect(status.keys).toEqual([expect.objectContaining({ current: true, onThisDesk: true, documents: 1 })]);
    expect(keyOf(ctx, id)).toBe(status.keys[0]!.id);
    expect(headerKey(ctx, id)).toBe(status.keys[0]!.id);
  });

  it('recovers the keys on another computer with the recovery code, typed loosely; a wrong code is refused and audited', async () => {
    const id = upload();
    const { code, sheet } = await setupRecovery(ctx);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(Buffer.from(sheet.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // A key made after the code (a rotation) is wrapped for it too.
    rotateKey(ctx);
    reencryptAll(ctx);
    // The background run started by the rotation ends on its next turn: wait for it, so that it
    // does not write its audit entry after the test has closed the store.
    await reencryptionSettled(ctx);
    const later = upload();

    const other = elsewhere(ctx);
    try {
      expect(documentKeyStatus(other)).toMatchObject({ state: 'locked', reason: expect.stringContaining('pas sur ce poste') });
      expect(() => opens(other, id)).toThrow('Le certificat ne peut pas être ouvert\u00a0: la clé des documents de santé n’est pas sur ce poste. Un administrateur doit saisir le code de secours (Réglages → Clé des documents).');
      expect(() => recoverKeys(other, 'ABCD-EFGH')).toThrow('Code de secours\u00a0: 20 caractères, chiffres et lettres, comme sur la fiche imprimée.');
      const wrong = code.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      expect(() => recoverKeys(other, wrong)).toThrow('Code de secours\u00a0: ce n’est pas le code de cette base (un code renouvelé remplace l’ancien).');
      expect(audits(other, 'documentKey.recoverRefused')).toBe(1);
      const status = recoverKeys(other, ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `);
      expect(status.state).toBe('ready');
      expect(status.keys.every((k) => k.onThisDesk)).toBe(true);
      expect(opens(other, id)).toBe(true);
      expect(opens(other, later)).toBe(true);
      expect(audits(other, 'documentKey.recover')).toBe(1);
    } finally {
      other.store.close();
    }
  });

  it('a renewed code replaces the old one, and is refused while keys are missing', async () => {
    upload();
    const first = (await setupRecovery(ctx)).code;
    await expect(setupRecovery(ctx)).rejects.toThrow('Un code de secours existe déjà\u00a0: renouvelez-le si vous l’avez perdu.');
    const second = (await renewRecovery(ctx)).code;
    expect(second).not.toBe(first);
    const other = elsewhere(ctx);
    try {
      await expect(renewRecovery(other)).rejects.toThrow(/Le code de secours ne peut pas être renouvelé\u00a0: La clé k[0-9a-f]{8} n’est pas sur ce poste\./);
      expect(() => rotateKey(other)).toThrow(/La clé ne peut pas être changée/);
      expect(() => recoverKeys(other, first)).toThrow(/ce n’est pas le code de cette base/);
      expect(recoverKeys(other, second).state).toBe('ready');
    } finally {
      other.store.close();
    }
  });

  it('a rotation re-encrypts every certificate under the new key, in the background, and keeps the old key', async () => {
    const ids = [upload(), upload(), upload()];
    const old = documentKeyStatus(ctx).keys[0]!.id;
    const status = rotateKey(ctx);
    const fresh = status.keys.find((k) => k.current)!.id;
    expect(fresh).not.toBe(old);
    expect(status.rotation).toMatchObject({ pending: 3, running: true });
    await reencryptionSettled(ctx);
    const after = documentKeyStatus(ctx);
    expect(after.rotation).toEqual({ pending: 0, running: false, lastError: null });
    expect(after.keys).toEqual([
      expect.objectContaining({ id: old, current: false, documents: 0, onThisDesk: true }),
      expect.objectContaining({ id: fresh, current: true, documents: 3 }),
    ]);
    for (const id of ids) {
      expect(keyOf(ctx, id)).toBe(fresh);
      expect(headerKey(ctx, id)).toBe(fresh);
      expect(opens(ctx, id)).toBe(true);
    }
    expect(audits(ctx, 'documentKey.reencrypt')).toBe(1);
  });

  it('a re-encryption interrupted between the file and its row is finished by the next pass', async () => {
    const id = upload();
    rotateKey(ctx);
    await reencryptionSettled(ctx);
    const fresh = keyOf(ctx, id)!;
    const old = documentKeyStatus(ctx).keys.find((k) => !k.current)!.id;
    // The row still names the old key while the file is already under the new one.
    ctx.store.sqlite.prepare('UPDATE documents SET key_id = ? WHERE id = ?').run(old, id);
    expect(documentKeyStatus(ctx).rotation.pending).toBe(1);
    expect(opens(ctx, id)).toBe(true);
    expect(reencryptAll(ctx)).toEqual({ done: 1, failed: [] });
    expect(keyOf(ctx, id)).toBe(fresh);
  });

  it('reports a certificate it cannot re-encrypt and goes on with the others', async () => {
    const [bad, good] = [upload(), upload()];
    writeFileSync(fileOf(ctx, bad), Buffer.from('abîmé'));
    rotateKey(ctx);
    await reencryptionSettled(ctx);
    expect(documentKeyStatus(ctx).rotation).toEqual({ pending: 1, running: false, lastError: '1 certificat n’a pas pu être rechiffré\u00a0: Le certificat ne peut pas être déchiffré\u00a0: fichier abîmé, ou fichier d’un autre document.' });
    expect(opens(ctx, good)).toBe(true);
    expect(reencryptAll(ctx)).toEqual({ done: 0, failed: [{ id: bad, message: 'Le certificat ne peut pas être déchiffré\u00a0: fichier abîmé, ou fichier d’un autre document' }] });
  });

  it('imports the single key of the first versions and rewrites their files in the current format', () => {
    // A first-version certificate: IV, tag, ciphertext, no header, under document-key.hex.
    const legacyKey = randomBytes(32);
    writeFileSync(join(ctx.dataDir, LEGACY_PLAIN_KEY_FILE), legacyKey.toString('hex'), { mode: 0o600 });
    const id = upload();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', legacyKey, iv);
    const ct = Buffer.concat([cipher.update(CERTIFICATE), cipher.final()]);
    writeFileSync(fileOf(ctx, id), Buffer.concat([iv, cipher.getAuthTag(), ct]));
    ctx.store.sqlite.prepare('UPDATE documents SET key_id = NULL WHERE id = ?').run(id);
    expect(documentKeyStatus(ctx)).toMatchObject({ state: 'locked' });

    openDocumentKeys(ctx, { background: false });
    openDocumentKeys(ctx, { background: false }); // idempotent
    const status = documentKeyStatus(ctx);
    expect(status.state).toBe('ready');
    expect(status.keys.filter((k) => k.documents === 1)).toHaveLength(1);
    expect(status.rotation.pending).toBe(1);
    expect(opens(ctx, id)).toBe(true);
    expect(audits(ctx, 'documentKey.import')).toBe(1);

    reencryptAll(ctx);
    const current = documentKeyStatus(ctx).keys.find((k) => k.current)!.id;
    expect(keyOf(ctx, id)).toBe(current);
    expect(headerKey(ctx, id)).toBe(current);
    expect(opens(ctx, id)).toBe(true);
  });

  it('says « none » with the reason when the vault cannot be read, and refuses to store', () => {
    const unavailable: SafeStorageLike = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };
    ctx.documentKeys = { vault: fileVault(join(ctx.dataDir, 'document-keys.vault'), unavailable), legacy: [] };
    expect(documentKeyStatus(ctx)).toMatchObject({ state: 'none', reason: expect.stringContaining('safeStorage') });
    expect(() => upload()).toThrow(/ne peuvent pas être lues sur ce poste/);
  });

  it('only an administrator manages the keys; every agent reads their state', async () => {
    const accueil = await loggedInSession(ctx, ['accueil']);
    expect(await dispatchAs(ctx, accueil, 'documentKeys.status', {})).toMatchObject({ ok: true, value: { state: 'ready' } });
    for (const name of ['documentKeys.setupRecovery', 'documentKeys.renewRecovery', 'documentKeys.rotate'] as const) {
      expect(await dispatchAs(ctx, accueil, name, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await dispatchAs(ctx, accueil, 'documentKeys.recover', { code: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the CLI unlocks a base copied to another computer with the code read from stdin, and re-encrypts at once', async () => {
    const id = upload();
    const { code } = await setupRecovery(ctx);
    const other = elsewhere(ctx);
    const dir = other.dataDir;
    other.store.close();
    const locked = await runCli(['keys', 'status', '--data', dir]);
    expect(locked.stdout).toContain('verrouillées');
    const wrong = await runCli(['keys', 'recover', '--data', dir], { stdin: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('ce n’est pas le code de cette base');
    const run = await runCli(['keys', 'recover', '--data', dir, '--json'], { stdin: `${code.toLowerCase()}\n` });
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { status: { state: string; rotation: { pending: number } } };
    expect(body.status).toMatchObject({ state: 'ready', rotation: { pending: 0 } });
    const again = createContext({ dataDir: dir, actor: 'admin', roles: ['administration', 'sante'], documentKeys: dataFolderKeySource(dir) });
    try {
      expect(opens(again, id)).toBe(true);
      expect(keyOf(again, id)).toBe(documentKeyStatus(again).keys.find((k) => k.current)!.id);
    } finally {
      again.store.close();
    }
  });
});
