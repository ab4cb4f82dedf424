import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONFLICT_KINDS } from '../../shared/contract/conflicts.js';

/**
 * The desktop store (DESIGN.md § Data and storage). Ids are random UUIDs so that records made
 * on different desktops never collide when they meet at the hub. Calendar dates are `YYYY-MM-DD`
 * text; timestamps UTC ISO-8601 text; money integer cents.
 */

export const schools = sqliteTable(
  'schools',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['maternelle', 'elementaire', 'polyvalente'] }).notNull(),
    address: text('address').notNull(),
    headName: text('head_name'),
    updatedAt: text('updated_at').notNull(),
    /** ISO weekdays with catering at this school, "1,2,3,4,5" (billing: served days). */
    serviceWeekdays: text('service_weekdays').notNull().default('1,2,3,4,5'),
    /** The day the school closed (kept for history and invoices; takes no new child); null = open. */
    closedOn: text('closed_on'),
  },
  // A name designates one school (pickers, and the families CSV matches a school by name).
  (t) => [uniqueIndex('schools_name_unique').on(t.name)],
);

export const families = sqliteTable(
  'families',
  {
    id: text('id').primaryKey(),
    dossierNumber: integer('dossier_number').notNull(),
    familyName: text('family_name').notNull(),
    status: text('status', { enum: ['pending', 'active', 'radiated', 'archived'] }).notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /**
     * The day after which the purge may erase the file (`YYYY-MM-DD`), set by every path into
     * « radié » or « archivé » (families/lifecycle.ts); null while the file is in use.
     */
    purgeAfter: text('purge_after'),
  },
  (t) => [
    uniqueIndex('families_dossier_number_unique').on(t.dossierNumber),
    index('families_purge_idx').on(t.status, t.purgeAfter),
    index('families_status_name_idx').on(t.status, t.familyName),
    index('families_name_idx').on(t.familyName, t.dossierNumber),
  ],
);

export const guardians = sqliteTable(
  'guardians',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    rank: integer('rank').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    isPayer: integer('is_payer', { mode: 'boolean' }).notNull(),
    email: text('email'),
    phoneMobile: text('phone_mobile'),
    phoneHome: text('phone_home'),
    phoneWork: text('phone_work'),
    /** Own address when the guardian does not live at the family's (shared custody). */
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code'),
    city: text('city'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('guardians_family_rank_unique').on(t.familyId, t.rank)],
);

export const children = sqliteTable(
  'children',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: text('birth_date').notNull(),
    schoolId: text('school_id').references(() => schools.id),
    className: text('class_name'),
    enrolledFrom: text('enrolled_from').notNull(),
    enrolledTo: text('enrolled_to'),
    dietNeed: text('diet_need', { enum: ['none', 'no_meat', 'pai'] }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('children_family_idx').on(t.familyId), index('children_school_idx').on(t.schoolId)],
);

/** Rhythm history: each entry holds from `effective_from` until the next one. */
export const rhythms = sqliteTable(
  'rhythms',
  {
    id: text('id').primaryKey(),
    childId: text('child_id')
      .notNull()
      .references(() => children.id),
    weekdays: text('weekdays').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('rhythms_child_idx').on(t.childId, t.effectiveFrom)],
);

/** Quotient familial history; the tranche follows the grid in force when recorded. */
export const qfRecords = sqliteTable(
  'qf_records',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    value: integer('value').notNull(),
    tranche: integer('tranche').notNull(),
    proofReceivedOn: text('proof_received_on'),
    validFrom: text('valid_from').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('qf_family_idx').on(t.familyId, t.validFrom)],
);

/** Requests (demandes); filled by the requests issue, counted on the dashboard already. */
export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id').references(() => families.id),
    childId: text('child_id').references(() => children.id),
    type: text('type', { enum: ['refund', 'rhythm', 'radiation', 'correction', 'contact', 'account_link'] }).notNull(),
    status: text('status', { enum: ['received', 'in_review', 'missing_documents', 'accepted', 'refused', 'done'] }).notNull(),
    /** Where the request was made: at a desk, or on Mon Espace Famille (written by the server, synced). */
    source: text('source', { enum: ['desk', 'portal'] }).notNull().default('desk'),
    receivedOn: text('received_on').notNull(),
    handledBy: text('handled_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Per type (JSON): refund absence and pieces, rhythm weekdays, radiation move, correction text. */
    details: text('details').notNull().default('{}'),
    /** The pieces still missing (JSON array of French labels) while `missing_documents`. */
    missingPieces: text('missing_pieces'),
    /** The decision (JSON), with the rule's verdict when there is one. */
    decision: text('decision'),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    /** What the letter to the family says (the agent's note). */
    letterNote: text('letter_note'),
  },
  (t) => [index('requests_status_idx').on(t.status), index('requests_family_idx').on(t.familyId, t.receivedOn)],
);

/** Files under the data folder, named by the program, indexed with their SHA-256. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id').references(() => families.id),
    childId: text('child_id').references(() => children.id),
    kind: text('kind').notNull(),
    storedName: text('stored_name').notNull().unique(),
    originalName: text('original_name'),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    isHealth: integer('is_health', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    /** The request the piece was given with (a medical certificate for a refund). */
    requestId: text('request_id').references(() => requests.id),
    /** The document key a health document is encrypted under (its file's header says it too); null: the first format, under the first key. */
    keyId: text('key_id'),
    /**
     * SHA-256 of the stored file as it travels between desks (the encrypted file of a health
     * document, the piece itself otherwise): its address on the server. Null for the generated
     * PDFs, which stay on the desk that made them (regenerated from the synced rows elsewhere).
     */
    blobSha256: text('blob_sha256'),
  },
  (t) => [index('documents_family_idx').on(t.familyId), index('documents_request_idx').on(t.requestId), index('documents_key_idx').on(t.keyId)],
);

/**
 * The keys that encrypt health documents (services/keys/): their ids and, once the recovery code
 * exists, each key wrapped for it — never the key itself, which each desk keeps in its own vault.
 * Local to this desk's store (not synced).
 */
export const documentKeys = sqliteTable('document_keys', {
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  /** JSON: the key sealed for the recovery code's public key; null until a recovery code exists. */
  recoveryWrap: text('recovery_wrap'),
  /** 1 for the key new documents are encrypted under (one at most). */
  isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(false),
  /** 1 for the single key of the first versions: it reads the files without a header (`key_id` null). */
  isLegacy: integer('is_legacy', { mode: 'boolean' }).notNull().default(false),
});

/** The recovery code's public half and how the code is stretched (one row at most, id 1). */
export const documentKeyRecovery = sqliteTable('document_key_recovery', {
  id: integer('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  /** JSON: scrypt parameters and salt. */
  kdf: text('kdf').notNull(),
  /** Base64 of the X25519 public key derived from the code. */
  publicKey: text('public_key').notNull(),
});

/**
 * Sync, on this desk only: the documents' contents the server is known to hold (sent from here,
 * or fetched from it), by their SHA-256. Any other content of a synced document is uploaded after
 * the next push.
 */
export const serverBlobs = sqliteTable('server_blobs', {
  sha256: text('sha256').primaryKey(),
  knownAt: text('known_at').notNull(),
});

/** Who did what, when, with the before and after (JSON). Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    familyId: text('family_id'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_family_idx').on(t.familyId, t.at)],
);

/**
 * One row while the purge anonymises audit entries, set and cleared inside the purge's own
 * transaction: the audit's triggers refuse every UPDATE and DELETE of `audit_log` unless this row
 * exists, and even then allow only the erasure of `before` and `after`.
 */
export const purgeInProgress = sqliteTable('purge_in_progress', {
  id: integer('id').primaryKey(),
  startedAt: text('started_at').notNull(),
});

/** Sync outbox (DESIGN.md § Sync): one message per changed field, written with the change. */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    hlc: text('hlc').notNull(),
    node: text('node').notNull(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    value: text('value'),
    sentAt: text('sent_at'),
  },
  (t) => [index('outbox_unsent_idx').on(t.sentAt, t.seq)],
);

/** Key/value settings of this desktop: node id, last HLC, first-start choice. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});


/**
 * What the family list shows for each file, kept beside the search index by the same write, so
 * that listing 10,000 files is one indexed read and no per-row joins.
 */
export const familySummaries = sqliteTable('family_summaries', {
  familyId: text('family_id')
    .primaryKey()
    .references(() => families.id),
  guardians: text('guardians').notNull(),
  children: text('children').notNull(),
  childCount: integer('child_count').notNull(),
  email: text('email'),
  phone: text('phone'),
});

/* ---------- calendar, tariffs, billing (issue 3) ---------- */

/** A school year: « 2025-2026 », from the first to the last school day (both included). */
export const schoolYears = sqliteTable('school_years', {
  id: text('id').primaryKey(),
  label: text('label').notNull().unique(),
  firstDay: text('first_day').notNull(),
  lastDay: text('last_day').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** School holidays of zone C (days without school, both ends included). */
export const holidays = sqliteTable(
  'holidays',
  {
    id: text('id').primaryKey(),
    schoolYearId: text('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    label: text('label').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('holidays_year_idx').on(t.schoolYearId, t.fromDate)],
);

/** Days a school's catering did not run: not billed, credited when already billed. */
export const closures = sqliteTable(
  'closures',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    date: text('date').notNull(),
    kind: text('kind', { enum: ['strike', 'trip', 'closure'] }).notNull(),
    label: text('label'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('closures_school_date_unique').on(t.schoolId, t.date), index('closures_date_idx').on(t.date)],
);

/** Per-meal price of each tranche (1–10) for a school year; QF upper bound in euros (null for 10). */
export const tariffGrids = sqliteTable(
  'tariff_grids',
  {
    id: text('id').primaryKey(),
    schoolYearId: text('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    tranche: integer('tranche').notNull(),
    qfUpperBound: integer('qf_upper_bound'),
    unitPriceCents: integer('unit_price_cents').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tariff_grids_year_tranche_unique').on(t.schoolYearId, t.tranche)],
);

/** Two-month billing periods; editable until issued (`issued_at`). */
export const billingPeriods = sqliteTable(
  'billing_periods',
  {
    id: text('id').primaryKey(),
    schoolYearId: text('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    label: text('label').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    issueDate: text('issue_date').notNull(),
    /** Paris local time, `YYYY-MM-DDTHH:mm`. */
    onlinePaymentOpensAt: text('online_payment_opens_at').notNull(),
    dueDate: text('due_date').notNull(),
    issuedAt: text('issued_at'),
    /** The result of the issue run (JSON), returned as is when the run is asked again. */
    issueSummary: text('issue_summary'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('billing_periods_start_idx').on(t.startDate)],
);

/** Unbroken numbering per calendar year and kind (F… invoices, A… credit notes, R… receipts). */
export const numberSeries = sqliteTable(
  'number_series',
  {
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['invoice', 'credit_note', 'receipt'] }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.kind] })],
);

/** Invoices and credit notes: never deleted nor edited once issued (only `status` changes). */
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    year: integer('year').notNull(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    periodId: text('period_id').references(() => billingPeriods.id),
    kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull(),
    payerName: text('payer_name').notNull(),
    /** JSON {line1, line2, postalCode, city}. */
    payerAddress: text('payer_address').notNull(),
    tranche: integer('tranche').notNull(),
    /** The QF (euros) the tranche comes from; null without a proof in force (tranche 10). */
    qfValue: integer('qf_value'),
    totalCents: integer('total_cents').notNull(),
    issuedOn: text('issued_on').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['issued', 'cancelled'] }).notNull(),
    cancelsInvoiceId: text('cancels_invoice_id'),
    reason: text('reason'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('invoices_family_idx').on(t.familyId, t.issuedOn), index('invoices_period_idx').on(t.periodId, t.familyId)],
);

export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    childId: text('child_id').references(() => children.id),
    /** The child's school and the period when billed: closure credits find billed days by them. */
    schoolId: text('school_id'),
    periodId: text('period_id'),
    kind: text('kind', { enum: ['meals', 'closure_credit', 'refund_credit', 'radiation_credit', 'adjustment'] }).notNull(),
    label: text('label').notNull(),
    /** JSON array of `YYYY-MM-DD`: the days billed (or credited). */
    days: text('days').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId, t.position),
    index('invoice_lines_period_school_idx').on(t.periodId, t.schoolId),
    // Credit lines only (a billing run checks that a day is never credited twice); meals lines,
    // 12,000 per run, stay out of it.
    index('invoice_lines_credit_idx').on(t.childId, t.kind).where(sql`kind <> 'meals'`),
  ],
);

/**
 * Credits waiting for the next invoice of a family (refunds and radiations of issue 4, manual
 * adjustments): `kind` is the line kind, `amount_cents` the line's amount (negative for a credit).
 */
export const pendingCredits = sqliteTable(
  'pending_credits',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    childId: text('child_id').references(() => children.id),
    kind: text('kind', { enum: ['refund_credit', 'radiation_credit', 'adjustment'] }).notNull(),
    days: text('days').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    createdAt: text('created_at').notNull(),
    appliedInvoiceId: text('applied_invoice_id').references(() => invoices.id),
  },
  (t) => [index('pending_credits_family_idx').on(t.familyId, t.appliedInvoiceId)],
);

/** Money received; never deleted (a mistake is cancelled, with its reason). */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    receiptNumber: text('receipt_number').notNull().unique(),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id),
    method: text('method', { enum: ['cheque', 'cash', 'transfer', 'sepa', 'card', 'payfip'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    receivedOn: text('received_on').notNull(),
    bank: text('bank'),
    chequeNumber: text('cheque_number'),
    reference: text('reference'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** The request as first received (JSON), to tell a retry from a different payment. */
    requestFingerprint: text('request_fingerprint').notNull(),
    status: text('status', { enum: ['valid', 'cancelled'] }).notNull(),
    cancelReason: text('cancel_reason'),
    cancelledAt: text('cancelled_at'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('payments_family_idx').on(t.familyId, t.receivedOn)],
);

/**
 * Money applied to an invoice: from a payment, or from a credit note's credit (an « avoir » of a
 * billing run). Released (never deleted) when the payment or the invoice is cancelled.
 */
export const paymentAllocations = sqliteTable(
  'payment_allocations',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id').references(() => payments.id),
    creditNoteId: text('credit_note_id').references(() => invoices.id),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amountCents: integer('amount_cents').notNull(),
    createdAt: text('created_at').notNull(),
    releasedAt: text('released_at'),
  },
  (t) => [
    index('payment_allocations_invoice_idx').on(t.invoiceId),
    index('payment_allocations_payment_idx').on(t.paymentId),
    index('payment_allocations_credit_idx').on(t.creditNoteId),
  ],
);

/**
 * Staff accounts (issue 9): who logs in at the desk, with which roles. Written through the record
 * writer like any record (audit + outbox), so that they sync once the server exists — the server
 * then becomes the authority for accounts. `roles` is a JSON list of role names; the password hash
 * (argon2id, PHC string) never leaves the services in an answer nor in the audit.
 */
export const staffAccounts = sqliteTable(
  'staff_accounts',
  {
    id: text('id').primaryKey(),
    /** The « identifiant » typed at login: lower case, unique. */
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    /** The separate permission for health documents (« Documents de santé »). */
    healthPermission: integer('health_permission', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    passwordHash: text('password_hash').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    lastLoginAt: text('last_login_at'),
  },
  (t) => [uniqueIndex('staff_accounts_login_unique').on(t.login)],
);

/**
 * Sync, on this desk only: the clock of each field's current value (last writer wins per field:
 * a remote value older than this one is not applied), written by `record()` and by the applying
 * of pulled messages.
 */
export const syncFieldClocks = sqliteTable(
  'sync_field_clocks',
  {
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.rowId, t.field] })],
);

/**
 * Pulled fields of rows that cannot be written yet (a row whose other fields or parent are in a
 * later page): kept here and written as soon as the row is complete.
 */
export const syncInbox = sqliteTable(
  'sync_inbox',
  {
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    value: text('value'),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.rowId, t.field] })],
);

/**
 * Business conflicts that last-writer-wins would hide (issue 10): detected and written by the
 * server as ordinary sync messages, so every desk holds the same list; an agent chooses one
 * version (`chosen`, its index in `versions`) and the choice travels back like any change.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: CONFLICT_KINDS }).notNull(),
    /** The row in conflict: a request, an invoice, a child, a family. */
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    /** JSON array of `ConflictVersion` (shared/contract/conflicts.ts). */
    versions: text('versions').notNull(),
    detectedAt: text('detected_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    chosen: integer('chosen'),
  },
  (t) => [index('sync_conflicts_open_idx').on(t.resolvedAt, t.detectedAt)],
);
