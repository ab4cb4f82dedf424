import { AppError } from '../../shared/contract/errors.js';
import type { AppContext } from '../context.js';
import type Database from 'better-sqlite3';

/**
 * Small raw-SQL helpers for the billing tables: rows are objects keyed by column name (the names
 * the audit and the sync messages use), statements are prepared once per connection. Table and
 * column names always come from this code, never from input.
 */

/** A row keyed by column name (the names the audit and the sync messages use). */
export type Row = Record<string, unknown>;

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection: the hot write paths (audit, outbox, search
 * index) run it thousands of times in one bulk load, and compiling SQL each time dominated.
 */
export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Updates the given columns of a row by id. */
export function updateRow(ctx: AppContext, table: string, id: string, changes: Row): void {
  const columns = Object.keys(changes);
  prepared(ctx.store.sqlite, `UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
    ...changes,
    id,
  });
}

function getRow<T>(ctx: AppContext, table: string, id: string): T | undefined {
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

