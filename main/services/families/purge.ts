import { LINE_KIND_LABELS } from '../../../shared/contract/billing.js';
import { rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parisToday } from '../../../shared/domain/dates.js';
import type { AppContext } from '../../context.js';
import { audit, record, syncChange, transaction } from '../../store/journal.js';
import { ERASED_FIELD } from '../../../shared/contract/sync.js';
import { readSetting } from '../../store/settings.js';
import { reindexFamily } from './search-index.js';
import { all, nowIso, one, updateRow } from '../../store/sql.js';
import { addYears } from './lifecycle.js';

/**
 * Purge of archived files past their retention (DESIGN.md, « Radiation »): personal data goes
 * (guardians, QF, rhythms, requests, documents and their files, audit before/after, unsent and sent
 * sync messages of those rows); children stay as anonymous rows (invoice lines refer to them);
 * invoices, lines and payments keep their numbers and amounts with « Famille purgée » as payer.
 */

const PURGED_NAME = 'Dossier purgé';
const PURGED_PAYER = 'Famille purgée';

const HEALTH_MONTHS_SETTING = 'retention.healthMonths';
const DEFAULT_HEALTH_MONTHS = 6;
const UNSETTLED_YEARS_SETTING = 'retention.unsettledYears';
const DEFAULT_UNSETTLED_YEARS = 5;

export interface PurgeResult {
  asOf: string;
  dryRun: boolean;
  /** Files purged (or to purge): archived ones, and radiated ones whose account never settled. */
  families: { familyId: string; dossierNumber: number; purgeAfter: string; status: 'archived' | 'radiated' }[];
  /** Medical certificates past their retention after the decision on their request. */
  healthDocuments: { documentId: string; familyId: string | null; decidedOn: string; deleteAfter: string }[];
  /** Combined print files (« à imprimer ») that named a purged family. */
  printBundles: number;
  filesDeleted: number;
}

/* ---------- the rules (pure, tested day by day) ---------- */

/** `YYYY-MM-DD` plus whole months; a day missing in the target month becomes its last day. */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(iso.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date rule is met the day AFTER its limit (`limit < asOf`): the limit day itself is kept. */
export const isPast = (limit: string, asOf: string): boolean => limit < asOf;

/** The last day a medical certificate is kept: its request's decision day + `months`. */
export function healthKeptUntil(decidedOn: string, months: number): string {
  return addMonths(decidedOn, months);
}

/**
 * The last day a radiated file whose account never settled is kept: its purge date, or, if later,
 * its last money movement (an invoice's due date, a payment) + `years` — by then a debt is
 * prescribed (the public accountant's action lapses four years after its titre, issued within
 * the year after the due date) and a credit owed to the family is lapsed (déchéance quadriennale).
 */
export function unsettledKeptUntil(purgeAfter: string, lastMoneyDay: string | null, years: number): string {
  if (lastMoneyDay === null) return purgeAfter;
  const money = addYears(lastMoneyDay, years);
  return money > purgeAfter ? money : purgeAfter;
}

function wholeSetting(ctx: AppContext, key: string, fallback: number): number {
  const raw = readSetting(ctx, key);
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/* ---------- what is due ---------- */

function familyCandidates(ctx: AppContext, asOf: string): PurgeResult['families'] {
  const rows = all<{ id: string; dossier_number: number; purge_after: string; status: 'archived' | 'radiated'; last_money: string | null }>(
    ctx,
    `SELECT f.id, f.dossier_number, f.purge_after, f.status,
       CASE WHEN f.status = 'radiated' THEN (SELECT MAX(d) FROM (
         SELECT MAX(due_date) AS d FROM invoices WHERE family_id = f.id
         UNION ALL SELECT MAX(received_on) FROM payments WHERE family_id = f.id)) END AS last_money
     FROM families f
     WHERE f.status IN ('archived', 'radiated') AND f.purge_after IS NOT NULL AND f.purge_after < ? AND f.family_name <> ?
     ORDER BY f.dossier_number`,
    asOf,
    PURGED_NAME,
  );
  const years = wholeSetting(ctx, UNSETTLED_YEARS_SETTING, DEFAULT_UNSETTLED_YEARS);
  return rows
    .map((r) => ({
      familyId: r.id,
      dossierNumber: r.dossier_number,
      status: r.status,
      purgeAfter: r.status === 'radiated' ? unsettledKeptUntil(r.purge_after, r.last_money, years) : r.purge_after,
    }))
    .filter((f) => isPast(f.purgeAfter, asOf));
}

/**
 * Medical certificates given with a request decided (accepted, refused or done) more than the
 * retention (setting `retention.healthMonths`, 6 months by default) before `asOf`. A certificate
 * given without a request follows its family file.
 */
function healthCandidates(ctx: AppContext, asOf: string): PurgeResult['healthDocuments'] {
  const months = wholeSetting(ctx, HEALTH_MONTHS_SETTING, DEFAULT_HEALTH_MONTHS);
  const rows = all<{ id: string; family_id: string | null; decided_at: string }>(
    ctx,
    `SELECT d.id, d.family_id, r.decided_at FROM documents d JOIN requests r ON r.id = d.request_id
     WHERE d.is_health = 1 AND r.decided_at IS NOT NULL AND r.status IN ('accepted', 'refused', 'done') ORDER BY r.decided_at, d.id`,
  );
  return rows
    .map((r) => {
      const decidedOn = parisToday(new Date(r.decided_at));
      return { documentId: r.id, familyId: r.family_id, decidedOn, deleteAfter: healthKeptUntil(decidedOn, months) };
    })
    .filter((d) => isPast(d.deleteAfter, asOf));
}

function filePath(ctx: AppContext, storedName: string): string {
  return storedName.startsWith('documents/') ? join(ctx.dataDir, storedName) : join(ctx.dataDir, 'documents', storedName);
}

/**
 * Lets the purge erase audit details (before/after) inside its own transaction: the audit's
 * triggers refuse any UPDATE or DELETE without this one-row flag, and the flag goes before commit.
 */
function withAuditErasure<T>(ctx: AppContext, work: () => T): T {
  const { sqlite } = ctx.store;
  sqlite.prepare('INSERT INTO purge_in_progress (id, started_at) VALUES (1, ?)').run(nowIso());
  try {
    return work();
  } finally {
    sqlite.prepare('DELETE FROM purge_in_progress').run();
  }
}

/**
 * The server erases what it holds of a purged row's earlier values (portal/sync/erasure.ts) once
 * it gets this mark, sent after the row's tombstone or anonymised values (so clocked above them).
 */
function markErased(ctx: AppContext, entity: string, ids: readonly string[]): void {
  for (const id of ids) syncChange(ctx, { entity, entityId: id, before: null, after: { [ERASED_FIELD]: true } });
}

/** Erases the details of the audit entries about `entityIds` (or a family), audited itself. */
function eraseAuditDetails(ctx: AppContext, where: { familyId: string } | { entityIds: string[]; familyId: string | null }): void {
  const { sqlite } = ctx.store;
  let erased = 0;
  if ('entityIds' in where) {
    const stmt = sqlite.prepare('UPDATE audit_log SET before = NULL, after = NULL WHERE entity_id = ? AND (before IS NOT NULL OR after IS NOT NULL)');
    for (const id of where.entityIds) erased += stmt.run(id).changes;
  } else {
    erased = sqlite.prepare('UPDATE audit_log SET before = NULL, after = NULL WHERE family_id = ? AND (before IS NOT NULL OR after IS NOT NULL)').run(where.familyId).changes;
  }
  audit(ctx, { action: 'purge.auditErase', entity: 'audit_log', entityId: where.familyId ?? '-', familyId: where.familyId, before: null, after: { entries: erased } });
}

export function purgeExpired(ctx: AppContext, input: { asOf: string; dryRun?: boolean }): PurgeResult {
  const { sqlite } = ctx.store;
  const files: string[] = [];
  const result = transaction(ctx, () => {
    const found = familyCandidates(ctx, input.asOf);
    const purgedIds = new Set(found.map((f) => f.familyId));
    // Certificates of files purged whole go with them (counted there, not twice).
    const certificates = healthCandidates(ctx, input.asOf).filter((d) => d.familyId === null || !purgedIds.has(d.familyId));
    const out: PurgeResult = {
      asOf: input.asOf,
      dryRun: input.dryRun === true,
      families: found,
      healthDocuments: certificates,
      printBundles: 0,
      filesDeleted: 0,
    };
    if (input.dryRun) {
      out.printBundles = printBundlesOf(ctx, [...purgedIds]).length;
      return out;
    }
    return withAuditErasure(ctx, () => {
      for (const d of certificates) {
        const doc = one<{ stored_name: string; request_id: string | null }>(ctx, 'SELECT stored_name, request_id FROM documents WHERE id = ?', d.documentId);
        if (!doc) continue;
        files.push(filePath(ctx, doc.stored_name));
        eraseAuditDetails(ctx, { entityIds: [d.documentId], familyId: d.familyId });
        sqlite.prepare('DELETE FROM outbox WHERE row_id = ?').run(d.documentId);
        sqlite.prepare('DELETE FROM documents WHERE id = ?').run(d.documentId);
        record(ctx, {
          action: 'purge.healthDocument',
          entity: 'documents',
          entityId: d.documentId,
          familyId: d.familyId,
          before: { id: d.documentId },
          after: null,
        });
        markErased(ctx, 'documents', [d.documentId]);
        audit(ctx, {
          action: 'purge.healthDocument',
          entity: 'requests',
          entityId: doc.request_id ?? '-',
          familyId: d.familyId,
          before: null,
          after: { decided_on: d.decidedOn, kept_until: d.deleteAfter, as_of: input.asOf },
        });
      }
      const bundles = printBundlesOf(ctx, [...purgedIds]);
      for (const b of bundles) {
        files.push(filePath(ctx, b.stored_name));
        sqlite.prepare('DELETE FROM outbox WHERE row_id = ?').run(b.id);
        sqlite.prepare('DELETE FROM documents WHERE id = ?').run(b.id);
        record(ctx, { action: 'purge.printBundle', entity: 'documents', entityId: b.id, familyId: null, before: { id: b.id }, after: null });
        markErased(ctx, 'documents', [b.id]);
      }
      out.printBundles = bundles.length;
      for (const f of found) purgeFamily(ctx, f, input.asOf, files);
      // Deleted search documents leave their terms in old FTS segments until merged.
      if (found.length > 0) sqlite.prepare("INSERT INTO family_search (family_search) VALUES ('optimize')").run();
      return out;
    });
  });
  // Files go once the rows that refer to them are gone (a failed transaction leaves them).
  for (const path of files) {
    rmSync(path, { force: true });
    result.filesDeleted += 1;
  }
  return result;
}

/**
 * The combined print files (« a-imprimer-….pdf ») that may name these families: a period's
 * combined file lies in the folder of that period's invoices, so a bundle beside an invoice PDF
 * of a purged family goes with it (it is a working copy: each invoice keeps its own PDF).
 */
function printBundlesOf(ctx: AppContext, familyIds: string[]): { id: string; stored_name: string }[] {
  if (familyIds.length === 0) return [];
  const folders = new Set<string>();
  for (const id of familyIds) {
    for (const d of all<{ stored_name: string }>(ctx, "SELECT stored_name FROM documents WHERE family_id = ? AND kind IN ('invoice', 'credit_note')", id)) {
      folders.add(posix.dirname(d.stored_name));
    }
  }
  return all<{ id: string; stored_name: string }>(ctx, "SELECT id, stored_name FROM documents WHERE kind = 'print_file' ORDER BY stored_name").filter((b) =>
    folders.has(posix.dirname(b.stored_name)),
  );
}

function purgeFamily(ctx: AppContext, f: PurgeResult['families'][number], asOf: string, files: string[]): void {
  const { sqlite } = ctx.store;
  const at = nowIso();
  const ids = (sql: string) => all<{ id: string }>(ctx, sql, f.familyId).map((r) => r.id);
  const guardianIds = ids('SELECT id FROM guardians WHERE family_id = ?');
  const childIds = ids('SELECT id FROM children WHERE family_id = ?');
  const requestIds = ids('SELECT id FROM requests WHERE family_id = ?');
  const qfIds = ids('SELECT id FROM qf_records WHERE family_id = ?');
  const rhythmIds = ids('SELECT r.id FROM rhythms r JOIN children c ON c.id = r.child_id WHERE c.family_id = ?');
  const invoiceIds = ids('SELECT id FROM invoices WHERE family_id = ?');
  const lineIds = ids('SELECT l.id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.family_id = ?');
  const paymentIds = ids('SELECT id FROM payments WHERE family_id = ?');
  const docs = all<{ id: string; stored_name: string }>(
    ctx,
    'SELECT id, stored_name FROM documents WHERE family_id = ? OR request_id IN (SELECT id FROM requests WHERE family_id = ?)',
    f.familyId,
    f.familyId,
  );
  files.push(...docs.map((d) => filePath(ctx, d.stored_name)));

  // Old sync messages and audit details of these rows carry personal data: they go.
  const touched = [f.familyId, ...guardianIds, ...childIds, ...requestIds, ...qfIds, ...rhythmIds, ...invoiceIds, ...lineIds, ...paymentIds, ...docs.map((d) => d.id)];
  const del = sqlite.prepare('DELETE FROM outbox WHERE row_id = ?');
  for (const id of touched) del.run(id);
  eraseAuditDetails(ctx, { familyId: f.familyId });

  const gone = (entity: string, list: string[]) => {
    for (const id of list) record(ctx, { action: 'purge.delete', entity, entityId: id, familyId: f.familyId, before: { id }, after: null });
  };
  sqlite.prepare('DELETE FROM documents WHERE family_id = ? OR request_id IN (SELECT id FROM requests WHERE family_id = ?)').run(f.familyId, f.familyId);
  gone('documents', docs.map((d) => d.id));
  sqlite.prepare('DELETE FROM requests WHERE family_id = ?').run(f.familyId);
  gone('requests', requestIds);
  sqlite.prepare('DELETE FROM rhythms WHERE child_id IN (SELECT id FROM children WHERE family_id = ?)').run(f.familyId);
  gone('rhythms', rhythmIds);
  sqlite.prepare('DELETE FROM qf_records WHERE family_id = ?').run(f.familyId);
  gone('qf_records', qfIds);
  sqlite.prepare('DELETE FROM guardians WHERE family_id = ?').run(f.familyId);
  gone('guardians', guardianIds);

  childIds.forEach((id, i) => {
    const after = { last_name: PURGED_NAME, first_name: `Enfant ${i + 1}`, birth_date: '1900-01-01', class_name: null, diet_need: 'none', updated_at: at };
    updateRow(ctx, 'children', id, after);
    record(ctx, { action: 'purge.anonymise', entity: 'children', entityId: id, familyId: f.familyId, before: null, after });
  });
  const payerAddress = JSON.stringify({ line1: '', line2: null, postalCode: '', city: '' });
  for (const id of invoiceIds) {
    updateRow(ctx, 'invoices', id, { payer_name: PURGED_PAYER, payer_address: payerAddress, reason: null });
    record(ctx, { action: 'purge.anonymise', entity: 'invoices', entityId: id, familyId: f.familyId, before: null, after: { payer_name: PURGED_PAYER, payer_address: payerAddress, reason: null } });
  }
  const relabel = sqlite.prepare('UPDATE invoice_lines SET label = ? WHERE kind = ? AND invoice_id IN (SELECT id FROM invoices WHERE family_id = ?)');
  for (const [kind, label] of Object.entries(LINE_KIND_LABELS)) relabel.run(label, kind, f.familyId);
  for (const id of lineIds) record(ctx, { action: 'purge.anonymise', entity: 'invoice_lines', entityId: id, familyId: f.familyId, before: null, after: { label: '(anonymisé)' } });
  for (const id of paymentIds) {
    const after = { bank: null, cheque_number: null, reference: null, request_fingerprint: '{}', cancel_reason: null };
    updateRow(ctx, 'payments', id, after);
    record(ctx, { action: 'purge.anonymise', entity: 'payments', entityId: id, familyId: f.familyId, before: null, after });
  }
  // A radiated file purged with its account unsettled ends archived (read-only) like the others.
  const familyAfter = { family_name: PURGED_NAME, status: 'archived', purge_after: null, address_line1: PURGED_NAME, address_line2: null, postal_code: '', city: '', notes: null, updated_at: at };
  updateRow(ctx, 'families', f.familyId, familyAfter);
  record(ctx, { action: 'purge.anonymise', entity: 'families', entityId: f.familyId, familyId: f.familyId, before: null, after: familyAfter });
  reindexFamily(ctx, f.familyId);
  const marks: [string, string[]][] = [
    ['documents', docs.map((d) => d.id)],
    ['requests', requestIds],
    ['rhythms', rhythmIds],
    ['qf_records', qfIds],
    ['guardians', guardianIds],
    ['children', childIds],
    ['invoices', invoiceIds],
    ['invoice_lines', lineIds],
    ['payments', paymentIds],
    ['families', [f.familyId]],
  ];
  for (const [entity, ids] of marks) markErased(ctx, entity, ids);
  // The purge's summary is the journal's only: as a sync change its fields (as_of, counts) are no
  // row's, and its purge_after would undo the anonymised row's on the other desks.
  audit(ctx, {
    action: 'family.purge',
    entity: 'families',
    entityId: f.familyId,
    familyId: f.familyId,
    before: null,
    after: { dossier_number: f.dossierNumber, purge_after: f.purgeAfter, status: f.status, as_of: asOf, guardians: guardianIds.length, children: childIds.length, documents: docs.length },
  });
}
