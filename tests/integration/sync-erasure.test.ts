import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFamily } from '../../main/services/families/index.js';
import { purgeExpired } from '../../main/services/families/purge.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { syncOnce } from '../../main/services/sync/index.js';
import { record } from '../../main/store/journal.js';
import { storeHealthDocument, storeRequestPiece } from '../../main/services/uploads/index.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { familyInput } from '../helpers/fixtures.js';
import { portalServerForFile, rowsOf } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * A desk's purge reaches the server (docs/decisions.md « Effacement sur le serveur »): once desk A
 * has purged a file and synced, the server holds none of its personal data and none of its
 * documents' contents, and a new desk's first sync receives nothing of them; a desk that had the
 * file loses it as A did.
 */
const server = portalServerForFile();

const PIECE = await pdfFixture({ marker: 'certificat-de-radiation-quintanillazed' });
const CERTIFICATE = await pdfFixture({ marker: 'certificat-medical-quintanillazed' });
/** What names the family, in any message. */
const PERSONAL = ['Quintanillazed', 'Voisinzed', 'Aurélien', 'quintanillazed@exemple.fr', '0611223344', 'rue des Tilleuls'];

const clock = () => Date.now() - 120_000;
let a: ReturnType<typeof tempContext>;
let b: ReturnType<typeof tempContext>;
let c: ReturnType<typeof tempContext> | null;
beforeEach(async () => {
  await server.empty();
  a = tempContext({ now: clock });
  b = tempContext({ now: clock });
  c = null;
  await server.link(a, 'A');
  await server.link(b, 'B');
});
afterEach(() => {
  a.dispose();
  b.dispose();
  c?.dispose();
});

const serverMessages = async () =>
  rowsOf<{ entity: string; row_id: string; field: string; value: string | null }>(await server.store.db.execute(sql`SELECT entity, row_id, field, value FROM sync_messages ORDER BY seq`));
const serverBlobs = async () => rowsOf<{ sha256: string }>(await server.store.db.execute(sql`SELECT sha256 FROM document_blobs`)).map((r) => r.sha256);
const count = (ctx: typeof a, table: string, where: string, ...params: string[]) =>
  (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;

/** A file on A with guardians, a child, a request with its piece, and a medical certificate; synced to B. */
async function fileWithDocuments(): Promise<{ familyId: string; blobs: string[] }> {
  const input = familyInput({
    familyName: 'Quintanillazed',
    address: { line1: '4 rue des Tilleuls', postalCode: '69001', city: 'Lyon' },
    guardians: [
      { rank: 1, lastName: 'Quintanillazed', firstName: 'Aurélien', isPayer: true, email: 'quintanillazed@exemple.fr', phoneMobile: '0611223344' },
      { rank: 2, lastName: 'Voisinzed', firstName: 'Maud', isPayer: false },
    ],
    children: [{ lastName: 'Quintanillazed', firstName: 'Léonie', birthDate: '2018-05-04', enrolledFrom: '2025-09-01', className: 'CE2', weekdays: [1, 2, 4, 5] }],
  });
  const familyId = createFamily(a, familySchema.parse(input)).id;
  const requestId = createRequest(a, { type: 'contact', familyId, childId: null, receivedOn: '2026-03-10', details: { text: 'Appel de M. Quintanillazed' } } as never).id;
  storeRequestPiece(a, { familyId, requestId, kind: 'radiation_certificate', fileName: 'radiation-quintanillazed.pdf', base64: PIECE.toString('base64') });
  storeHealthDocument(a, { familyId, childId: null, requestId: null, fileName: 'certificat.pdf', base64: CERTIFICATE.toString('base64') });
  expect((await syncOnce(a)).documents.uploaded).toBe(2);
  await syncOnce(b);
  expect(count(b, 'guardians', 'family_id = ?', familyId)).toBe(2);
  const blobs = (a.store.sqlite.prepare('SELECT blob_sha256 AS blob FROM documents WHERE family_id = ?').all(familyId) as { blob: string }[]).map((d) => d.blob);
  expect(blobs).toHaveLength(2);
  expect(await serverBlobs()).toEqual(expect.arrayContaining(blobs));
  return { familyId, blobs };
}

/** The file archived with a purge date passed (its lifecycle is family-lifecycle's and purge's tests), then purged on A. */
function purgeOnA(familyId: string): void {
  a.store.sqlite.prepare("UPDATE families SET status = 'archived', purge_after = '2026-01-01' WHERE id = ?").run(familyId);
  expect(purgeExpired(a, { asOf: '2026-03-15' }).families.map((f) => f.familyId)).toEqual([familyId]);
}

describe('a purge on a desk reaches the server', () => {
  it('the server keeps no message naming the family and no content of its documents; a new desk’s first sync receives none', async () => {
    const { familyId, blobs } = await fileWithDocuments();
    const named = (await serverMessages()).filter((m) => PERSONAL.some((p) => m.value?.includes(p)));
    expect(named.length).toBeGreaterThan(5);

    purgeOnA(familyId);
    await syncOnce(a);

    const left = await serverMessages();
    expect(left.filter((m) => PERSONAL.some((p) => m.value?.includes(p)))).toEqual([]);
    expect((await serverBlobs()).filter((s) => blobs.includes(s))).toEqual([]);
    // The deleted rows keep their tombstone (for the desks that had them) and the purge's mark only.
    const guardianIds = new Set(left.filter((m) => m.entity === 'guardians').map((m) => m.row_id));
    expect(guardianIds.size).toBe(2);
    for (const id of guardianIds) expect(left.filter((m) => m.row_id === id).map((m) => m.field)).toEqual(['_deleted', '_erased']);

    // A new desk: its first sync brings the anonymised file, nothing else of it.
    c = tempContext({ now: clock });
    await server.link(c, 'C');
    const first = await syncOnce(c);
    expect(first.documents).toEqual({ uploaded: 0, fetched: 0, missing: 0 });
    expect(c.store.sqlite.prepare('SELECT family_name, address_line1, city FROM families WHERE id = ?').get(familyId)).toEqual({ family_name: 'Dossier purgé', address_line1: 'Dossier purgé', city: '' });
    for (const table of ['guardians', 'requests', 'documents', 'qf_records']) expect(count(c, table, 'family_id = ?', familyId)).toBe(0);
    expect(c.store.sqlite.prepare('SELECT last_name, first_name, birth_date FROM children WHERE family_id = ?').all(familyId)).toEqual([
      { last_name: 'Dossier purgé', first_name: 'Enfant 1', birth_date: '1900-01-01' },
    ]);
    const dump = JSON.stringify(['families', 'children', 'sync_inbox'].map((t) => c!.store.sqlite.prepare(`SELECT * FROM ${t}`).all()));
    for (const p of PERSONAL) expect(dump).not.toContain(p);

    // B, which had the file, loses it as A did.
    await syncOnce(b);
    for (const table of ['guardians', 'requests', 'documents']) expect(count(b, table, 'family_id = ?', familyId)).toBe(0);
    expect((b.store.sqlite.prepare('SELECT family_name FROM families WHERE id = ?').get(familyId) as { family_name: string }).family_name).toBe('Dossier purgé');
  });

  it('B retrying, after the purge, a chunk of the family’s messages it never had acknowledged changes nothing on the server', async () => {
    const { familyId } = await fileWithDocuments();
    // B edits a guardian offline, before the purge reached it; it pushes once the server erased the file.
    const guardianId = (b.store.sqlite.prepare('SELECT id FROM guardians WHERE family_id = ? AND rank = 1').get(familyId) as { id: string }).id;
    purgeOnA(familyId);
    await syncOnce(a);
    const before = await serverMessages();
    b.store.sqlite.transaction(() => {
      b.store.sqlite.prepare('UPDATE guardians SET phone_home = ? WHERE id = ?').run('0499887766', guardianId);
      record(b, { action: 'guardian.update', entity: 'guardians', entityId: guardianId, familyId, before: { phone_home: null }, after: { phone_home: '0499887766' } });
    })();
    await syncOnce(b);
    expect(await serverMessages()).toEqual(before);
    expect(count(b, 'guardians', 'family_id = ?', familyId)).toBe(0);
  });

  it('the same content deposited again after the purge is sent again: the desk forgets what the server deleted', async () => {
    const { familyId, blobs } = await fileWithDocuments();
    purgeOnA(familyId);
    await syncOnce(a);
    expect((await serverBlobs()).filter((s) => blobs.includes(s))).toEqual([]);

    const other = createFamily(a, familySchema.parse(familyInput({ familyName: 'Durand' }))).id;
    const requestId = createRequest(a, { type: 'contact', familyId: other, childId: null, receivedOn: '2026-03-12', details: { text: 'Dépôt' } } as never).id;
    const again = storeRequestPiece(a, { familyId: other, requestId, kind: 'radiation_certificate', fileName: 'radiation.pdf', base64: PIECE.toString('base64') }).id;
    const blob = (a.store.sqlite.prepare('SELECT blob_sha256 AS blob FROM documents WHERE id = ?').get(again) as { blob: string }).blob;
    expect(blobs).toContain(blob);
    expect((await syncOnce(a)).documents.uploaded).toBe(1);
    expect(await serverBlobs()).toContain(blob);
  });
});
