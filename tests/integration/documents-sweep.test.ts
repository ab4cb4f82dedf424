import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFamily } from '../../main/services/families/file.js';
import { storeDocument } from '../../main/services/print/archive.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { commitUpload, indexUpload, prepareRequestPiece, storeHealthDocument, storeRequestPiece, sweepDocuments, SWEEP_MIN_AGE_MS } from '../../main/services/uploads/index.js';
import { familyInput } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { runCli } from '../helpers/cli.js';
import { familyInput as fixture } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * No orphan file: an upload whose indexing transaction fails leaves no file behind, and the sweep
 * (`documents sweep`) removes the strays a crash could leave, sparing young files and `.part`s.
 */

const PDF = await pdfFixture({ marker: 'certificat' });
const base64 = PDF.toString('base64');

let ctx: ReturnType<typeof tempContext>;
let familyId: string;
beforeEach(() => {
  ctx = tempContext();
  familyId = createFamily(ctx, parseOrThrow(familyInput, fixture())).id;
});
afterEach(() => ctx.dispose());

const documentsDir = () => join(ctx.dataDir, 'documents');
/** Every file under documents/, relative, with `/`. */
function filesUnder(folder = documentsDir(), prefix = ''): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(folder, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
const count = (sql: string) => (ctx.store.sqlite.prepare(sql).get() as { n: number }).n;
/** Makes every documents row's insert fail, as a full disk or a constraint would. */
const failInserts = () => ctx.store.sqlite.exec("CREATE TRIGGER fail_documents BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'insertion refusée'); END");

/** A file no row names, modified `ageMs` ago. */
function stray(path: string, ageMs: number): string {
  const absolute = join(documentsDir(), path);
  mkdirSync(join(absolute, '..'), { recursive: true });
  writeFileSync(absolute, PDF);
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(absolute, at, at);
  return absolute;
}

const HOUR = SWEEP_MIN_AGE_MS;

describe('no orphan file when the indexing transaction fails', () => {
  it('a medical certificate: the encrypted file is removed, no row, no audit', () => {
    failInserts();
    expect(() => storeHealthDocument(ctx, { familyId, childId: null, requestId: null, fileName: 'certificat.pdf', base64 })).toThrow(/insertion refusée/);
    expect(filesUnder()).toEqual([]);
    expect(count('SELECT COUNT(*) AS n FROM documents')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'document.create'")).toBe(0);
  });

  it('a request and its certificate: neither the request nor the file stays', () => {
    failInserts();
    expect(() =>
      createRequest(ctx, {
        type: 'radiation',
        familyId,
        childId: null,
        receivedOn: '2026-03-10',
        details: { movingDate: '2026-03-31', newAddress: { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' } },
        certificate: { fileName: 'radiation.pdf', base64 },
      } as never),
    ).toThrow(/insertion refusée/);
    expect(filesUnder()).toEqual([]);
    expect(count('SELECT COUNT(*) AS n FROM requests')).toBe(0);
  });

  it('the file exists while the transaction runs, and is gone when it fails', () => {
    const upload = prepareRequestPiece(ctx, { kind: 'radiation_certificate', fileName: 'r.pdf', base64 });
    let seenDuring = false;
    expect(() =>
      commitUpload(ctx, upload, () => {
        seenDuring = existsSync(upload.path);
        indexUpload(ctx, upload, { familyId, childId: null, requestId: null });
        throw new Error('panne après l’insertion');
      }),
    ).toThrow('panne après l’insertion');
    expect(seenDuring).toBe(true);
    expect(existsSync(upload.path)).toBe(false);
    expect(count('SELECT COUNT(*) AS n FROM documents')).toBe(0);
  });
});

describe('the sweep of documents/', () => {
  function setUp() {
    const requestId = createRequest(ctx, { type: 'contact', familyId, childId: null, receivedOn: '2026-03-10', details: { text: 'Bonjour' } } as never).id;
    const piece = storeRequestPiece(ctx, { familyId, requestId, kind: 'radiation_certificate', fileName: 'r.pdf', base64 });
    const health = storeHealthDocument(ctx, { familyId, childId: null, requestId: null, fileName: 'c.pdf', base64 });
    // A generated PDF: its row names it from the data folder (`documents/factures/…`).
    const invoice = storeDocument(ctx, { folder: ['factures', 'mars-avril-2026'], fileName: 'F2026-000001.pdf', kind: 'invoice', familyId, bytes: PDF });
    const old = stray('pieces/orphelin.pdf', 2 * HOUR);
    const oldHealth = stray('sante/orphelin.bin', 3 * HOUR);
    const young = stray('pieces/recent.pdf', 10 * 60 * 1000);
    const part = stray('sante/en-cours.bin.part', 5 * HOUR);
    // A row whose file went missing.
    const lostId = storeRequestPiece(ctx, { familyId, requestId, kind: 'radiation_certificate', fileName: 'perdu.pdf', base64 }).id;
    const lost = ctx.store.sqlite.prepare('SELECT stored_name FROM documents WHERE id = ?').get(lostId) as { stored_name: string };
    rmSync(join(documentsDir(), lost.stored_name));
    // Indexed files, however old, are never strays.
    for (const f of filesUnder()) {
      const at = (Date.now() - 10 * HOUR) / 1000;
      if (!['pieces/orphelin.pdf', 'sante/orphelin.bin', 'pieces/recent.pdf', 'sante/en-cours.bin.part'].includes(f)) utimesSync(join(documentsDir(), f), at, at);
    }
    return { piece, health, invoice, old, oldHealth, young, part, lostId, lost: lost.stored_name };
  }

  it('a dry run lists old strays, keeps young files and .part, reports missing files, changes nothing', () => {
    const s = setUp();
    const before = filesUnder();
    const result = sweepDocuments(ctx, { dryRun: true });
    expect(result.strays.map((f) => f.path).sort()).toEqual(['pieces/orphelin.pdf', 'sante/orphelin.bin']);
    expect(result.kept.map((f) => [f.path, f.reason]).sort()).toEqual([
      ['pieces/recent.pdf', 'recent'],
      ['sante/en-cours.bin.part', 'partial'],
    ]);
    expect(result.missing).toEqual([{ id: s.lostId, storedName: s.lost, kind: 'radiation_certificate' }]);
    expect(result.removed).toBe(0);
    expect(filesUnder()).toEqual(before);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'documents.sweep'")).toBe(0);
  });

  it('removes old strays only, audited; indexed files (uploads and generated PDFs) stay', () => {
    const s = setUp();
    const result = sweepDocuments(ctx);
    expect(result.removed).toBe(2);
    expect(existsSync(s.old)).toBe(false);
    expect(existsSync(s.oldHealth)).toBe(false);
    expect(existsSync(s.young)).toBe(true);
    expect(existsSync(s.part)).toBe(true);
    expect(existsSync(s.invoice)).toBe(true);
    expect(filesUnder().filter((f) => f.startsWith('sante/') && f.endsWith('.bin') && f !== 'sante/orphelin.bin')).toHaveLength(1);
    expect(count('SELECT COUNT(*) AS n FROM documents')).toBe(4); // nothing indexed is touched, the missing row stays
    const entry = ctx.store.sqlite.prepare("SELECT actor, entity, after FROM audit_log WHERE action = 'documents.sweep'").get() as { actor: string; entity: string; after: string };
    expect(entry).toMatchObject({ actor: 'test', entity: 'documents' });
    expect(JSON.parse(entry.after)).toEqual({ removed: ['pieces/orphelin.pdf', 'sante/orphelin.bin'], kept: 2, missing: [s.lost] });

    // An hour later the young file is a stray too; a .part never is.
    const later = sweepDocuments(ctx, { now: Date.now() + HOUR });
    expect(later.strays.map((f) => f.path)).toEqual(['pieces/recent.pdf']);
    expect(existsSync(s.young)).toBe(false);
    expect(existsSync(s.part)).toBe(true);
  });

  it('spares the file of a transaction in flight (written, not yet indexed)', () => {
    const upload = prepareRequestPiece(ctx, { kind: 'radiation_certificate', fileName: 'r.pdf', base64 });
    const during = commitUpload(ctx, upload, () => {
      const result = sweepDocuments(ctx);
      indexUpload(ctx, upload, { familyId, childId: null, requestId: null });
      return result;
    });
    expect(during.removed).toBe(0);
    expect(during.kept.map((f) => f.path)).toEqual([upload.document.storedName]);
    expect(existsSync(upload.path)).toBe(true);
    expect(sweepDocuments(ctx, { now: Date.now() + 2 * HOUR }).removed).toBe(0);
  });

  it('runs from the command line: documents sweep [--dry-run]', async () => {
    const s = setUp();
    const dry = await runCli(['documents', 'sweep', '--dry-run', '--json', '--data', ctx.dataDir]);
    expect(dry.code).toBe(0);
    const dryJson = JSON.parse(dry.stdout) as { ok: boolean; dryRun: boolean; strays: { path: string }[]; missing: unknown[] };
    expect(dryJson).toMatchObject({ ok: true, dryRun: true, missing: [{ storedName: s.lost }] });
    expect(dryJson.strays.map((f) => f.path).sort()).toEqual(['pieces/orphelin.pdf', 'sante/orphelin.bin']);
    expect(existsSync(s.old)).toBe(true);

    const real = await runCli(['documents', 'sweep', '--data', ctx.dataDir]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('2 fichier(s) orphelin(s) supprimé(s) du dossier des documents.');
    expect(real.stdout).toContain('1 document(s) indexé(s) sans fichier');
    expect(existsSync(s.old)).toBe(false);
    expect(existsSync(s.young)).toBe(true);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'documents.sweep' AND actor LIKE 'cli:%'")).toBe(1);

    const wrong = await runCli(['documents', 'balayer', '--data', ctx.dataDir]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Action inconnue\u00a0: balayer.');
  });
});
