import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { decodeHlc, encodeHlc, tickHlc, type Hlc } from '../../shared/domain/hlc.js';
import type { AppContext } from '../context.js';
import { prepared } from './sql.js';

/**
 * The sync outbox for bulk writes (a billing run writes 9,000 invoices and 12,000 lines, about
 * 270,000 messages): the same messages `record()` writes — one per field of a created row (its
 * `id` excepted) or per changed field, the value as JSON — without an audit entry per row (the
 * run writes one audit entry for the whole run). Must be used inside the caller's transaction,
 * and `finish()` called before it commits.
 *
 * Two costs of `record()` are avoided, for the same result:
 * - message ids are UUIDs of version 7 (time-ordered, 42 random bits per writer, then a counter):
 *   appended at the end of the outbox's id index instead of inserted at random places, which made
 *   the run twice slower;
 * - clock values are ticked in memory (the same hybrid logical clock rule, from this desktop's
 *   clock) and the desktop clock is moved past the last one by `finish()`, instead of saving the
 *   clock in the settings at every message.
 */
export class OutboxWriter {
  private readonly insert: Database.Statement;
  private readonly setClock: Database.Statement;
  /** Multi-row INSERTs by number of rows (one per table written in bulk), with their argument array. */
  private readonly multi = new Map<number, { statement: Database.Statement; args: unknown[] }>();
  private readonly node: string;
  private last: Hlc = { millis: 0, counter: 0, node: '' };
  /** Values were given since the last `finish()` (else the next one starts from the clock). */
  private used = false;
  private readonly idPrefix: string;
  private readonly idTail: string;
  private counter = 0;
  private cachedMillis = -1;
  private cachedPrefix = '';

  constructor(private readonly ctx: AppContext) {
    this.insert = prepared(ctx.store.sqlite, 'INSERT INTO outbox (id, hlc, node, entity, row_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.setClock = prepared(ctx.store.sqlite, 'INSERT INTO sync_field_clocks (entity, row_id, field, hlc) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc');
    this.node = ctx.clock.node;
    const ms = Date.now().toString(16).padStart(12, '0').slice(-12);
    const random = randomBytes(6).toString('hex');
    // xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx: time, version 7, 3 random, variant + 3 random, 4 random + 8 counter.
    const variant = ((parseInt(random.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
    this.idPrefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-`;
    this.idTail = random.slice(7, 11);
  }

  /** Messages of a new row: every field but `id`. */
  created(entity: string, row: Readonly<Record<string, unknown>>): void {
    const rowId = row.id as string;
    for (const field in row) {
      if (field === 'id') continue;
      this.message(entity, rowId, field, row[field], false);
    }
  }

  /**
   * A changed field of an existing row: its message, and its field clock as `record()` writes it —
   * two desks changing the same field (two cancellations releasing one allocation) must agree on
   * the latest by clock, which a desk without the clock of its own change could not.
   */
  field(entity: string, rowId: string, field: string, value: unknown): void {
    this.message(entity, rowId, field, value, true);
  }

  /** One field's message; `clocked` for a change (a new row's fields need no clock: no other desk has the row yet). */
  private message(entity: string, rowId: string, field: string, value: unknown, clocked: boolean): void {
    if (!this.used) {
      // Start (or resume) after this desktop's clock: `record()` may have ticked it meanwhile.
      this.last = decodeHlc(this.ctx.clock.tick());
      this.used = true;
    }
    const hlc = this.nextHlc();
    this.insert.run(this.nextId(), hlc, this.node, entity, rowId, field, encode(value));
    if (clocked) this.setClock.run(entity, rowId, field, hlc);
  }

  /**
   * The messages of a new row given as parallel arrays (`names[0]` is `id`, skipped), in one
   * multi-row INSERT: a billing run writes 21,000 rows of 11 to 17 fields.
   */
  row(entity: string, names: readonly string[], values: readonly unknown[]): void {
    if (!this.used) {
      this.last = decodeHlc(this.ctx.clock.tick());
      this.used = true;
    }
    const count = names.length - 1;
    let multi = this.multi.get(count);
    if (!multi) {
      multi = {
        statement: prepared(
          this.ctx.store.sqlite,
          `INSERT INTO outbox (id, hlc, node, entity, row_id, field, value) VALUES ${Array(count).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        ),
        args: new Array<unknown>(count * 7),
      };
      this.multi.set(count, multi);
    }
    const { statement, args } = multi;
    const rowId = values[0];
    for (let i = 1, o = 0; i <= count; i++, o += 7) {
      args[o] = this.nextId();
      args[o + 1] = this.nextHlc();
      args[o + 2] = this.node;
      args[o + 3] = entity;
      args[o + 4] = rowId;
      args[o + 5] = names[i];
      args[o + 6] = encode(values[i]);
    }
    statement.run(args);
  }

  /** A time-ordered UUID for a row written in bulk (appended to its table's id index). */
  newId(): string {
    return this.nextId();
  }

  /**
   * Moves this desktop's clock past every value given here: call it before the commit and before
   * any `record()` in the same transaction. Writing again afterwards starts after the clock.
   */
  finish(): void {
    if (!this.used) return;
    const mine = encodeHlc(this.last);
    for (let i = 0; i < 1_000_000; i++) {
      const next = this.ctx.clock.tick();
      if (next > mine) {
        this.used = false;
        return;
      }
    }
    throw new Error('Horloge du poste bloquée\u00a0: impossible de dépasser la dernière valeur de synchronisation.');
  }

  private nextId(): string {
    const n = this.counter++;
    if (n > 0xffffffff) throw new Error('Trop de messages pour un seul lot.');
    return `${this.idPrefix}${this.idTail}${n.toString(16).padStart(8, '0')}`;
  }

  private nextHlc(): string {
    this.last = tickHlc(this.last, this.ctx.clock.wallTime());
    if (this.last.millis !== this.cachedMillis) {
      this.cachedMillis = this.last.millis;
      this.cachedPrefix = `${String(this.last.millis).padStart(15, '0')}-`;
    }
    return `${this.cachedPrefix}${this.last.counter.toString(16).padStart(4, '0')}-${this.node}`;
  }
}

/** JSON of a column value, as `record()` writes it (`JSON.stringify(value ?? null)`). */
function encode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}
