import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The desktop store (DESIGN.md § Data and storage). Ids are random UUIDs so that records made
 * on different desktops never collide when they meet at the hub. Calendar dates are `YYYY-MM-DD`
 * text; timestamps UTC ISO-8601 text; money integer cents.
 */

export const schools = sqliteTable('schools', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['maternelle', 'elementaire', 'polyvalente'] }).notNull(),
  address: text('address').notNull(),
  headName: text('head_name'),
  updatedAt: text('updated_at').notNull(),
});

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
  },
  (t) => [
    uniqueIndex('families_dossier_number_unique').on(t.dossierNumber),
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
    type: text('type').notNull(),
    status: text('status').notNull(),
    receivedOn: text('received_on').notNull(),
    handledBy: text('handled_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('requests_status_idx').on(t.status)],
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
  },
  (t) => [index('documents_family_idx').on(t.familyId)],
);

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
