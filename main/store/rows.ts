import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Row } from './sql.js';

/**
 * A drizzle row (camelCase keys) as the audit and the sync messages name it: by column name, so
 * the hub and other desktops apply fields by their stored names.
 */
export function columnRow(table: SQLiteTable, value: Record<string, unknown>): Row {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const out: Row = {};
  for (const [key, column] of Object.entries(columns)) {
    if (key in value) out[column.name] = value[key] ?? null;
  }
  return out;
}
