import { z } from 'zod';

/**
 * The sync protocol between a desk and the central server (issue 10; DESIGN.md « Sync »). A
 * message is one field of one row, stamped with the hybrid logical clock of the desk that wrote
 * it; the server keeps them in arrival order (its sequence number is the pull cursor).
 */

/**
 * The protocol's version, sent with every push and pull: the desk's number of migrations plus
 * `SYNC_PROTOCOL_REVISIONS`, the changes of what messages carry or mean that came without a desk
 * migration. A desk and a server agree on the entities, fields and conflicts below for the same
 * version; a desk newer than the server is refused, a desk older than `SYNC_MIN_SCHEMA_VERSION` is
 * told to update (tests/unit/sync-entities.test.ts checks both against the desk's migrations).
 */
export const SYNC_SCHEMA_VERSION = 18;
/**
 * 1: the purge's `_erased` mark and the `guardian_rank` conflict (2 December 2026). A desk before
 * it would not erase on the server nor show the conflict: the minimum follows it.
 */
export const SYNC_PROTOCOL_REVISIONS = 1;
/**
 * 18: `requests.source` and the `account_link` type, written by the server for Mon Espace Famille
 * (desk migration 0016). A desk before it would know neither the column nor the type.
 */
export const SYNC_MIN_SCHEMA_VERSION = 18;

/**
 * What travels: each synced table (its name in the desk's store) and its fields, `id` excepted
 * (it is the message's row). `_deleted` (a tombstone) and `_erased` (a purge's mark) are valid for every entity. Local tables
 * (outbox, audit, summaries, number series kept by the server) are not here. The document keys'
 * rows travel (their ids, flags, and each key wrapped for the recovery code — never a key in
 * clear); a document's file travels apart, by its `blob_sha256` (shared/contract/sync-documents.ts).
 */
export const SYNC_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  billing_periods: ['school_year_id', 'label', 'start_date', 'end_date', 'issue_date', 'online_payment_opens_at', 'due_date', 'issued_at', 'issue_summary', 'updated_at'],
  children: ['family_id', 'last_name', 'first_name', 'birth_date', 'school_id', 'class_name', 'enrolled_from', 'enrolled_to', 'diet_need', 'updated_at'],
  closures: ['school_id', 'date', 'kind', 'label', 'created_at', 'created_by'],
  document_key_recovery: ['created_at', 'created_by', 'kdf', 'public_key'],
  document_keys: ['created_at', 'created_by', 'recovery_wrap', 'is_current', 'is_legacy'],
  documents: ['family_id', 'child_id', 'kind', 'stored_name', 'original_name', 'mime', 'size', 'sha256', 'is_health', 'created_at', 'created_by', 'request_id', 'key_id', 'blob_sha256'],
  families: ['dossier_number', 'family_name', 'status', 'address_line1', 'address_line2', 'postal_code', 'city', 'notes', 'created_at', 'updated_at', 'purge_after'],
  guardians: ['family_id', 'rank', 'last_name', 'first_name', 'is_payer', 'email', 'phone_mobile', 'phone_home', 'phone_work', 'address_line1', 'address_line2', 'postal_code', 'city', 'updated_at'],
  holidays: ['school_year_id', 'label', 'from_date', 'to_date', 'updated_at'],
  invoice_lines: ['invoice_id', 'position', 'child_id', 'school_id', 'period_id', 'kind', 'label', 'days', 'quantity', 'unit_price_cents', 'amount_cents'],
  invoices: ['number', 'year', 'family_id', 'period_id', 'kind', 'payer_name', 'payer_address', 'tranche', 'qf_value', 'total_cents', 'issued_on', 'due_date', 'status', 'cancels_invoice_id', 'reason', 'created_at'],
  payment_allocations: ['payment_id', 'credit_note_id', 'invoice_id', 'amount_cents', 'created_at', 'released_at'],
  payments: ['receipt_number', 'family_id', 'method', 'amount_cents', 'received_on', 'bank', 'cheque_number', 'reference', 'idempotency_key', 'request_fingerprint', 'status', 'cancel_reason', 'cancelled_at', 'created_at', 'created_by'],
  pending_credits: ['family_id', 'child_id', 'kind', 'days', 'unit_price_cents', 'amount_cents', 'reason', 'created_at', 'applied_invoice_id'],
  qf_records: ['family_id', 'value', 'tranche', 'proof_received_on', 'valid_from', 'created_at'],
  requests: ['family_id', 'child_id', 'type', 'status', 'source', 'received_on', 'handled_by', 'created_at', 'updated_at', 'details', 'missing_pieces', 'decision', 'decided_at', 'decided_by', 'letter_note'],
  rhythms: ['child_id', 'weekdays', 'effective_from', 'created_at', 'created_by'],
  school_years: ['label', 'first_day', 'last_day', 'updated_at'],
  schools: ['code', 'name', 'kind', 'address', 'head_name', 'updated_at', 'service_weekdays', 'closed_on'],
  settings: ['key', 'value'],
  sync_conflicts: ['kind', 'entity', 'row_id', 'versions', 'detected_at', 'resolved_at', 'resolved_by', 'chosen'],
  staff_accounts: ['login', 'display_name', 'roles', 'health_permission', 'active', 'password_hash', 'created_at', 'updated_at', 'last_login_at'],
  tariff_grids: ['school_year_id', 'tranche', 'qf_upper_bound', 'unit_price_cents', 'updated_at'],
};

/** A row's deletion (`true`): final on every desk (main/services/sync/apply.ts). Valid for every entity. */
export const TOMBSTONE_FIELD = '_deleted';
/**
 * A purge's mark on a row (`true`), sent after the row's tombstone or anonymisation: the server
 * erases what it holds of the row's earlier values (portal/sync/erasure.ts). Valid for every
 * entity; desks ignore it.
 */
export const ERASED_FIELD = '_erased';

/** A push is at most this many messages, and at most `MAX_PUSH_BYTES` of JSON. */
const MAX_PUSH_MESSAGES = 1000;
export const MAX_PUSH_BYTES = 1024 * 1024;
/** A desk's clock may be this far ahead of the server's, no more. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

/** A desk's node, or `server` for what the server writes itself (business conflicts, renumbered files). */
export const SERVER_NODE = 'server';

const HLC = /^\d{15}-[0-9a-f]{4}-[0-9a-z]{1,32}$/;

export const syncMessage = z
  .object({
    id: z.string().regex(/^[0-9a-f-]{36}$/, { error: 'Identifiant de message invalide.' }),
    hlc: z.string().regex(HLC, { error: 'Horloge de message invalide.' }),
    node: z.string().regex(/^[0-9a-z]{1,32}$/, { error: 'Nœud invalide.' }),
    entity: z.string().max(64),
    rowId: z.string().min(1).max(128),
    field: z.string().max(64),
    /** The value as JSON text (`null` for SQL NULL). */
    value: z
      .string()
      .max(200_000)
      .refine(isJson, { error: 'Valeur de message illisible (JSON attendu).' })
      .nullable(),
  })
  .strict()
  .superRefine((m, context) => {
    const fields = SYNC_ENTITIES[m.entity];
    if (!fields) context.addIssue({ code: 'custom', path: ['entity'], message: `Entité inconnue du serveur\u00a0: «\u00a0${m.entity}\u00a0».` });
    else if (m.field !== TOMBSTONE_FIELD && m.field !== ERASED_FIELD && !fields.includes(m.field)) {
      context.addIssue({ code: 'custom', path: ['field'], message: `Champ inconnu du serveur\u00a0: «\u00a0${m.entity}.${m.field}\u00a0».` });
    }
  });
export type SyncMessage = z.infer<typeof syncMessage>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const pushRequest = z
  .object({
    schemaVersion: z.number().int().min(1),
    /** The desk's pull cursor: what it had seen of the others (business conflicts are concurrent writes beyond it). */
    cursor: z.number().int().min(0),
    messages: z.array(syncMessage).max(MAX_PUSH_MESSAGES, { error: `${MAX_PUSH_MESSAGES} messages au plus par envoi.` }),
  })
  .strict();
export const pushResponse = z.object({ accepted: z.number(), duplicates: z.number(), serverTime: z.string() });

/** A pull page is at most this many messages: few round trips for a new desk's first sync. */
export const MAX_PULL_MESSAGES = 5000;

export const pullQuery = z
  .object({
    /** The desk's `SYNC_SCHEMA_VERSION` (a desk from before it sends none: 0, told to update). */
    schemaVersion: z.coerce.number().int().min(0).default(0),
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_MESSAGES).default(MAX_PULL_MESSAGES),
    /** `1`: this desk's own messages too (a desk restored from a backup takes back what it had sent since). */
    own: z.enum(['0', '1']).default('0'),
  })
  .strict();
export const pullResponse = z.object({
  messages: z.array(z.object({ seq: z.number(), id: z.string(), hlc: z.string(), node: z.string(), entity: z.string(), rowId: z.string(), field: z.string(), value: z.string().nullable() })),
  /** The cursor to give next time (the last message's sequence, or `after` when none). */
  cursor: z.number(),
  more: z.boolean(),
  /** The server's latest sequence number: how far the desk is, for the progress of a long pull. */
  latest: z.number(),
});
export type PullResponse = z.infer<typeof pullResponse>;
