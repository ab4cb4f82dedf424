import { eq, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditAction } from '../../shared/contract/audit.js';
import { AppError } from '../../shared/contract/errors.js';
import type { AppContext } from '../context.js';
import { record } from './journal.js';
import { columnRow } from './rows.js';

/**
 * The typed way to read and write one row of a table: rows are drizzle's inferred types
 * (camelCase, as schema.ts declares them), and every write goes with its audit entry and its sync
 * messages (named by column, as the hub stores them) — the caller cannot forget either. Call the
 * writers inside the business operation's transaction. Bulk paths (billing runs, imports, the demo)
 * keep their prepared statements, typed by the same `RowOf<…>`.
 */

/** A table whose rows have a text `id` primary key. */
export type IdTable = SQLiteTable & { id: SQLiteColumn };
export type RowOf<T extends IdTable> = T['$inferSelect'];

/** Who a change concerns, for the audit (`family.archive`, `calendar.year.update`, …). */
export interface ChangeOf {
  action: AuditAction;
  familyId: string | null;
}

export function findRecord<T extends IdTable>(ctx: AppContext, table: T, id: string): RowOf<T> | undefined {
  return ctx.store.db.select().from(table as SQLiteTable).where(eq(table.id, id)).get();
}

/** The row, or NOT_FOUND with the French `message`. */
export function requireRecord<T extends IdTable>(ctx: AppContext, table: T, id: string, message: string): RowOf<T> {
  const row = findRecord(ctx, table, id);
  if (!row) throw AppError.notFound(message);
  return row;
}

/** Inserts a row, with its audit entry and one sync message per field. */
export function insertRecord<T extends IdTable>(ctx: AppContext, table: T, row: RowOf<T>, change: ChangeOf): RowOf<T> {
  ctx.store.db.insert(table as SQLiteTable).values(row as never).run();
  record(ctx, { ...change, entity: getTableName(table), entityId: idOf(row), before: null, after: columnRow(table, row) });
  return row;
}

/**
 * Updates the fields of `changes` that differ from `before`, with one audit entry (the whole row
 * before and after, so that the file history can name what it is about) and a sync message per
 * changed field only. Nothing changed: nothing written. Returns the row after the change.
 */
export function updateRecord<T extends IdTable>(ctx: AppContext, table: T, before: RowOf<T>, changes: Partial<RowOf<T>>, change: ChangeOf): RowOf<T> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const old = (before as Record<string, unknown>)[key];
    if (value === undefined || JSON.stringify(old) === JSON.stringify(value)) continue;
    changed[key] = value;
  }
  const after = { ...before, ...changed } as RowOf<T>;
  if (Object.keys(changed).length === 0) return after;
  ctx.store.db.update(table as SQLiteTable).set(changed).where(eq(table.id, idOf(before))).run();
  // record() sends only the fields whose value differs between the two rows.
  record(ctx, { ...change, entity: getTableName(table), entityId: idOf(before), before: columnRow(table, before), after: columnRow(table, after) });
  return after;
}

/** Deletes a row, with its audit entry and the tombstone sync message. */
export function deleteRecord<T extends IdTable>(ctx: AppContext, table: T, before: RowOf<T>, change: ChangeOf): void {
  ctx.store.db.delete(table as SQLiteTable).where(eq(table.id, idOf(before))).run();
  record(ctx, { ...change, entity: getTableName(table), entityId: idOf(before), before: columnRow(table, before), after: null });
}

function idOf(row: object): string {
  return (row as { id: string }).id;
}
