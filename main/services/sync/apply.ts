import { SYNC_ENTITIES, TOMBSTONE_FIELD } from '../../../shared/contract/sync.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { prepared } from '../../store/sql.js';
import { reindexFamily } from '../families/index.js';
import { writeCursor } from './desk-state.js';

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

/** The primary key column of each entity (all are `id` but the settings). */
const PRIMARY_KEY: Readonly<Record<string, string>> = { settings: 'key' };
/** This desk's own settings (its node, clock and cursor) never take another desk's value. */
const LOCAL_SETTING = /^sync\./;
/** Entities whose rows name a family (its search document and summary are rewritten). */
const FAMILY_OF: Readonly<Record<string, string>> = { families: 'id', guardians: 'family_id', children: 'family_id' };

export function applyPage(ctx: AppContext, messages: readonly PulledMessage[], cursor: number): ApplyReport {
  const { sqlite } = ctx.store;
  return transaction(ctx, () => {
    const clockOf = prepared(sqlite, 'SELECT hlc FROM sync_field_clocks WHERE entity = ? AND row_id = ? AND field = ?');
    const setClock = prepared(sqlite, 'INSERT INTO sync_field_clocks (entity, row_id, field, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc');
    // The winners, row by row in the page's order (a parent before its children, mostly).
    const rows = new Map<string, StagedRow>();
    let applied = 0;
    let ignored = 0;
    let latest = '';
    for (const m of messages) {
      const fields = SYNC_ENTITIES[m.entity];
      if (!fields || (m.field !== TOMBSTONE_FIELD && !fields.includes(m.field)) || (m.entity === 'settings' && LOCAL_SETTING.test(m.rowId))) {
        ignored++;
        continue;
      }
      if (m.hlc > latest) latest = m.hlc;
      // A deleted row stays deleted: an edit made elsewhere before the deletion arrived there
      // would otherwise wait in the inbox forever for the row's other fields.
      if (m.field !== TOMBSTONE_FIELD && clockOf.get(m.entity, m.rowId, TOMBSTONE_FIELD) !== undefined) {
        ignored++;
        continue;
      }
      const here = (clockOf.get(m.entity, m.rowId, m.field) as { hlc: string } | undefined)?.hlc;
      if (here !== undefined && here >= m.hlc) {
        ignored++;
        continue;
      }
      setClock.run(m.entity, m.rowId, m.field, m.hlc);
      stageField(rows, m.entity, m.rowId, m.field, m.value, m.hlc, false);
      applied++;
    }
    if (latest) ctx.clock.receive(latest);
    const waiting = settleInbox(ctx, rows);
    writeCursor(ctx, cursor);
    return { applied, ignored, waiting };
  });
}

/** One row's winning fields (`hlc` kept for the inbox), and whether some of them wait in the inbox already. */
interface StagedRow {
  entity: string;
  rowId: string;
  fields: Map<string, { value: string | null; hlc: string }>;
  inInbox: boolean;
}

function stageField(rows: Map<string, StagedRow>, entity: string, rowId: string, field: string, value: string | null, hlc: string, inInbox: boolean): void {
  const key = `${entity}\u0000${rowId}`;
  let row = rows.get(key);
  if (!row) {
    row = { entity, rowId, fields: new Map(), inInbox };
    rows.set(key, row);
  }
  row.inInbox ||= inInbox;
  // A field of the page won against the clock the inbox's value had set: the page's is newer.
  if (!inInbox || !row.fields.has(field)) row.fields.set(field, { value, hlc });
}

/**
 * Writes every row that can be written (the page's, and those waiting from earlier pages), until a
 * pass makes no progress; what cannot be written yet (a row cut across pages, a child before its
 * parent) waits in `sync_inbox`. Returns the rows left waiting.
 */
function settleInbox(ctx: AppContext, rows: Map<string, StagedRow>): number {
  const { sqlite } = ctx.store;
  const inbox = prepared(sqlite, 'SELECT entity, row_id AS rowId, field, value, hlc FROM sync_inbox').all() as { entity: string; rowId: string; field: string; value: string | null; hlc: string }[];
  for (const s of inbox) stageField(rows, s.entity, s.rowId, s.field, s.value, s.hlc, true);
  const families = new Set<string>();
  // Each pass writes the rows whose parents are here, so passes end; a row may need several (a
  // document waits for its request, its child, its family; a family for another family's
  // renumbering by the server).
  let left = [...rows.values()];
  for (;;) {
    const next = left.filter((row) => !writeRow(ctx, row, families));
    if (next.length === 0 || next.length === left.length) {
      left = next;
      break;
    }
    left = next;
  }
  const stage = prepared(
    sqlite,
    'INSERT INTO sync_inbox (entity, row_id, field, value, hlc) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value, hlc = excluded.hlc',
  );
  for (const row of left) for (const [field, f] of row.fields) stage.run(row.entity, row.rowId, field, f.value, f.hlc);
  for (const familyId of families) reindexFamily(ctx, familyId);
  return left.length;
}

/**
 * One row's fields written (and unstaged), or false when the row cannot be written yet. Each write
 * is one statement: a refused one changes nothing (SQLite undoes the statement, not the page).
 */
function writeRow(ctx: AppContext, row: StagedRow, families: Set<string>): boolean {
  const { sqlite } = ctx.store;
  const { entity, rowId } = row;
  const pk = PRIMARY_KEY[entity] ?? 'id';
  const familyColumn = FAMILY_OF[entity];
  const familyOf = (): string | undefined => {
    if (!familyColumn) return undefined;
    if (familyColumn === pk) return rowId;
    return (prepared(sqlite, `SELECT ${familyColumn} AS f FROM ${entity} WHERE ${pk} = ?`).get(rowId) as { f: string } | undefined)?.f;
  };
  try {
    if (row.fields.get(TOMBSTONE_FIELD)?.value === 'true') {
      const family = familyOf();
      prepared(sqlite, `DELETE FROM ${entity} WHERE ${pk} = ?`).run(rowId);
      if (family && entity !== 'families') families.add(family);
    } else {
      const columns = [...row.fields.keys()].filter((f) => f !== TOMBSTONE_FIELD);
      const values = columns.map((f) => bindable(row.fields.get(f)!.value));
      const exists = prepared(sqlite, `SELECT 1 FROM ${entity} WHERE ${pk} = ?`).get(rowId) !== undefined;
      if (exists && columns.length > 0) {
        prepared(sqlite, `UPDATE ${entity} SET ${columns.map((f) => `${f} = ?`).join(', ')} WHERE ${pk} = ?`).run(...values, rowId);
      } else if (!exists) {
        prepared(sqlite, `INSERT INTO ${entity} (${pk}, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(rowId, ...values);
      }
      const family = familyOf();
      if (family) families.add(family);
    }
  } catch (error) {
    // Missing required fields or parent: wait for them. Anything else is a real fault.
    if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) return false;
    throw error;
  }
  if (row.inInbox) prepared(sqlite, 'DELETE FROM sync_inbox WHERE entity = ? AND row_id = ?').run(entity, rowId);
  return true;
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
