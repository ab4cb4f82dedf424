import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_FOLDER } from '../../main/store/db.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { importCsv } from '../../main/services/families/csv-import.js';
import { archiveFamily, validateFamily } from '../../main/services/families/lifecycle.js';
import { purgeExpired } from '../../main/services/families/purge.js';
import { storeDocument } from '../../main/services/print/archive.js';
import { decideRadiation } from '../../main/services/requests/radiation.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { storeRequestPiece } from '../../main/services/uploads/pieces.js';
import { dispatch } from '../helpers/dispatch.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * Retention on every path into « radié » / « archivé » (the purge date is a column of the file),
 * the rule of radiated files that never settle, print bundles purged with the families they name,
 * medical certificates deleted a set time after their decision, and the append-only audit.
 */

const LYON = { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' };
const PDF = (await pdfFixture({ marker: 'piece' })).toString('base64');

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-04-30');
});
afterEach(() => s.ctx.dispose());

const db = () => s.ctx.store.sqlite;
const family = (id: string) => db().prepare('SELECT status, purge_after, family_name FROM families WHERE id = ?').get(id) as { status: string; purge_after: string | null; family_name: string };
const docPath = (storedName: string) => (storedName.startsWith('documents/') ? join(s.ctx.dataDir, storedName) : join(s.ctx.dataDir, 'documents', storedName));

function radiationRequest(familyId: string): string {
  const { id } = createRequest(s.ctx, { type: 'radiation', familyId, childId: null, receivedOn: '2026-04-30', details: { movingDate: '2026-04-30', newAddress: LYON } });
  storeRequestPiece(s.ctx, { familyId, requestId: id, kind: 'radiation_certificate', fileName: 'radiation.pdf', base64: PDF });
  return id;
}

/** Billed for Mars / Avril and radiated on 30/04/2026, its invoice left unpaid. */
function radiatedUnpaid(name: string) {
  const f = s.family({ name });
  issueBilling(s.ctx, s.period('Mars'));
  decideRadiation(s.ctx, { requestId: radiationRequest(f.id), decision: 'accept' });
  return f;
}

describe('every path into radiated or archived sets the purge date', () => {
  it('radiation: last billed day + 3 years, in the column (no settings key any more)', () => {
    const f = radiatedUnpaid('Radiée');
    expect(family(f.id)).toMatchObject({ status: 'radiated', purge_after: '2029-04-30' });
    expect(s.count('settings', "key LIKE 'purge_after.%'")).toBe(0);
  });

  it('creation with a status (families.create and the CSV import): last enrolment end, else today, + 3 years', () => {
    const ended = s.family({ name: 'Partie', status: 'archived', children: [{ firstName: 'Léa', enrolledTo: '2025-12-19' }, { firstName: 'Noé', enrolledTo: '2026-02-06' }] });
    expect(family(ended.id)).toMatchObject({ status: 'archived', purge_after: '2029-02-06' });
    const open = s.family({ name: 'Ouverte', status: 'radiated', children: [{ firstName: 'Léa', enrolledTo: '2025-12-19' }, { firstName: 'Noé' }] });
    expect(family(open.id)).toMatchObject({ status: 'radiated', purge_after: '2029-04-30' });
    const active = s.family({ name: 'Active' });
    expect(family(active.id).purge_after).toBeNull();

    const csv = [
      'ref_famille;nom_famille;adresse;code_postal;ville;rl1_nom;rl1_prenom;enfant_nom;enfant_prenom;enfant_naissance;ecole;entree;sortie;statut',
      'A1;Importée;1 rue Test;75011;Paris;Importée;Jo;Importée;Lou;03/03/2017;E-TEST;01/09/2024;04/07/2025;archivé',
      'A2;Radiée;1 rue Test;75011;Paris;Radiée;Jo;;;;;;;radié',
    ].join('\n');
    const report = importCsv(s.ctx, { content: Buffer.from(csv, 'utf8'), dryRun: false });
    expect(report.imported).toBe(true);
    const byName = (name: string) => db().prepare('SELECT status, purge_after FROM families WHERE family_name = ?').get(name);
    expect(byName('Importée')).toEqual({ status: 'archived', purge_after: '2028-07-04' });
    expect(byName('Radiée')).toEqual({ status: 'radiated', purge_after: '2029-04-30' });
  });

  it('archiving keeps the radiation’s date, and gives one to a radiated file that had none', () => {
    const f = s.family({ name: 'SansDate', status: 'radiated', children: [{ firstName: 'Léa', enrolledTo: '2026-01-30' }] });
    db().prepare('UPDATE families SET purge_after = NULL WHERE id = ?').run(f.id);
    expect(archiveFamily(s.ctx, f.id)).toEqual({ ok: true, purgeAfter: '2029-01-30' });
    expect(family(f.id)).toMatchObject({ status: 'archived', purge_after: '2029-01-30' });
  });

  it('validation (en attente → actif) leaves no purge date; an update cannot change the status', async () => {
    const f = s.family({ name: 'Attente', status: 'pending' });
    validateFamily(s.ctx, f.id);
    expect(family(f.id)).toMatchObject({ status: 'active', purge_after: null });
    const answer = await dispatch(s.ctx, 'families.update', { id: f.id, familyName: 'Attente', status: 'archived' });
    expect(answer.ok).toBe(false);
    expect(family(f.id).status).toBe('active');
  });

  it('the migration moves the purge dates kept in settings into the column', () => {
    const f = radiatedUnpaid('Migrée');
    db().prepare('UPDATE families SET purge_after = NULL WHERE id = ?').run(f.id);
    db().prepare("INSERT INTO settings (key, value) VALUES ('purge_after.' || ?, '2030-01-15')").run(f.id);
    const migration = readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, '0010_retention_audit.sql'), 'utf8');
    const dataStatements = migration
      .split('--> statement-breakpoint')
      .map((st) => st.replace(/^\s*--.*$/gm, '').trim())
      .filter((st) => /^(UPDATE|DELETE)/.test(st));
    expect(dataStatements).toHaveLength(3);
    for (const statement of dataStatements) db().exec(statement);
    expect(family(f.id).purge_after).toBe('2030-01-15');
    expect(s.count('settings', "key LIKE 'purge_after.%'")).toBe(0);
  });
});

describe('radiated files whose account never settles', () => {
  it('are purged once the purge date AND the last due date + 5 years are past, and end archived', () => {
    const f = radiatedUnpaid('Impayée');
    const due = (db().prepare('SELECT MAX(due_date) AS d FROM invoices WHERE family_id = ?').get(f.id) as { d: string }).d;
    const keptUntil = `${Number(due.slice(0, 4)) + 5}${due.slice(4)}`;
    expect(keptUntil > '2029-04-30').toBe(true);
    expect(purgeExpired(s.ctx, { asOf: '2029-05-01' }).families).toEqual([]);
    expect(purgeExpired(s.ctx, { asOf: keptUntil }).families).toEqual([]);
    const dayAfter = new Date(Date.parse(`${keptUntil}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const result = purgeExpired(s.ctx, { asOf: dayAfter });
    expect(result.families).toEqual([{ familyId: f.id, dossierNumber: expect.any(Number) as number, purgeAfter: keptUntil, status: 'radiated' }]);
    expect(family(f.id)).toEqual({ status: 'archived', purge_after: null, family_name: 'Dossier purgé' });
    expect(s.count('guardians', 'family_id = ?', f.id)).toBe(0);
    // The debt stays in the books, anonymously.
    expect(s.count('invoices', "family_id = ? AND payer_name = 'Famille purgée'", f.id)).toBeGreaterThan(0);
  });
});

describe('print bundles', () => {
  it('are purged with the families they name; other periods’ bundles stay', () => {
    const f = s.family({ name: 'Papier', status: 'archived', children: [{ firstName: 'Léa', enrolledTo: '2026-01-30' }] });
    const bytes = Buffer.from('%PDF-1.4\n%%EOF\n');
    storeDocument(s.ctx, { folder: ['factures', 'mars-avril-2026'], fileName: 'F2026-000001.pdf', kind: 'invoice', familyId: f.id, bytes });
    const bundle = storeDocument(s.ctx, { folder: ['factures', 'mars-avril-2026'], fileName: 'a-imprimer-mars-avril-2026.pdf', kind: 'print_file', familyId: null, bytes });
    const other = storeDocument(s.ctx, { folder: ['factures', 'mai-juin-2026'], fileName: 'a-imprimer-mai-juin-2026.pdf', kind: 'print_file', familyId: null, bytes });
    expect(purgeExpired(s.ctx, { asOf: '2029-01-31', dryRun: true }).printBundles).toBe(1);
    const result = purgeExpired(s.ctx, { asOf: '2029-01-31' });
    expect(result.printBundles).toBe(1);
    expect(existsSync(bundle)).toBe(false);
    expect(existsSync(other)).toBe(true);
    expect(s.count('documents', "kind = 'print_file'")).toBe(1);
    expect(s.count('audit_log', "action = 'purge.printBundle'")).toBe(1);
  });
});

describe('medical certificates', () => {
  /** A certificate given with a request decided at `decidedAt` (UTC). */
  function certificate(decidedAt: string | null) {
    const f = s.family({ name: `Santé ${'abcdefghij'[s.count('families')] ?? 'z'}` });
    const requestId = radiationRequest(f.id);
    const doc = storeHealthDocument(s.ctx, { familyId: f.id, childId: f.children[0]!.id, requestId, fileName: 'certificat.pdf', base64: PDF });
    if (decidedAt) db().prepare("UPDATE requests SET status = 'refused', decided_at = ? WHERE id = ?").run(decidedAt, requestId);
    const stored = (db().prepare('SELECT stored_name FROM documents WHERE id = ?').get(doc.id) as { stored_name: string }).stored_name;
    return { familyId: f.id, documentId: doc.id, path: docPath(stored) };
  }

  it.each([
    // decided at (UTC), as of, deleted? — the Paris day of the decision counts
    ['2026-06-01T08:00:00.000Z', '2026-12-01', false],
    ['2026-06-01T08:00:00.000Z', '2026-12-02', true],
    ['2026-08-30T22:30:00.000Z', '2027-02-28', false],
    ['2026-08-30T22:30:00.000Z', '2027-03-01', true],
  ])('décidé à %s, au %s : supprimé = %s', (decidedAt, asOf, deleted) => {
    const c = certificate(decidedAt);
    const result = purgeExpired(s.ctx, { asOf });
    expect(result.healthDocuments.map((d) => d.documentId)).toEqual(deleted ? [c.documentId] : []);
    expect(s.count('documents', 'id = ?', c.documentId)).toBe(deleted ? 0 : 1);
    expect(existsSync(c.path)).toBe(!deleted);
    if (deleted) {
      expect(s.count('audit_log', "action = 'purge.healthDocument' AND family_id = ?", c.familyId)).toBe(2);
      // Its deposit entry keeps who and when, not the file's name.
      const deposit = db().prepare("SELECT after FROM audit_log WHERE entity_id = ? AND action <> 'purge.healthDocument'").all(c.documentId) as { after: string | null }[];
      expect(deposit.length).toBeGreaterThan(0);
      expect(deposit.every((d) => d.after === null)).toBe(true);
      // The family file itself stays.
      expect(family(c.familyId).family_name).not.toBe('Dossier purgé');
    }
  });

  it('are kept while their request is undecided, whatever the day; the setting changes the delay', () => {
    const waiting = certificate(null);
    expect(purgeExpired(s.ctx, { asOf: '2036-01-01' }).healthDocuments).toEqual([]);
    expect(existsSync(waiting.path)).toBe(true);
    db().prepare("INSERT INTO settings (key, value) VALUES ('retention.healthMonths', '12')").run();
    const c = certificate('2026-06-01T08:00:00.000Z');
    expect(purgeExpired(s.ctx, { asOf: '2026-12-02' }).healthDocuments).toEqual([]);
    expect(purgeExpired(s.ctx, { asOf: '2027-06-02' }).healthDocuments.map((d) => d.documentId)).toEqual([c.documentId]);
  });
});

describe('append-only audit', () => {
  it('refuses a raw UPDATE or DELETE of an audit entry', () => {
    s.family({ name: 'Journal' });
    const n = s.count('audit_log');
    expect(n).toBeGreaterThan(0);
    expect(() => db().prepare("UPDATE audit_log SET actor = 'quelqu’un'").run()).toThrow(/ajout seul/);
    expect(() => db().prepare('UPDATE audit_log SET after = NULL').run()).toThrow(/ajout seul/);
    expect(() => db().prepare('DELETE FROM audit_log').run()).toThrow(/ajout seul/);
    expect(s.count('audit_log')).toBe(n);
  });

  it('even with the purge’s flag, only before/after may be erased, and nothing deleted', () => {
    s.family({ name: 'Journal' });
    db().prepare("INSERT INTO purge_in_progress (id, started_at) VALUES (1, '2026-04-30T00:00:00Z')").run();
    expect(() => db().prepare("UPDATE audit_log SET action = 'family.update'").run()).toThrow(/ajout seul/);
    expect(() => db().prepare("UPDATE audit_log SET after = '{}'").run()).toThrow(/ajout seul/);
    expect(() => db().prepare('DELETE FROM audit_log').run()).toThrow(/ajout seul/);
    expect(db().prepare('UPDATE audit_log SET before = NULL, after = NULL').run().changes).toBeGreaterThan(0);
  });

  it('the purge still anonymises the audit, leaves an entry saying so, and clears its flag', () => {
    const f = s.family({ name: 'Effacée', status: 'archived', children: [{ firstName: 'Léa', enrolledTo: '2026-01-30' }] });
    expect(s.count('audit_log', 'family_id = ? AND after LIKE ?', f.id, '%Effacée%')).toBeGreaterThan(0);
    purgeExpired(s.ctx, { asOf: '2029-01-31' });
    expect(s.count('audit_log', 'family_id = ? AND (after LIKE ? OR before LIKE ?)', f.id, '%Effacée%', '%Effacée%')).toBe(0);
    const erase = db().prepare("SELECT after FROM audit_log WHERE action = 'purge.auditErase' AND family_id = ?").get(f.id) as { after: string };
    expect(JSON.parse(erase.after)).toEqual({ entries: expect.any(Number) as number });
    expect(s.count('purge_in_progress')).toBe(0);
    expect(() => db().prepare('UPDATE audit_log SET before = NULL').run()).toThrow(/ajout seul/);
  });
});
