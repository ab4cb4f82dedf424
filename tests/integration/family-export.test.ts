import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { exportFamilyData } from '../../main/services/gdpr/export.js';
import { recordPayment } from '../../main/services/payments/payments.js';
import { decideRadiation } from '../../main/services/requests/radiation.js';
import { createRequest } from '../../main/services/requests/requests.js';
import { storeHealthDocument } from '../../main/services/uploads/health.js';
import { storeRequestPiece } from '../../main/services/uploads/pieces.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { runCli } from '../helpers/cli.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

/** The right of access: the archive holds every part of the file, as JSON, CSV and PDF. */

const LYON = { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' };
const PIECE = (await pdfFixture({ marker: 'certificat de radiation' }));
const CERTIFICATE = (await pdfFixture({ marker: 'certificat médical : angine' }));

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-04-30');
});
afterEach(() => s.ctx.dispose());

const db = () => s.ctx.store.sqlite;

/** A family billed for Mars / Avril, who paid, asked to be radiated with its certificate, and a medical certificate. */
function story() {
  const f = s.family({ name: 'Rousseau', children: [{ firstName: 'Zoé' }, { firstName: 'Éloi' }], qf: [{ value: 800, on: '2025-09-10' }] });
  db().prepare('UPDATE families SET notes = ? WHERE id = ?').run('=HYPERLINK("http://example.invalid","clic")', f.id);
  issueBilling(s.ctx, s.period('Mars'));
  recordPayment(s.ctx, parseOrThrow(paymentInput, { familyId: f.id, method: 'cash', amountCents: 1000, receivedOn: '2026-04-30', idempotencyKey: 'export-1' }));
  const { id: requestId } = createRequest(s.ctx, { type: 'radiation', familyId: f.id, childId: null, receivedOn: '2026-04-30', details: { movingDate: '2026-04-30', newAddress: LYON } });
  storeRequestPiece(s.ctx, { familyId: f.id, requestId, kind: 'radiation_certificate', fileName: 'radiation.pdf', base64: PIECE.toString('base64') });
  const { id: refundId } = createRequest(s.ctx, {
    type: 'refund',
    familyId: f.id,
    childId: f.children[0]!.id,
    receivedOn: '2026-04-20',
    details: { absenceFrom: '2026-04-13', absenceTo: '2026-04-17', reason: 'angine blanche', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
  });
  storeHealthDocument(s.ctx, { familyId: f.id, childId: f.children[0]!.id, requestId: refundId, fileName: 'angine-zoe.pdf', base64: CERTIFICATE.toString('base64') });
  decideRadiation(s.ctx, { requestId, decision: 'accept' });
  return f;
}

const SECTIONS = ['dossier', 'responsables', 'enfants', 'rythmes', 'quotient-familial', 'historique', 'factures', 'lignes-de-facture', 'paiements', 'imputations', 'avoirs-en-attente', 'demandes', 'documents'];

async function exported(familyId: string) {
  const result = await exportFamilyData(s.ctx, familyId);
  const files = unzipSync(new Uint8Array(Buffer.from(result.base64, 'base64')));
  const json = (name: string) => JSON.parse(strFromU8(files[`json/${name}.json`]!)) as Record<string, unknown>[];
  const csv = (name: string) => strFromU8(files[`csv/${name}.csv`]!);
  return { result, files, json, csv };
}

describe('families.exportData', () => {
  it('puts every part of the file in the archive, as JSON and CSV, with the PDFs and a French README', async () => {
    s.ctx.roles = new Set(['accueil']);
    const f = story();
    const { result, files, json, csv } = await exported(f.id);
    const dossier = (db().prepare('SELECT dossier_number FROM families WHERE id = ?').get(f.id) as { dossier_number: number }).dossier_number;
    expect(result.fileName).toBe(`donnees-famille-${dossier}-2026-04-30.zip`);
    expect(Object.keys(files)).toEqual(result.entries);
    expect(result.entries[0]).toBe('README.txt');
    for (const name of SECTIONS) {
      expect(files[`json/${name}.json`], name).toBeDefined();
      expect(files[`csv/${name}.csv`], name).toBeDefined();
    }

    // The file.
    expect(json('dossier')).toEqual([expect.objectContaining({ 'Numéro de dossier': dossier, 'Nom de famille': 'Rousseau', 'Statut': 'Radié', 'Purge prévue après le': '30/04/2029' })]);
    expect(json('responsables')).toEqual([expect.objectContaining({ 'Nom': 'Rousseau', 'Prénom': 'Camille', 'Payeur': 'oui' })]);
    expect(json('enfants').map((c) => c['Prénom'])).toEqual(['Zoé', 'Éloi']);
    expect(json('rythmes').map((r) => r['Jours'])).toEqual(['lun., mar., jeu., ven.', 'lun., mar., jeu., ven.']);
    expect(json('quotient-familial')).toEqual([expect.objectContaining({ 'Quotient familial (€)': 800, 'Justificatif reçu le': '10/09/2025' })]);
    // History: the audit entries about the family, with their French labels.
    const history = json('historique').map((h) => h['Action']);
    expect(history).toEqual(expect.arrayContaining(['Création du dossier', 'Paiement enregistré', 'Dossier radié', 'Demande reçue']));
    expect(history).not.toContain('Données de la famille exportées');
    // Money.
    const invoices = json('factures');
    const numbers = (db().prepare('SELECT number FROM invoices WHERE family_id = ? ORDER BY number').all(f.id) as { number: string }[]).map((r) => r.number);
    expect(invoices.map((i) => i['Numéro'])).toEqual(numbers);
    expect(numbers.length).toBeGreaterThan(0);
    expect(json('lignes-de-facture').length).toBeGreaterThanOrEqual(2);
    expect(json('paiements')).toEqual([expect.objectContaining({ 'Mode': 'Espèces', 'Montant (€)': '10,00', 'Reçu le': '30/04/2026' })]);
    expect(json('imputations').length).toBeGreaterThan(0);
    expect(json('demandes').map((r) => [r['Type'], r['Statut']])).toEqual([['Remboursement pour maladie', 'Reçue'], ['Radiation', 'Acceptée']]);

    // CSV: the exports' format, with the formula guard.
    const dossierCsv = csv('dossier');
    expect([...files['csv/dossier.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(dossierCsv.replace(/^\uFEFF/, '').startsWith('Numéro de dossier;Nom de famille;')).toBe(true);
    expect(dossierCsv).toContain('\r\n');
    expect(dossierCsv).toContain(`"'=HYPERLINK(""http://example.invalid"",""clic"")"`);
    expect(csv('paiements')).toContain(';10,00;');

    // PDFs through the PDF module: each invoice, the statement, the decision letter.
    const pdfs = result.entries.filter((e) => e.startsWith('pdf/'));
    expect(pdfs.filter((p) => p.startsWith('pdf/factures/'))).toHaveLength(numbers.length);
    expect(pdfs.filter((p) => p.startsWith('pdf/releve/'))).toHaveLength(1);
    expect(pdfs.filter((p) => p.startsWith('pdf/decisions/'))).toHaveLength(1);
    for (const p of pdfs) expect(strFromU8(files[p]!.subarray(0, 5)), p).toBe('%PDF-');

    // The piece as deposited.
    const pieces = result.entries.filter((e) => e.startsWith('documents/pieces/'));
    expect(pieces).toHaveLength(1);
    expect(Buffer.from(files[pieces[0]!]!).equals(PIECE)).toBe(true);

    // README in French, naming every part.
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain(`dossier famille n° ${dossier}`);
    expect(readme).toContain('droit d’accès');
    for (const name of SECTIONS) expect(readme).toContain(`- ${name}\u00a0: `);

    // Audited, without personal data.
    const entry = db().prepare("SELECT actor, after FROM audit_log WHERE action = 'family.export' AND family_id = ?").get(f.id) as { actor: string; after: string };
    expect(entry.actor).toBe('test');
    expect(JSON.parse(entry.after)).toEqual(expect.objectContaining({ entries: result.entries.length, health_documents_listed: 1 }));
  });

  it('without the health permission, lists the medical certificate without its content, name or hash, and says so', async () => {
    s.ctx.roles = new Set(['accueil']);
    const f = story();
    const { result, files, json } = await exported(f.id);
    expect(result.healthDocumentsIncluded).toBe(0);
    expect(result.healthDocumentsListed).toBe(1);
    expect(result.entries.some((e) => e.startsWith('documents/sante/'))).toBe(false);
    const certificate = json('documents').find((d) => d['Donnée de santé'] === 'oui')!;
    expect(certificate['Nom du fichier']).toMatch(/masqué/);
    expect(certificate['Empreinte SHA-256']).toMatch(/masqué/);
    expect(certificate['Dans l’archive']).toMatch(/non inclus/);
    const all = Object.values(files).map((b) => Buffer.from(b).toString('latin1')).join('\n');
    expect(all).not.toContain('angine');
    expect(strFromU8(files['README.txt']!)).toMatch(/n’est pas habilité aux données de santé/);
    // The free-text reason of the absence is masked in the request and in its history.
    expect(json('demandes')[0]!['Détails']).toMatch(/masqué/);
    expect(s.count('audit_log', "action = 'document.open'")).toBe(0);
  });

  it('with the health permission, puts the certificate decrypted, each opening audited', async () => {
    const f = story();
    s.ctx.roles = new Set(['accueil', 'sante']);
    const { result, files, json } = await exported(f.id);
    expect(result.healthDocumentsIncluded).toBe(1);
    expect(result.healthDocumentsListed).toBe(0);
    const entry = result.entries.find((e) => e.startsWith('documents/sante/'))!;
    expect(entry).toMatch(/angine-zoe\.pdf$/);
    expect(Buffer.from(files[entry]!).equals(CERTIFICATE)).toBe(true);
    expect(json('documents').find((d) => d['Donnée de santé'] === 'oui')!['Nom du fichier']).toBe('angine-zoe.pdf');
    expect(s.count('audit_log', "action = 'document.open' AND family_id = ?", f.id)).toBe(1);
    expect(json('demandes')[0]!['Détails']).toContain('angine blanche');
  });

  it('answers through the dispatch with the contract’s output, and names a missing file in French', async () => {
    const f = story();
    const answer = await dispatch(s.ctx, 'families.exportData', { familyId: f.id });
    expect(answer.ok).toBe(true);
    const missing = await dispatch(s.ctx, 'families.exportData', { familyId: 'inconnu' });
    expect(missing).toMatchObject({ ok: false, error: { message: 'Ce dossier famille n’existe pas (ou plus).' } });
  });

  it('has a CLI command writing the same archive, refusing to overwrite without --force', async () => {
    const f = story();
    const dossier = (db().prepare('SELECT dossier_number FROM families WHERE id = ?').get(f.id) as { dossier_number: number }).dossier_number;
    const out = join(s.ctx.dataDir, 'export.zip');
    const env = { GUICHET_TODAY: '2026-04-30' };
    const run = await runCli(['family-export', String(dossier), '--out', out, '--json', '--data', s.ctx.dataDir], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ ok: true, command: 'family-export', file: out, healthDocumentsListed: 0 });
    expect(existsSync(out)).toBe(true);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    expect(strFromU8(files['README.txt']!)).toContain(`dossier famille n° ${dossier}`);
    expect(files['json/factures.json']).toBeDefined();
    const again = await runCli(['family-export', String(dossier), '--out', out, '--data', s.ctx.dataDir], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('existe déjà');
    const unknown = await runCli(['family-export', '999999', '--data', s.ctx.dataDir], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Aucun dossier famille n° 999999.');
  });
});
