import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
  },
  (t) => [index('desks_name').on(t.name)],
);

/** The (entity, field) pairs whose values the conflict detection looks up, on their first characters. */
export const VALUE_LOOKUPS = [
  ['children', 'birth_date'],
  ['payment_allocations', 'invoice_id'],
  ['families', 'dossier_number'],
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
