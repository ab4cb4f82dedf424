import { SYNC_ENTITIES } from '../../../shared/contract/sync.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { prepared } from '../../store/sql.js';
import { reindexFamily } from '../families/index.js';

/**
 * Applying pulled messages (DESIGN.md « Sync »): last writer wins per field, by hybrid logical
 * clock. A message older than the field's clock here (`sync_field_clocks`, also written by every
 * local change) is dropped; a newer one wins and is staged in `sync_inbox`, then written to its
 * row: updated when the row exists, inserted once all its required fields and its parent are
 * here (a row cut across two pages waits in the inbox). One page is one transaction, with the
 * family search index and summaries, and the cursor; nothing applied goes back to the outbox.
 */

export interface PulledMessage {
  seq: number;
  hlc: string;
  entity: string;
  rowId: string;
  field: string;
  value: string | null;
}

export interface ApplyReport {
  applied: number;
  /** Older than the value here (another desk's change that lost), or this desk's own settings. */
  ignored: number;
  /** Rows still incomplete, waiting in the inbox for their next messages. */
  waiting: number;
}

const TOMBSTONE = '_deleted';
/** The primary key column of each entity (all are `id` but the settings). */
const PRIMARY_KEY: Readonly<Record<string, string>> = { settings: 'key' };
/** This desk's own settings (its node, clock and cursor) never take another desk's value. */
const LOCAL_SETTING = /^sync\./;
/** Entities whose rows name a family (its search document and summary are rewritten). */
const FAMILY_OF: Readonly<Record<string, string>> = { families: 'id', guardians: 'family_id', children: 'family_id' };

const CURSOR_KEY = 'sync.cursor';

export function readCursor(ctx: AppContext): number {
  const row = prepared(ctx.store.sqlite, 'SELECT value FROM settings WHERE key = ?').get(CURSOR_KEY) as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

export function applyPage(ctx: AppContext, messages: readonly PulledMessage[], cursor: number): ApplyReport {
  const { sqlite } = ctx.store;
  return transaction(ctx, () => {
    const clockOf = prepared(sqlite, 'SELECT hlc FROM sync_field_clocks WHERE entity = ? AND row_id = ? AND field = ?');
    const setClock = prepared(sqlite, 'INSERT INTO sync_field_clocks (entity, row_id, field, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc');
    const stage = prepared(
      sqlite,
      'INSERT INTO sync_inbox (entity, row_id, field, value, hlc) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value, hlc = excluded.hlc',
    );
    let applied = 0;
    let ignored = 0;
    for (const m of messages) {
      const fields = SYNC_ENTITIES[m.entity];
      if (!fields || (m.field !== TOMBSTONE && !fields.includes(m.field)) || (m.entity === 'settings' && LOCAL_SETTING.test(m.rowId))) {
        ignored++;
        continue;
      }
      ctx.clock.receive(m.hlc);
      // A deleted row stays deleted: an edit made elsewhere before the deletion arrived there
      // would otherwise wait in the inbox forever for the row's other fields.
      if (m.field !== TOMBSTONE && clockOf.get(m.entity, m.rowId, TOMBSTONE) !== undefined) {
        ignored++;
        continue;
      }
      const here = (clockOf.get(m.entity, m.rowId, m.field) as { hlc: string } | undefined)?.hlc;
      if (here !== undefined && here >= m.hlc) {
        ignored++;
        continue;
      }
      setClock.run(m.entity, m.rowId, m.field, m.hlc);
      stage.run(m.entity, m.rowId, m.field, m.value, m.hlc);
      applied++;
    }
    const waiting = settleInbox(ctx);
    prepared(sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CURSOR_KEY, String(cursor));
    return { applied, ignored, waiting };
  });
}

interface Staged {
  entity: string;
  rowId: string;
  field: string;
  value: string | null;
}

/** Writes every staged row that can be written, until a pass makes no progress; returns the rows left. */
function settleInbox(ctx: AppContext): number {
  const { sqlite } = ctx.store;
  const families = new Set<string>();
  let left: number;
  // Each pass writes the rows whose parents are here and unstages them, so passes end; a row may
  // need several (a document waits for its request, its child, its family; a family for another
  // family's renumbering by the server).
  for (;;) {
    const staged = sqlite.prepare('SELECT entity, row_id AS rowId, field, value FROM sync_inbox ORDER BY entity, row_id').all() as Staged[];
    const rows = new Map<string, Staged[]>();
    for (const s of staged) {
      const key = `${s.entity}\u0000${s.rowId}`;
      const list = rows.get(key);
      if (list) list.push(s);
      else rows.set(key, [s]);
    }
    let written = 0;
    for (const fields of rows.values()) if (writeRow(ctx, fields, families)) written++;
    left = rows.size - written;
    if (written === 0 || left === 0) break;
  }
  for (const familyId of families) reindexFamily(ctx, familyId);
  return left;
}

/** One row's staged fields written (then unstaged), or left staged when the row cannot be written yet. */
function writeRow(ctx: AppContext, fields: Staged[], families: Set<string>): boolean {
  const { sqlite } = ctx.store;
  const { entity, rowId } = fields[0]!;
  const pk = PRIMARY_KEY[entity] ?? 'id';
  const familyColumn = FAMILY_OF[entity];
  const familyOf = (): string | undefined =>
    familyColumn ? (sqlite.prepare(`SELECT ${familyColumn} AS f FROM ${entity} WHERE ${pk} = ?`).get(rowId) as { f: string } | undefined)?.f : undefined;
  const unstage = () => sqlite.prepare('DELETE FROM sync_inbox WHERE entity = ? AND row_id = ?').run(entity, rowId);
  try {
    // A savepoint: a row that cannot be written yet leaves the page's other rows untouched.
    sqlite.transaction(() => {
      if (fields.some((f) => f.field === TOMBSTONE && f.value === 'true')) {
        const family = familyOf();
        sqlite.prepare(`DELETE FROM ${entity} WHERE ${pk} = ?`).run(rowId);
        if (family && entity !== 'families') families.add(family);
        unstage();
        return;
      }
      const columns = fields.filter((f) => f.field !== TOMBSTONE);
      const values = columns.map((f) => bindable(f.value));
      const exists = sqlite.prepare(`SELECT 1 FROM ${entity} WHERE ${pk} = ?`).get(rowId) !== undefined;
      if (exists && columns.length > 0) {
        sqlite.prepare(`UPDATE ${entity} SET ${columns.map((f) => `${f.field} = ?`).join(', ')} WHERE ${pk} = ?`).run(...values, rowId);
      } else if (!exists) {
        sqlite.prepare(`INSERT INTO ${entity} (${pk}, ${columns.map((f) => f.field).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(rowId, ...values);
      }
      const family = familyOf();
      if (family) families.add(family);
      unstage();
    })();
    return true;
  } catch (error) {
    // Missing required fields or parent: wait for them. Anything else is a real fault.
    if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) return false;
    throw error;
  }
}

/** A message's JSON value as SQLite stores it (objects as JSON text, booleans as 0/1). */
function bindable(json: string | null): string | number | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}
