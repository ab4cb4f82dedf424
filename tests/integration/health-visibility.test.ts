import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch as dispatchAs, type DispatchResult } from '../../main/api/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import type { DeskSession } from '../../main/session/index.js';
import { ROLES, type Permission } from '../../shared/contract/permissions.js';
import { loggedInSession } from '../helpers/sessions.js';
import { pdfFixture } from '../helpers/uploads.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

/**
 * Who may see what of health data (issue 9): an agent without the « Documents de santé » permission
 * sees that a certificate exists, never its file name, its hash, nor the free-text reason of the
 * absence. Every read that carries a refund request is called through the dispatch, and the whole
 * JSON answer (PDF text, archive entries) is searched for the planted reason, name and hash.
 */

const REASON = 'Gastro-entérite Zorglub';
const FILE_NAME = 'certificat-zorglub-2026.pdf';
// A real PDF: uploads are checked by their structure.
let CERT: Buffer;
beforeAll(async () => {
  CERT = await pdfFixture();
});

let s: BillingStore;
let tmp: string;
beforeEach(() => {
  s = billingStore('2026-03-20');
  tmp = mkdtempSync(join(tmpdir(), 'guichet-health-'));
});
afterEach(() => {
  s.ctx.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

async function call(session: DeskSession, name: string, input: unknown): Promise<unknown> {
  const result: DispatchResult = await dispatchAs(s.ctx, session, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

function pdfText(value: unknown): string {
  const { fileName, base64 } = value as { fileName: string; base64: string };
  const file = join(tmp, fileName);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function zipText(value: unknown): string {
  const entries = unzipSync(Buffer.from((value as { base64: string }).base64, 'base64'));
  return Object.entries(entries)
    .map(([name, bytes]) => `${name}\n${name.endsWith('.pdf') ? '' : strFromU8(bytes)}`)
    .join('\n');
}

/** A refund request with its certificate, decided (refused: the reason is not « maladie »), by an agent with every permission. */
async function story(): Promise<{ requestId: string; familyId: string; sha256: string; agent: (permissions: Permission[]) => Promise<DeskSession> }> {
  const f = s.family({ name: 'Durand' });
  issueBilling(s.ctx, s.period('Mars'));
  const childId = f.children[0]!.id;
  let n = 0;
  const agent = (permissions: Permission[]) => loggedInSession(s.ctx, permissions, `agent.${++n}`);
  const all = await agent([...ROLES, 'sante']);
  const details = {
    absenceFrom: '2026-03-09',
    absenceTo: '2026-03-13',
    reason: REASON,
    certificateOriginal: true,
    certificateNoErasures: true,
    schoolHeadVisa: true,
  };
  const { id: requestId } = (await call(all, 'requests.create', {
    type: 'refund',
    familyId: f.id,
    childId,
    receivedOn: '2026-03-16',
    details,
    certificate: { fileName: FILE_NAME, base64: CERT.toString('base64') },
  })) as { id: string };
  const { sha256 } = s.ctx.store.sqlite.prepare('SELECT sha256 FROM documents WHERE request_id = ?').get(requestId) as { sha256: string };
  // A second certificate, uploaded on its own (the upload's answer is read too).
  await call(all, 'documents.uploadHealth', { familyId: f.id, childId, requestId, fileName: FILE_NAME, base64: CERT.toString('base64') });
  await call(all, 'requests.decideRefund', { requestId, decision: 'refuse', note: null });
  return { requestId, familyId: f.id, sha256, agent };
}

/** Every read that carries the request, as this agent gets it: one text to search. */
async function everything(session: DeskSession, requestId: string, familyId: string): Promise<string> {
  const answers: unknown[] = [
    await call(session, 'requests.get', { requestId }),
    await call(session, 'requests.list', { familyId }),
    await call(session, 'requests.refundVerdict', { requestId }),
    await call(session, 'families.get', { id: familyId }),
    await call(session, 'families.search', { query: 'Durand' }),
    await call(session, 'dashboard.get', {}),
    await call(session, 'account.get', { familyId }),
  ];
  const letter = await call(session, 'documents.decisionLetterPdf', { requestId });
  const archive = await call(session, 'families.exportData', { familyId });
  return [JSON.stringify(answers), JSON.stringify(letter), pdfText(letter), JSON.stringify(archive), zipText(archive)].join('\n');
}

describe('health data without the « Documents de santé » permission', () => {
  it('every read shows the certificate exists, never its name, hash or the reason of the absence', async () => {
    const { requestId, familyId, sha256, agent } = await story();
    const without = await agent([...ROLES]);
    const text = await everything(without, requestId, familyId);
    expect(text).not.toContain('Zorglub');
    expect(text).not.toContain(sha256);
    expect(text).not.toContain(FILE_NAME);
    expect(text.toLowerCase()).not.toContain('gastro');

    // …but it knows there are two certificates, and which check failed.
    const request = (await call(without, 'requests.get', { requestId })) as {
      documents: { isHealth: boolean; fileName: string | null }[];
      decision: { verdict: { checks: { rule: string; ok: boolean; message: string }[] } };
    };
    expect(request.documents.filter((d) => d.isHealth)).toHaveLength(2);
    expect(request.documents.every((d) => d.fileName === null)).toBe(true);
    const reasonCheck = request.decision.verdict.checks.find((c) => c.rule === 'reason')!;
    expect(reasonCheck.ok).toBe(false);
    expect(reasonCheck.message).toMatch(/Seule une maladie ouvre droit au remboursement/);
  });

  it('the upload of a certificate answers without its hash; the decision without the reason', async () => {
    const f = s.family({ name: 'Martin' });
    issueBilling(s.ctx, s.period('Mars'));
    const childId = f.children[0]!.id;
    const accueil = await loggedInSession(s.ctx, ['accueil', 'instruction']);
    const { id: requestId } = (await call(accueil, 'requests.create', {
      type: 'refund',
      familyId: f.id,
      childId,
      receivedOn: '2026-03-16',
      details: { absenceFrom: '2026-03-09', absenceTo: '2026-03-13', reason: REASON, certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
    })) as { id: string };
    const uploaded = await call(accueil, 'documents.uploadHealth', { familyId: f.id, childId, requestId, fileName: FILE_NAME, base64: CERT.toString('base64') });
    const { sha256 } = s.ctx.store.sqlite.prepare('SELECT sha256 FROM documents WHERE request_id = ?').get(requestId) as { sha256: string };
    expect(JSON.stringify(uploaded)).not.toContain(sha256);
    expect(uploaded).toMatchObject({ mime: 'application/pdf', size: CERT.length });
    // Pieces asked from the failed checks: every agent and the family read them, the reason is not quoted.
    const asked = await call(accueil, 'requests.decideRefund', { requestId, decision: 'missing_documents', note: null });
    expect(JSON.stringify(asked)).not.toContain('Zorglub');
    const health = await loggedInSession(s.ctx, ['accueil', 'sante'], 'agent.sante');
    const { missingPieces } = (await call(health, 'requests.get', { requestId })) as { missingPieces: string[] };
    expect(missingPieces.join(' ')).toMatch(/^Motif\u00a0: autre qu’une maladie/);
    expect(missingPieces.join(' ')).not.toContain('Zorglub');
    const decided = await call(accueil, 'requests.decideRefund', { requestId, decision: 'refuse', note: null });
    expect(JSON.stringify(decided)).not.toContain('Zorglub');
    expect(JSON.stringify(decided)).toContain('autre qu’une maladie');
  });

  it('with the permission, the same reads show them (the searches above can fail)', async () => {
    const { requestId, familyId, sha256, agent } = await story();
    const health = await agent(['accueil', 'sante']);
    const request = JSON.stringify(await call(health, 'requests.get', { requestId }));
    expect(request).toContain(REASON);
    expect(request).toContain(FILE_NAME);
    expect(JSON.stringify(await call(health, 'requests.refundVerdict', { requestId }))).toContain(REASON);
    const history = JSON.stringify(await call(health, 'families.get', { id: familyId }));
    expect(history).toContain(sha256);
    expect(history).toContain(FILE_NAME);
    // The letter to the family never prints the free-text reason, whoever prints it.
    expect(pdfText(await call(health, 'documents.decisionLetterPdf', { requestId }))).not.toContain('Zorglub');
  });
});
