import { LINE_KIND_LABELS } from '../../../shared/contract/billing.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import { record, transaction } from '../../store/journal.js';
import { reindexFamily } from './search-index.js';
import { all, nowIso, updateRow } from '../../store/sql.js';
import { purgeAfterKey } from './lifecycle.js';

/**
 * Purge of archived files past their retention (DESIGN.md, « Radiation »): personal data goes
 * (guardians, QF, rhythms, requests, documents and their files, audit before/after, unsent and sent
 * sync messages of those rows); children stay as anonymous rows (invoice lines refer to them);
 * invoices, lines and payments keep their numbers and amounts with « Famille purgée » as payer.
 */

const PURGED_NAME = 'Dossier purgé';
const PURGED_PAYER = 'Famille purgée';

export interface PurgeResult {
  asOf: string;
  dryRun: boolean;
  families: { familyId: string; dossierNumber: number; purgeAfter: string }[];
  filesDeleted: number;
}

function candidates(ctx: AppContext, asOf: string) {
  return all<{ id: string; dossier_number: number; purge_after: string }>(
    ctx,
    `SELECT f.id, f.dossier_number, s.value AS purge_after FROM families f JOIN settings s ON s.key = ? || f.id
     WHERE f.status = 'archived' AND f.family_name <> ? AND s.value < ? ORDER BY f.dossier_number`,
    purgeAfterKey(''),
    PURGED_NAME,
    asOf,
  );
}

function filePath(ctx: AppContext, storedName: string): string {
  return storedName.startsWith('documents/') ? join(ctx.dataDir, storedName) : join(ctx.dataDir, 'documents', storedName);
}

export function purgeExpired(ctx: AppContext, input: { asOf: string; dryRun?: boolean }): PurgeResult {
  const { sqlite } = ctx.store;
  const files: string[] = [];
  const result = transaction(ctx, () => {
    const found = candidates(ctx, input.asOf);
    const out: PurgeResult = {
      asOf: input.asOf,
      dryRun: input.dryRun === true,
      families: found.map((f) => ({ familyId: f.id, dossierNumber: f.dossier_number, purgeAfter: f.purge_after })),
      filesDeleted: 0,
    };
    if (input.dryRun) return out;
    const at = nowIso();
    for (const f of found) {
      const ids = (sql: string) => all<{ id: string }>(ctx, sql, f.id).map((r) => r.id);
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
        f.id,
        f.id,
      );
      files.push(...docs.map((d) => filePath(ctx, d.stored_name)));

      // Old sync messages and audit details of these rows carry personal data: they go.
      const touched = [f.id, ...guardianIds, ...childIds, ...requestIds, ...qfIds, ...rhythmIds, ...invoiceIds, ...lineIds, ...paymentIds, ...docs.map((d) => d.id)];
      const del = sqlite.prepare('DELETE FROM outbox WHERE row_id = ?');
      for (const id of touched) del.run(id);
      sqlite.prepare('UPDATE audit_log SET before = NULL, after = NULL WHERE family_id = ?').run(f.id);

      const gone = (entity: string, list: string[]) => {
        for (const id of list) record(ctx, { action: 'purge.delete', entity, entityId: id, familyId: f.id, before: { id }, after: null });
      };
      sqlite.prepare('DELETE FROM documents WHERE family_id = ? OR request_id IN (SELECT id FROM requests WHERE family_id = ?)').run(f.id, f.id);
      gone('documents', docs.map((d) => d.id));
      sqlite.prepare('DELETE FROM requests WHERE family_id = ?').run(f.id);
      gone('requests', requestIds);
      sqlite.prepare('DELETE FROM rhythms WHERE child_id IN (SELECT id FROM children WHERE family_id = ?)').run(f.id);
      gone('rhythms', rhythmIds);
      sqlite.prepare('DELETE FROM qf_records WHERE family_id = ?').run(f.id);
      gone('qf_records', qfIds);
      sqlite.prepare('DELETE FROM guardians WHERE family_id = ?').run(f.id);
      gone('guardians', guardianIds);

      childIds.forEach((id, i) => {
        const after = { last_name: PURGED_NAME, first_name: `Enfant ${i + 1}`, birth_date: '1900-01-01', class_name: null, diet_need: 'none', updated_at: at };
        updateRow(ctx, 'children', id, after);
        record(ctx, { action: 'purge.anonymise', entity: 'children', entityId: id, familyId: f.id, before: null, after });
      });
      const payerAddress = JSON.stringify({ line1: '', line2: null, postalCode: '', city: '' });
      for (const id of invoiceIds) {
        updateRow(ctx, 'invoices', id, { payer_name: PURGED_PAYER, payer_address: payerAddress, reason: null });
        record(ctx, { action: 'purge.anonymise', entity: 'invoices', entityId: id, familyId: f.id, before: null, after: { payer_name: PURGED_PAYER, payer_address: payerAddress, reason: null } });
      }
      const relabel = sqlite.prepare('UPDATE invoice_lines SET label = ? WHERE kind = ? AND invoice_id IN (SELECT id FROM invoices WHERE family_id = ?)');
      for (const [kind, label] of Object.entries(LINE_KIND_LABELS)) relabel.run(label, kind, f.id);
      for (const id of lineIds) record(ctx, { action: 'purge.anonymise', entity: 'invoice_lines', entityId: id, familyId: f.id, before: null, after: { label: '(anonymisé)' } });
      for (const id of paymentIds) {
        const after = { bank: null, cheque_number: null, reference: null, request_fingerprint: '{}', cancel_reason: null };
        updateRow(ctx, 'payments', id, after);
        record(ctx, { action: 'purge.anonymise', entity: 'payments', entityId: id, familyId: f.id, before: null, after });
      }
      const familyAfter = { family_name: PURGED_NAME, address_line1: PURGED_NAME, address_line2: null, postal_code: '', city: '', notes: null, updated_at: at };
      updateRow(ctx, 'families', f.id, familyAfter);
      record(ctx, { action: 'purge.anonymise', entity: 'families', entityId: f.id, familyId: f.id, before: null, after: familyAfter });
      reindexFamily(ctx, f.id);
      record(ctx, {
        action: 'family.purge',
        entity: 'families',
        entityId: f.id,
        familyId: f.id,
        before: null,
        after: { dossier_number: f.dossier_number, purge_after: f.purge_after, as_of: input.asOf, guardians: guardianIds.length, children: childIds.length, documents: docs.length },
      });
      sqlite.prepare('DELETE FROM settings WHERE key = ?').run(purgeAfterKey(f.id));
    }
    // Deleted search documents leave their terms in old FTS segments until merged.
    if (found.length > 0) sqlite.prepare("INSERT INTO family_search (family_search) VALUES ('optimize')").run();
    return out;
  });
  // Files go once the rows that refer to them are gone (a failed transaction leaves them).
  for (const path of files) {
    rmSync(path, { force: true });
    result.filesDeleted += 1;
  }
  return result;
}
