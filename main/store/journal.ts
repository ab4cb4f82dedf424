import type { AuditAction } from '../../shared/contract/audit.js';
import { TOMBSTONE_FIELD } from '../../shared/contract/sync.js';
import type { AppContext } from '../context.js';
import { prepared, type Row } from './sql.js';

/**
 * Audit and sync outbox, written together inside the caller's transaction (DESIGN.md: every
 * business operation writes its audit entry and its outgoing sync changes with the change).
 */

export interface Change {
  action: AuditAction;
  /** Table name, as the sync schema knows it. */
  entity: string;
  entityId: string;
  familyId: string | null;
  before: Row | null;
  after: Row | null;
}

/** Fields that never leave the desktop through sync (bookkeeping of the row itself). */
const LOCAL_FIELDS = new Set(['id']);

/** Fields the audit never copies (a password hash travels by sync, never into a history). */
const SECRET_FIELDS = new Set(['password_hash']);
const HIDDEN = '(masqué)';

function withoutSecrets(row: Row | null): string | null {
  if (row === null) return null;
  if (!Object.keys(row).some((k) => SECRET_FIELDS.has(k))) return JSON.stringify(row);
  return JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? HIDDEN : v])));
}

/**
 * The audit entry of a change, alone: `record()` writes it with the sync messages; bulk writes
 * whose rows already sent their own sync messages (the billing outbox writer) write it alone.
 */
export function audit(ctx: AppContext, change: Change): void {
  prepared(
    ctx.store.sqlite,
    `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, family_id, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ctx.newId(),
    new Date().toISOString(),
    ctx.actor,
    change.action,
    change.entity,
    change.entityId,
    change.familyId,
    withoutSecrets(change.before),
    withoutSecrets(change.after),
  );
}

export function record(ctx: AppContext, change: Change): void {
  audit(ctx, change);
  syncChange(ctx, change);
}

/**
 * The sync messages of a change (and its fields' clocks) without an audit entry of its own: for
 * writes that an operation audits once as a whole (a key's re-wrapping, a re-encryption pass).
 */
export function syncChange(ctx: AppContext, change: Pick<Change, 'entity' | 'entityId' | 'before' | 'after'>): void {
  const { sqlite } = ctx.store;
  const insert = prepared(
    sqlite,
    `INSERT INTO outbox (id, hlc, node, entity, row_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // Each field's clock too: a value pulled later from another desk wins only if it is newer.
  const clock = prepared(
    sqlite,
    'INSERT INTO sync_field_clocks (entity, row_id, field, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc',
  );
  for (const [field, value] of changedFields(change.before, change.after)) {
    const hlc = ctx.clock.tick();
    insert.run(ctx.newId(), hlc, ctx.clock.node, change.entity, change.entityId, field, JSON.stringify(value));
    clock.run(change.entity, change.entityId, field, hlc);
  }
}

/** Field-level differences (last-writer-wins merges fields, so only changed fields travel). */
function changedFields(before: Row | null, after: Row | null): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (after === null) {
    // A deletion travels as a tombstone on the row.
    if (before !== null) out.push([TOMBSTONE_FIELD, true]);
    return out;
  }
  for (const [field, value] of Object.entries(after)) {
    if (LOCAL_FIELDS.has(field)) continue;
    const old = before?.[field];
    if (before === null || JSON.stringify(old) !== JSON.stringify(value)) out.push([field, value ?? null]);
  }
  return out;
}

/** Runs `work` as one SQLite transaction (nested calls become savepoints). */
export function transaction<T>(ctx: AppContext, work: () => T): T {
  return ctx.store.sqlite.transaction(work)();
}
