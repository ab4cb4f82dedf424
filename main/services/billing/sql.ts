import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { audit, prepared, type Row } from '../journal.js';

/**
 * Small raw-SQL helpers for the billing tables: rows are objects keyed by column name (the names
 * the audit and the sync messages use), statements are prepared once per connection. Table and
 * column names always come from this code, never from input.
 */

export function insertRow(ctx: AppContext, table: string, row: Row): void {
  const columns = Object.keys(row);
  prepared(
    ctx.store.sqlite,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
}

/** Updates the given columns of a row by id. */
export function updateRow(ctx: AppContext, table: string, id: string, changes: Row): void {
  const columns = Object.keys(changes);
  prepared(ctx.store.sqlite, `UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
    ...changes,
    id,
  });
}

export function getRow<T>(ctx: AppContext, table: string, id: string): T | undefined {
  return prepared(ctx.store.sqlite, `SELECT * FROM ${table} WHERE id = ?`).get(id) as T | undefined;
}

export function requireRow<T>(ctx: AppContext, table: string, id: string, message: string): T {
  const row = getRow<T>(ctx, table, id);
  if (!row) throw AppError.notFound(message);
  return row;
}

export function all<T>(ctx: AppContext, sql: string, ...params: unknown[]): T[] {
  return prepared(ctx.store.sqlite, sql).all(...params) as T[];
}

export function one<T>(ctx: AppContext, sql: string, ...params: unknown[]): T | undefined {
  return prepared(ctx.store.sqlite, sql).get(...params) as T | undefined;
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function conflict(message: string): AppError {
  return new AppError({ code: 'CONFLICT', message });
}

/** An audit entry alone, in `record()`'s format (see journal.ts `audit`). */
export const auditOnly = audit;
