import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { decisionLetterDocument } from '../../main/services/print/letter.js';
import { decideRadiation } from '../../main/services/requests/radiation.js';
import { createRequest, getRequest, type NewRequest } from '../../main/services/requests/requests.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';
import { pdfFixture } from '../helpers/uploads.js';

/**
 * Issue 8, item 6: the radiation form sends its certificate and the family's new address with the
 * request (one operation: request and piece, or nothing), and the letters go to the new address.
 */

const PDF = (await pdfFixture({ marker: 'certificat de radiation' })).toString('base64');
const BRUXELLES = { line1: '12 avenue Louise', line2: 'Boîte 4', postalCode: '1000', city: 'Bruxelles', country: 'Belgique' };

let s: BillingStore;
let familyId: string;
let tmp: string;
beforeEach(() => {
  s = billingStore('2026-04-01');
  const f = s.family({ name: 'Durand' });
  issueBilling(s.ctx, s.period('Mars'));
  familyId = f.id;
  tmp = mkdtempSync(join(tmpdir(), 'guichet-radiation-'));
});
afterEach(() => {
  s.ctx.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const piecesFolder = () => join(s.ctx.dataDir, 'documents', 'pieces');
const pieceFiles = () => (existsSync(piecesFolder()) ? readdirSync(piecesFolder()) : []);

function radiation(over: { newAddress?: unknown; movingDate?: string; certificate?: { fileName: string; base64: string } | null } = {}): NewRequest {
  return {
    type: 'radiation',
    familyId,
    childId: null,
    receivedOn: '2026-03-20',
    details: { movingDate: over.movingDate ?? '2026-03-31', newAddress: (over.newAddress ?? BRUXELLES) as typeof BRUXELLES },
    certificate: over.certificate === undefined ? { fileName: 'certificat-radiation.pdf', base64: PDF } : over.certificate,
  };
}

describe('radiation form', () => {
  it('saves the request with its certificate and its new address in one operation; the request can then be accepted', async () => {
    const created = await dispatch(s.ctx, 'requests.create', radiation());
    expect(created.ok).toBe(true);
    const { id } = (created as { value: { id: string } }).value;
    const request = getRequest(s.ctx, id);
    expect(request.type === 'radiation' && request.details.newAddress).toEqual({ ...BRUXELLES });
    expect(request.documents).toEqual([expect.objectContaining({ kind: 'radiation_certificate', fileName: 'certificat-radiation.pdf', mime: 'application/pdf', isHealth: false })]);
    expect(pieceFiles()).toHaveLength(1);
    expect(s.count('audit_log', "action IN ('request.create', 'document.create')")).toBe(2);
    // The certificate came with the request: the acceptance no longer waits for it.
    expect(decideRadiation(s.ctx, { requestId: id, decision: 'accept' }).status).toBe('accepted');
  });

  it('a certificate the service refuses: nothing is written, the message names the file field', async () => {
    const refused = await dispatch(s.ctx, 'requests.create', radiation({ certificate: { fileName: 'lettre.txt', base64: Buffer.from('bonjour').toString('base64') } }));
    expect(refused.ok === false && refused.error).toMatchObject({ code: 'VALIDATION', field: 'certificate.base64' });
    expect(s.count('requests')).toBe(0);
    expect(s.count('documents')).toBe(0);
    expect(pieceFiles()).toEqual([]);
  });

  it('a request refused after its file was written (the same radiation again) leaves neither request nor file', async () => {
    createRequest(s.ctx, radiation());
    const again = await dispatch(s.ctx, 'requests.create', radiation());
    expect(again.ok === false && again.error).toMatchObject({ code: 'CONFLICT', field: 'confirmDuplicate' });
    expect(s.count('requests')).toBe(1);
    expect(s.count('documents')).toBe(1);
    expect(pieceFiles()).toHaveLength(1);
  });

  it.each<[string, unknown, string | null]>([
    ['in Paris', { line1: '5 rue Oberkampf', postalCode: '75011', city: 'Paris' }, null],
    ['in France outside Paris', { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon' }, null],
    ['« France » written as the country', { line1: '3 place du Marché', postalCode: '69001', city: 'Lyon', country: 'france' }, null],
    ['abroad with its own postcode', BRUXELLES, null],
    ['abroad with a postcode of letters', { line1: '10 Downing Street', postalCode: 'SW1A 2AA', city: 'London', country: 'Royaume-Uni' }, null],
    ['abroad without a postcode', { line1: '1 Queen’s Road Central', city: 'Hong Kong', country: 'Hong Kong' }, null],
    ['in France, four digits', { line1: '3 place du Marché', postalCode: '6900', city: 'Lyon' }, 'details.newAddress.postalCode'],
    ['in France, no postcode', { line1: '3 place du Marché', city: 'Lyon' }, 'details.newAddress.postalCode'],
    ['a British postcode without its country', { line1: '10 Downing Street', postalCode: 'SW1A 2AA', city: 'London' }, 'details.newAddress.postalCode'],
    ['abroad, a postcode with signs', { line1: '1 rue du Lac', postalCode: '#1200', city: 'Genève', country: 'Suisse' }, 'details.newAddress.postalCode'],
    ['no street', { line1: ' ', postalCode: '69001', city: 'Lyon' }, 'details.newAddress.line1'],
    ['no city', { line1: '3 place du Marché', postalCode: '69001', city: '' }, 'details.newAddress.city'],
    ['no address at all', undefined, 'details.newAddress'],
  ])('new address %s', async (_name, address, field) => {
    const input = radiation({ certificate: null });
    if (address === undefined) delete (input.details as { newAddress?: unknown }).newAddress;
    else (input.details as { newAddress: unknown }).newAddress = address;
    const result = await dispatch(s.ctx, 'requests.create', input);
    if (field === null) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok === false && result.error.issues?.map((i) => i.field)).toEqual([field]);
    expect(s.count('requests')).toBe(0);
  });

  it('the missing-field messages name the field', async () => {
    const result = await dispatch(s.ctx, 'requests.create', radiation({ newAddress: { line1: '3 place du Marché', postalCode: '6900', city: 'Lyon' }, certificate: null }));
    expect(result.ok === false && result.error.message).toBe(
      'Code postal de la nouvelle adresse\u00a0: Code postal à 5 chiffres en France (à l’étranger, indiquez le pays).',
    );
  });

  it.each<[string, string, 'accept' | 'missing_documents', string[]]>([
    ['accepted: the new address, country last', '2026-04-15', 'accept', ['12 avenue Louise', 'Boîte 4', '1000 BRUXELLES', 'BELGIQUE']],
    ['pieces missing, the family moved out yesterday: the new address', '2026-03-31', 'missing_documents', ['12 avenue Louise', 'Boîte 4', '1000 BRUXELLES', 'BELGIQUE']],
    ['pieces missing, the family moves out today: the new address', '2026-04-01', 'missing_documents', ['12 avenue Louise', 'Boîte 4', '1000 BRUXELLES', 'BELGIQUE']],
    ['pieces missing, the family moves out tomorrow: still the 11e address', '2026-04-02', 'missing_documents', ['12 rue de la Roquette', '75011 PARIS']],
  ])('letter of a radiation %s', (_name, movingDate, decision, lines) => {
    const { id } = createRequest(s.ctx, radiation({ movingDate }));
    decideRadiation(s.ctx, { requestId: id, decision });
    const letter = decisionLetterDocument(s.ctx, id);
    expect(letter.payer).toEqual({ name: 'Camille Durand', addressLines: lines });
  });

  it('the closing letter PDF prints the new address', async () => {
    const { id } = createRequest(s.ctx, radiation());
    decideRadiation(s.ctx, { requestId: id, decision: 'accept' });
    const result = await dispatch(s.ctx, 'documents.decisionLetterPdf', { requestId: id });
    if (!result.ok) throw new Error(result.error.message);
    const file = join(tmp, 'lettre.pdf');
    writeFileSync(file, Buffer.from((result.value as { base64: string }).base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('1000 BRUXELLES');
    expect(text).toContain('BELGIQUE');
    expect(text).not.toContain('Roquette');
  });
});
