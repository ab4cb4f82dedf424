import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
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
 * The rows as the desks have them, merged from `sync_messages` (last writer wins per field, by
 * clock, as every desk merges): what the family pages read (issue 11). `data` holds each field's
 * value (JSON), `clocks` each field's clock; a deleted row keeps only its tombstone. Written in the
 * transaction that stores the messages (portal/sync/replica.ts), never elsewhere.
 */
export const replicaRows = pgTable(
  'replica_rows',
  {
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    clocks: jsonb('clocks').$type<Record<string, string>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.rowId] }),
    index('replica_rows_family').on(t.entity, sql`(${t.data}->>'family_id')`),
    index('replica_rows_child').on(t.entity, sql`(${t.data}->>'child_id')`),
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

/* ---------- Mon Espace Famille (issue 11): the parents' accounts, on the server only ---------- */

/**
 * A parent's espace. The e-mail is the login (stored lower-cased, unique). It is `pending` until
 * the activation link is used; `familyId` names the family file once an agent has validated the
 * link (never set from a name). Failed logins slow the next attempts (`lockedUntil`).
 */
export const familyAccounts = pgTable(
  'family_accounts',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    phone: text('phone'),
    status: text('status', { enum: ['pending', 'active', 'disabled'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    familyId: text('family_id'),
    /** The latest request to link the espace to a family file (a desk's `requests` row, type `account_link`). */
    linkRequestId: text('link_request_id'),
  },
  (t) => [unique('family_accounts_email').on(t.email), index('family_accounts_family').on(t.familyId)],
);

/**
 * Links sent by e-mail (activation, new password, new e-mail address): single use, expiring, only
 * their SHA-256 stored — a copy of the database opens no espace.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    hash: text('hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => familyAccounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['activation', 'reset', 'email'] }).notNull(),
    /** For `email`: the address to confirm. */
    newEmail: text('new_email'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('account_tokens_account').on(t.accountId, t.kind)],
);

/**
 * Browser sessions of the family pages, server side: the cookie holds a random secret, the table
 * its SHA-256. A visitor gets one before logging in (it carries the forms' CSRF token); logging in
 * replaces it by a new one. Idle and absolute expiry are checked on every request.
 */
export const familySessions = pgTable(
  'family_sessions',
  {
    hash: text('hash').primaryKey(),
    accountId: text('account_id').references(() => familyAccounts.id, { onDelete: 'cascade' }),
    csrf: text('csrf').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('family_sessions_account').on(t.accountId), index('family_sessions_expiry').on(t.expiresAt)],
);

/** Counters of the rate limits (per IP, per account, per e-mail), by fixed window: in the database, shared by every process. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window').on(t.windowStart)],
);

/**
 * E-mails to send: written in the transaction of what they tell, sent after by the mail job (SMTP,
 * or an `.eml` file in development), retried when the transport fails. A request never waits for
 * a mail server, and answers in the same time whether a mail goes or not.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
  },
  (t) => [index('mail_outbox_due').on(t.nextAttemptAt).where(sql`${t.sentAt} IS NULL`)],
);
