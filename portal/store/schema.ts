import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { SERVER_SERIES } from '../../shared/contract/numbers.js';

/**
 * The server's tables (PostgreSQL: embedded PGlite or a real server). Everything stateful lives
 * here, never in a process's memory, so that two portal processes on one database act as one.
 */

/** A staff desk known to the server: enrolled once with a one-time code, then by its credential. */
export const desks = pgTable(
  'desks',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').notNull(),
    /** SHA-256 of the one-time enrolment code; null once used. */
    enrolmentCodeHash: text('enrolment_code_hash').unique(),
    enrolmentExpiresAt: timestamp('enrolment_expires_at', { withTimezone: true, mode: 'date' }),
    /** SHA-256 of the desk's credential (the credential itself is only ever on the desk). */
    credentialHash: text('credential_hash').unique(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true, mode: 'date' }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** The desk's short number (1, 2, …), given at enrolment: its own receipt book « R2026-03-… ». */
    number: integer('number').unique(),
  },
  (t) => [index('desks_name').on(t.name)],
);

/** The (entity, field) pairs whose values the conflict detection looks up, on their first characters. */
export const VALUE_LOOKUPS = [
  ['children', 'birth_date'],
  ['payment_allocations', 'invoice_id'],
  ['families', 'dossier_number'],
  ['guardians', 'family_id'],
  ['pending_credits', 'child_id'],
] as const;
export const LOOKUP_CHARS = 100;

/**
 * Every message pushed by a desk, once (by its id), in arrival order: `seq` is the pull cursor.
 * Pushes are serialised (an advisory lock) so that sequence order is commit order and a pull never
 * passes over a message committed later with a smaller number.
 */
export const syncMessages = pgTable(
  'sync_messages',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull().unique(),
    deskId: text('desk_id').notNull(),
    hlc: text('hlc').notNull(),
    node: text('node').notNull(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    value: text('value'),
    schemaVersion: integer('schema_version').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('sync_messages_row').on(t.entity, t.rowId, t.field),
    // Business conflicts look rows up by value (portal/sync/conflicts.ts): partial indexes, so
    // that other messages pay nothing; `left()` keeps an oversized value from breaking a push.
    ...VALUE_LOOKUPS.map(([entity, field]) =>
      index(`sync_messages_${entity}_${field}`)
        .on(sql`left(${t.value}, ${sql.raw(String(LOOKUP_CHARS))})`)
        .where(sql`${t.entity} = ${sql.raw(`'${entity}'`)} AND ${t.field} = ${sql.raw(`'${field}'`)}`),
    ),
  ],
);

/**
 * Invoice and credit-note numbers are the server's (issue 10 § 2): a desk reserves an unbroken
 * block of a year's series for one run, named by the run's id, before writing it. The same run
 * asks again after a crash and gets the same block. Reservations are serialised (an advisory lock)
 * so that two portal processes never give overlapping blocks.
 */
export const numberBlocks = pgTable(
  'number_blocks',
  {
    year: integer('year').notNull(),
    kind: text('kind', { enum: SERVER_SERIES }).notNull(),
    runId: text('run_id').notNull(),
    deskId: text('desk_id').notNull(),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    reservedAt: timestamp('reserved_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.kind, t.runId] }), unique('number_blocks_first').on(t.year, t.kind, t.first)],
);

/** Raw bytes (`bytea`): node-postgres answers a Buffer, PGlite a Uint8Array. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The documents' contents (uploaded pieces; health documents encrypted, as their desk stores
 * them), each once, addressed by the SHA-256 of its bytes: the server checks what it stores
 * without any key, and never reads a health document. Rows are never changed, only added.
 */
export const documentBlobs = pgTable('document_blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  content: bytes('content').notNull(),
  /** The desk that sent it first. */
  deskId: text('desk_id').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
});
