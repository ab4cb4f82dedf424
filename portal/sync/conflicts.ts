import { inArray, sql, type SQL } from 'drizzle-orm';
import type { ConflictKind, ConflictVersion } from '../../shared/contract/conflicts.js';
import { SERVER_NODE, SYNC_ENTITIES, TOMBSTONE_FIELD } from '../../shared/contract/sync.js';
import type { PortalTx } from '../store/open.js';
import { desks } from '../store/schema.js';
import { byValue, parseValue, query, unique } from './message-helpers.js';
import { refundOverlaps } from './refund-overlaps.js';
import { resolutionClashes } from './resolution-clashes.js';
import { ServerWriter } from './server-writes.js';

/**
 * Business conflicts (issue 10): what last-writer-wins per field would hide, found in the push
 * transaction from the messages themselves (the server keeps no copy of the desks' tables: it
 * pivots the fields of the rows concerned out of `sync_messages`). Concurrent means: written by
 * another desk and not yet seen by the pusher (its server sequence is above the pusher's cursor).
 *
 * - two decisions on one request;
 * - allocations to one invoice beyond its total, from two desks;
 * - one child (same names and birth date) in two families created on two desks;
 * - a dossier number already held by another family: the server gives the incoming family the
 *   next free number (one message of its own, newer than the desk's), so the row converges
 *   instead of waiting forever on the desks' UNIQUE constraint, and says so in the list;
 * - a guardian whose (family, rank) another desk's live guardian already holds (two desks added
 *   a second guardian offline): the server sets the incoming one aside (its tombstone, a message
 *   of its own), for the same reason, and lists both so that an agent may keep the other.
 *
 * Each conflict is a `sync_conflicts` row written as ordinary messages from node `server`, so
 * every desk pulls it; its id follows from what it is about, so a later push updates it.
 * A push that touches none of these entities costs one pass over its messages.
 */

interface PushedMessage {
  entity: string;
  rowId: string;
  field: string;
  hlc: string;
  value: string | null;
}

interface Push {
  deskId: string;
  cursor: number;
  messages: readonly PushedMessage[];
  now: Date;
}

const DECISION_FIELDS = ['status', 'decision', 'decided_at', 'decided_by', 'letter_note'];
const CHILD_FIELDS = ['family_id', 'last_name', 'first_name', 'birth_date'];
const ALLOCATION_FIELDS = ['invoice_id', 'payment_id', 'credit_note_id', 'amount_cents', 'created_at', 'released_at'];
/** The fields whose change may start a conflict, by entity. */
const WATCHED: Readonly<Record<string, readonly string[]>> = {
  requests: DECISION_FIELDS,
  payment_allocations: ['invoice_id', 'amount_cents', 'released_at'],
  children: CHILD_FIELDS,
  families: ['dossier_number'],
  guardians: ['family_id', 'rank', 'is_payer'],
  sync_conflicts: ['chosen'],
};
/** Every synced field of a guardian, and its tombstone. */
const GUARDIAN_FIELDS = [...SYNC_ENTITIES.guardians!, TOMBSTONE_FIELD];

interface Cell {
  value: unknown;
  raw: string | null;
  hlc: string;
  seq: number;
  deskId: string;
}
type Pivot = Map<string, Map<string, Cell>>;

/** Runs every detection on the messages just stored, and writes what it found. */
export async function detectConflicts(tx: PortalTx, push: Push): Promise<void> {
  const touched = new Map<string, Set<string>>();
  for (const m of push.messages) {
    if (!WATCHED[m.entity]?.includes(m.field)) continue;
    const rows = touched.get(m.entity) ?? new Set<string>();
    rows.add(m.rowId);
    touched.set(m.entity, rows);
  }
  if (touched.size === 0) return;
  // The server's messages: a clock above every message of the push, stored after them.
  const writer = new ServerWriter(tx, push.now, push.messages.map((m) => m.hlc));
  const found: Found[] = [];
  if (touched.has('families')) found.push(...(await renumberClashes(tx, writer, push, [...touched.get('families')!])));
  if (touched.has('guardians')) found.push(...(await guardianRankClashes(tx, writer, push, [...touched.get('guardians')!])));
  if (touched.has('requests')) found.push(...(await requestDecisions(tx, push, [...touched.get('requests')!])));
  if (touched.has('requests')) found.push(...(await refundOverlaps(tx, push)));
  if (touched.has('payment_allocations')) found.push(...(await allocationOverruns(tx, push, [...touched.get('payment_allocations')!])));
  if (touched.has('children')) found.push(...(await duplicateChildren(tx, push, [...touched.get('children')!])));
  if (touched.has('sync_conflicts')) await resolutionClashes(tx, writer, push);
  if (found.length > 0) {
    const names = await deskNames(tx, found);
    for (const conflict of found) await writeConflict(tx, writer, conflict, names);
  }
  await writer.flush();
}

/** A conflict found: versions still without their desks' names. */
interface Found {
  id: string;
  kind: ConflictKind;
  entity: string;
  rowId: string;
  versions: Omit<ConflictVersion, 'deskName'>[];
}

/* ---------- the five detections ---------- */

/** Two desks decided the same request, the other's decision unseen by the pusher. */
async function requestDecisions(tx: PortalTx, push: Push, rowIds: string[]): Promise<Found[]> {
  const concurrent = await query<{ row_id: string }>(
    tx,
    sql`SELECT DISTINCT row_id FROM sync_messages WHERE entity = 'requests' AND field = 'decided_at' AND row_id IN ${list(rowIds)}
        AND value IS NOT NULL AND value <> 'null' AND desk_id <> ${push.deskId} AND desk_id <> ${SERVER_NODE} AND seq > ${push.cursor}`,
  );
  const found: Found[] = [];
  for (const { row_id: requestId } of concurrent) {
    const byDesk = await query<{ desk_id: string; field: string; value: string | null; seq: number }>(
      tx,
      sql`SELECT DISTINCT ON (desk_id, field) desk_id, field, value, seq FROM sync_messages
          WHERE entity = 'requests' AND row_id = ${requestId} AND field IN ${list(DECISION_FIELDS)} AND desk_id <> ${SERVER_NODE}
          ORDER BY desk_id, field, hlc DESC`,
    );
    const desksSeen = new Map<string, { values: Record<string, unknown>; decidedSeq: number }>();
    for (const r of byDesk) {
      const entry = desksSeen.get(r.desk_id) ?? { values: {}, decidedSeq: 0 };
      entry.values[r.field] = parseValue(r.value);
      if (r.field === 'decided_at') entry.decidedSeq = Number(r.seq);
      desksSeen.set(r.desk_id, entry);
    }
    const decided = [...desksSeen].filter(([, v]) => v.values.decided_at !== null && v.values.decided_at !== undefined);
    const mine = decided.find(([desk]) => desk === push.deskId);
    const theirs = decided.filter(([desk, v]) => desk !== push.deskId && v.decidedSeq > push.cursor);
    if (!mine || theirs.length === 0) continue;
    const versions = [...theirs, mine]
      .sort((x, y) => x[1].decidedSeq - y[1].decidedSeq)
      .map(([deskId, v]) => ({
        deskId,
        at: typeof v.values.decided_at === 'string' ? v.values.decided_at : null,
        rows: [{ entity: 'requests', rowId: requestId, values: Object.fromEntries(DECISION_FIELDS.map((f) => [f, v.values[f] ?? null])) }],
      }))
      // Desks that wrote the same decision (two agents keeping one version of a conflict at once) do not disagree.
      .filter((v, i, all) => all.findIndex((w) => JSON.stringify(w.rows) === JSON.stringify(v.rows)) === i);
    if (versions.length < 2) continue;
    found.push({ id: `request_decision:${requestId}`, kind: 'request_decision', entity: 'requests', rowId: requestId, versions });
  }
  return found;
}

/** Allocations to one invoice, active, above its total, from two desks, one unseen by the pusher. */
async function allocationOverruns(tx: PortalTx, push: Push, rowIds: string[]): Promise<Found[]> {
  const pushed = await pivot(tx, 'payment_allocations', rowIds, ['invoice_id']);
  const invoiceValues = unique([...pushed.values()].map((f) => f.get('invoice_id')?.raw).filter((v): v is string => typeof v === 'string' && v !== 'null'));
  if (invoiceValues.length === 0) return [];
  const concurrent = await query<{ value: string }>(
    tx,
    sql`SELECT DISTINCT value FROM sync_messages WHERE entity = 'payment_allocations' AND field = 'invoice_id' AND ${byValue(invoiceValues)}
        AND desk_id <> ${push.deskId} AND seq > ${push.cursor}`,
  );
  const found: Found[] = [];
  for (const { value } of concurrent) {
    const invoiceId = parseValue(value);
    if (typeof invoiceId !== 'string') continue;
    const allocationIds = (
      await query<{ row_id: string }>(tx, sql`SELECT DISTINCT row_id FROM sync_messages WHERE entity = 'payment_allocations' AND field = 'invoice_id' AND ${byValue([value])}`)
    ).map((r) => r.row_id);
    const allocations = await pivot(tx, 'payment_allocations', allocationIds, ALLOCATION_FIELDS);
    const total = (await pivot(tx, 'invoices', [invoiceId], ['total_cents'])).get(invoiceId)?.get('total_cents')?.value;
    if (typeof total !== 'number') continue;
    const active = [...allocations].filter(([, f]) => f.get('invoice_id')?.value === invoiceId && f.get('released_at')?.value == null);
    const sum = active.reduce((s, [, f]) => s + Number(f.get('amount_cents')?.value ?? 0), 0);
    if (sum <= total) continue;
    // Each allocation belongs to the desk that created it (its `invoice_id` message).
    const byDesk = new Map<string, { seq: number; rows: [string, Map<string, Cell>][] }>();
    for (const [id, f] of active) {
      const origin = f.get('invoice_id')!;
      const entry = byDesk.get(origin.deskId) ?? { seq: origin.seq, rows: [] };
      entry.seq = Math.min(entry.seq, origin.seq);
      entry.rows.push([id, f]);
      byDesk.set(origin.deskId, entry);
    }
    const mine = byDesk.has(push.deskId);
    const theirs = [...byDesk].some(([desk, e]) => desk !== push.deskId && e.rows.some(([, f]) => f.get('invoice_id')!.seq > push.cursor));
    if (!mine || !theirs || byDesk.size < 2) continue;
    const versions = [...byDesk]
      .sort((x, y) => x[1].seq - y[1].seq)
      .map(([deskId, e]) => ({
        deskId,
        at: e.rows.map(([, f]) => f.get('created_at')?.value).filter((v): v is string => typeof v === 'string').sort()[0] ?? null,
        rows: e.rows
          .sort((x, y) => x[1].get('invoice_id')!.seq - y[1].get('invoice_id')!.seq)
          .map(([id, f]) => ({
            entity: 'payment_allocations',
            rowId: id,
            values: { invoice_id: invoiceId, ...Object.fromEntries(['payment_id', 'credit_note_id', 'amount_cents'].map((k) => [k, f.get(k)?.value ?? null])), invoice_total_cents: total },
          })),
      }));
    found.push({ id: `allocation_overrun:${invoiceId}`, kind: 'allocation_overrun', entity: 'invoices', rowId: invoiceId, versions });
  }
  return found;
}

/** The same child (names and birth date) in another family, created on another desk unseen by the pusher. */
async function duplicateChildren(tx: PortalTx, push: Push, rowIds: string[]): Promise<Found[]> {
  const pushed = complete(await pivot(tx, 'children', rowIds, CHILD_FIELDS));
  if (pushed.length === 0) return [];
  const births = unique(pushed.map(([, f]) => f.get('birth_date')!.raw!));
  const candidateIds = unique(
    (
      await query<{ row_id: string }>(
        tx,
        sql`SELECT DISTINCT row_id FROM sync_messages WHERE entity = 'children' AND field = 'birth_date' AND ${byValue(births)}
            AND desk_id <> ${push.deskId} AND desk_id <> ${SERVER_NODE} AND seq > ${push.cursor}`,
      )
    ).map((r) => r.row_id),
  );
  if (candidateIds.length === 0) return [];
  const candidates = complete(await pivot(tx, 'children', candidateIds, CHILD_FIELDS));
  const found: Found[] = [];
  const families = new Set<string>();
  const groups: [string, Map<string, Cell>][][] = [];
  for (const child of pushed) {
    const same = candidates.filter(([id, f]) => id !== child[0] && sameChild(f, child[1]) && f.get('family_id')!.value !== child[1].get('family_id')!.value);
    if (same.length === 0) continue;
    const group = [child, ...same].sort((x, y) => created(x[1]) - created(y[1]));
    groups.push(group);
    for (const [, f] of group) families.add(String(f.get('family_id')!.value));
  }
  if (groups.length === 0) return [];
  const familyFields = await pivot(tx, 'families', [...families], ['dossier_number', 'family_name', 'created_at']);
  for (const group of groups) {
    const first = group[0]!;
    const versions = group.map(([id, f]) => {
      const familyId = String(f.get('family_id')!.value);
      const family = familyFields.get(familyId);
      return {
        deskId: f.get('birth_date')!.deskId,
        at: (family?.get('created_at')?.value as string | undefined) ?? null,
        rows: [
          {
            entity: 'children',
            rowId: id,
            values: {
              ...Object.fromEntries(CHILD_FIELDS.map((k) => [k, f.get(k)!.value])),
              dossier_number: family?.get('dossier_number')?.value ?? null,
              family_name: family?.get('family_name')?.value ?? null,
            },
          },
        ],
      };
    });
    found.push({ id: `duplicate_child:${first[0]}`, kind: 'duplicate_child', entity: 'children', rowId: first[0], versions });
  }
  return found;
}

/**
 * A family pushed with a dossier number another family holds (two desks numbered offline): it gets
 * the next number free on the server, written as a message of the server's, newer than the desk's.
 */
async function renumberClashes(tx: PortalTx, writer: ServerWriter, push: Push, rowIds: string[]): Promise<Found[]> {
  // Most pushes bring numbers no other family holds: one lookup by value, and nothing more to read.
  // (A clash is on the pusher's own latest number, and that is one of the numbers it pushes.)
  const pushedNumbers = unique(push.messages.filter((m) => m.entity === 'families' && m.field === 'dossier_number' && m.value !== null).map((m) => m.value!));
  if (pushedNumbers.length === 0 || !(await heldElsewhere(tx, pushedNumbers, rowIds))) return [];
  const pushed = [...(await pivot(tx, 'families', rowIds, ['dossier_number', 'family_name', 'created_at']))].filter(([, f]) => f.get('dossier_number')?.deskId === push.deskId);
  if (pushed.length === 0) return [];
  const numbers = unique(pushed.map(([, f]) => f.get('dossier_number')!.raw).filter((v): v is string => v !== null));
  const holders = unique(
    (await query<{ row_id: string }>(tx, sql`SELECT DISTINCT row_id FROM sync_messages WHERE entity = 'families' AND field = 'dossier_number' AND ${byValue(numbers)}`)).map(
      (r) => r.row_id,
    ),
  ).filter((id) => !rowIds.includes(id));
  if (holders.length === 0) return [];
  const held = await pivot(tx, 'families', holders, ['dossier_number', 'family_name', 'created_at', TOMBSTONE_FIELD]);
  const holderOf = new Map<string | null, [string, Map<string, Cell>]>();
  for (const [id, f] of held) if (f.get(TOMBSTONE_FIELD)?.value !== true && !holderOf.has(f.get('dossier_number')?.raw ?? null)) holderOf.set(f.get('dossier_number')?.raw ?? null, [id, f]);
  const found: Found[] = [];
  let next: number | null = null;
  for (const [familyId, fields] of pushed) {
    const number = fields.get('dossier_number')!;
    const holder = holderOf.get(number.raw);
    if (!holder) continue;
    if (next === null) {
      const [row] = await query<{ n: number | null }>(
        tx,
        sql`SELECT max(CASE WHEN value ~ '^[0-9]{1,15}$' THEN value::bigint END) AS n FROM sync_messages WHERE entity = 'families' AND field = 'dossier_number'`,
      );
      next = Number(row?.n ?? 0) + 1;
    }
    const renumbered = next++;
    writer.set('families', familyId, 'dossier_number', renumbered);
    found.push({
      id: `dossier_number:${familyId}`,
      kind: 'dossier_number',
      entity: 'families',
      rowId: familyId,
      versions: [
        {
          deskId: holder[1].get('dossier_number')!.deskId,
          at: (holder[1].get('created_at')?.value as string | undefined) ?? null,
          rows: [{ entity: 'families', rowId: holder[0], values: { dossier_number: number.value, family_name: holder[1].get('family_name')?.value ?? null } }],
        },
        {
          deskId: push.deskId,
          at: (fields.get('created_at')?.value as string | undefined) ?? null,
          rows: [{ entity: 'families', rowId: familyId, values: { dossier_number: renumbered, previous_number: number.value, family_name: fields.get('family_name')?.value ?? null } }],
        },
      ],
    });
  }
  return found;
}

/** Whether a family other than `rowIds` was ever given one of `numbers`. */
async function heldElsewhere(tx: PortalTx, numbers: string[], rowIds: readonly string[]): Promise<boolean> {
  const held = await query<{ row_id: string }>(tx, sql`SELECT DISTINCT row_id FROM sync_messages WHERE entity = 'families' AND field = 'dossier_number' AND ${byValue(numbers)}`);
  return held.some((r) => !rowIds.includes(r.row_id));
}

/**
 * A guardian pushed with a (family, rank) that another desk's live guardian already holds (two
 * desks each added a rank-2 guardian to one family offline): every desk's UNIQUE (family_id, rank)
 * would keep the other desk's row waiting in `sync_inbox` forever. The server sets the incoming
 * guardian aside (its tombstone, a message of its own, newer than the desk's), so every replica
 * ends with the holder; both versions are kept in a `guardian_rank` conflict, where an agent may
 * keep the one set aside instead.
 *
 * The payer: the desk that added the guardian set aside may have made it the payer (the family's
 * other guardian stopped being it). When the family is left without a payer, the server makes
 * the guardian of the other rank the payer again (as before the addition; otherwise the holder),
 * whether the desk's change of payer comes in this push or a later one (a push cut in two chunks).
 */
async function guardianRankClashes(tx: PortalTx, writer: ServerWriter, push: Push, rowIds: string[]): Promise<Found[]> {
  const mine = (f: Map<string, Cell>) => f.get('family_id')?.deskId === push.deskId || f.get('rank')?.deskId === push.deskId;
  const touchedRows = await pivot(tx, 'guardians', rowIds, ['family_id']);
  const familyValues = unique([...touchedRows.values()].map((f) => f.get('family_id')?.raw).filter((v): v is string => typeof v === 'string' && v !== 'null'));
  if (familyValues.length === 0) return [];
  const siblingIds = unique(
    (await query<{ row_id: string }>(tx, sql`SELECT DISTINCT row_id FROM sync_messages WHERE entity = 'guardians' AND field = 'family_id' AND ${byValue(familyValues)}`)).map(
      (r) => r.row_id,
    ),
  );
  const all = [...(await pivot(tx, 'guardians', siblingIds, GUARDIAN_FIELDS))];
  const siblings = all.filter(([, f]) => placed(f));
  const pushed = siblings.filter(([id, f]) => rowIds.includes(id) && mine(f)).sort((x, y) => x[1].get('rank')!.seq - y[1].get('rank')!.seq);
  const familyOf = (f: Map<string, Cell>) => f.get('family_id')?.value;

  // The guardians set aside, each with the holder of its place.
  const setAside = new Map<string, { fields: Map<string, Cell>; holder: [string, Map<string, Cell>] }>();
  for (const [guardianId, fields] of pushed) {
    // The holder: another desk's guardian, live, at the same place (never one of this push's own rows).
    const holder = siblings.find(
      ([id, f]) => id !== guardianId && !rowIds.includes(id) && !setAside.has(id) && !mine(f) && familyOf(f) === familyOf(fields) && f.get('rank')!.value === fields.get('rank')!.value,
    );
    if (!holder) continue;
    setAside.set(guardianId, { fields, holder });
    for (const cell of fields.values()) writer.raise(cell.hlc);
    writer.set('guardians', guardianId, TOMBSTONE_FIELD, true);
  }

  // A family left without a payer by a guardian set aside (now, or by an earlier push) gets one back.
  const payerGivenTo = new Map<string, string>();
  const payerDropped = new Set([...touchedRows].filter(([id]) => push.messages.some((m) => m.entity === 'guardians' && m.rowId === id && m.field === 'is_payer')).map(([, f]) => familyOf(f)));
  for (const familyId of unique([...touchedRows.values()].map(familyOf))) {
    const asideNow = [...setAside].filter(([, a]) => familyOf(a.fields) === familyId && isTrue(a.fields.get('is_payer')?.value));
    const asideBefore = all.some(([, f]) => familyOf(f) === familyId && f.get(TOMBSTONE_FIELD)?.deskId === SERVER_NODE && isTrue(f.get('is_payer')?.value));
    if (asideNow.length === 0 && !(asideBefore && payerDropped.has(familyId))) continue;
    const left = siblings.filter(([id, f]) => !setAside.has(id) && familyOf(f) === familyId).sort((x, y) => Number(x[1].get('rank')!.value) - Number(y[1].get('rank')!.value));
    if (left.length === 0 || left.some(([, f]) => isTrue(f.get('is_payer')?.value))) continue;
    const asideRank = asideNow[0]?.[1].fields.get('rank')!.value;
    const [payerId, payer] = left.find(([, f]) => f.get('rank')!.value !== asideRank) ?? left[0]!;
    const cell = payer.get('is_payer');
    if (cell) writer.raise(cell.hlc);
    writer.set('guardians', payerId, 'is_payer', true);
    for (const [id] of asideNow) payerGivenTo.set(id, payerId);
  }

  if (setAside.size === 0) return [];
  const familyFields = await pivot(tx, 'families', unique([...setAside.values()].map((a) => String(familyOf(a.fields)))), ['dossier_number', 'family_name']);
  return [...setAside].map(([guardianId, { fields, holder }]) => {
    const family = familyFields.get(String(familyOf(fields)));
    const version = (id: string, f: Map<string, Cell>, extra: Record<string, unknown> = {}) => ({
      deskId: f.get('rank')!.deskId,
      at: (f.get('updated_at')?.value as string | undefined) ?? null,
      rows: [
        {
          entity: 'guardians',
          rowId: id,
          values: {
            ...Object.fromEntries(SYNC_ENTITIES.guardians!.map((k) => [k, f.get(k)?.value ?? null])),
            family_name: family?.get('family_name')?.value ?? null,
            dossier_number: family?.get('dossier_number')?.value ?? null,
            ...extra,
          },
        },
      ],
    });
    const given = payerGivenTo.get(guardianId);
    return {
      id: `guardian_rank:${guardianId}`,
      kind: 'guardian_rank' as const,
      entity: 'guardians',
      rowId: guardianId,
      versions: [version(holder[0], holder[1]), version(guardianId, fields, given === undefined ? {} : { payer_given_to: given })],
    };
  });
}

/** A guardian row live (no tombstone) with its family and rank known. */
function placed(f: Map<string, Cell>): boolean {
  return f.get(TOMBSTONE_FIELD)?.value !== true && f.get('family_id')?.value != null && f.get('rank')?.value != null;
}

/** A boolean as desks send it (`true`; SQLite's 1 from an older writer). */
const isTrue = (value: unknown): boolean => value === true || value === 1;

/* ---------- writing conflicts as the server's own messages ---------- */

/** Writes a new conflict, or updates one found before (new versions; reopened if it was resolved). */
async function writeConflict(tx: PortalTx, writer: ServerWriter, conflict: Found, names: Map<string, string>): Promise<void> {
  const existing = (await pivot(tx, 'sync_conflicts', [conflict.id], ['versions', 'resolved_at'])).get(conflict.id);
  const versions = conflict.versions.map((v) => ({ deskId: v.deskId, deskName: names.get(v.deskId) ?? v.deskId, at: v.at, rows: v.rows }));
  // The desks' `versions` column holds JSON text: its message is that text, JSON-encoded.
  const text = JSON.stringify(versions);
  const resolved = existing?.get('resolved_at')?.value != null;
  if (existing && existing.get('versions')?.raw === JSON.stringify(text) && !resolved) return;
  for (const cell of existing?.values() ?? []) writer.raise(cell.hlc);
  if (!existing) {
    writer.set('sync_conflicts', conflict.id, 'kind', conflict.kind);
    writer.set('sync_conflicts', conflict.id, 'entity', conflict.entity);
    writer.set('sync_conflicts', conflict.id, 'row_id', conflict.rowId);
    writer.set('sync_conflicts', conflict.id, 'detected_at', writer.now);
  }
  writer.set('sync_conflicts', conflict.id, 'versions', text);
  if (!existing || resolved) {
    writer.set('sync_conflicts', conflict.id, 'resolved_at', null);
    writer.set('sync_conflicts', conflict.id, 'resolved_by', null);
    writer.set('sync_conflicts', conflict.id, 'chosen', null);
  }
}

async function deskNames(tx: PortalTx, found: Found[]): Promise<Map<string, string>> {
  const ids = unique(found.flatMap((c) => c.versions.map((v) => v.deskId)));
  const rows = await tx.select({ id: desks.id, name: desks.name }).from(desks).where(inArray(desks.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/* ---------- reading rows out of the messages ---------- */

/** The latest value of each field of each row (by clock), with who wrote it and when it arrived. */
async function pivot(tx: PortalTx, entity: string, rowIds: readonly string[], fields: readonly string[]): Promise<Pivot> {
  const out: Pivot = new Map();
  if (rowIds.length === 0) return out;
  const rows = await query<{ row_id: string; field: string; value: string | null; hlc: string; seq: number; desk_id: string }>(
    tx,
    sql`SELECT DISTINCT ON (row_id, field) row_id, field, value, hlc, seq, desk_id FROM sync_messages
        WHERE entity = ${entity} AND row_id IN ${list(rowIds)} AND field IN ${list(fields)} ORDER BY row_id, field, hlc DESC`,
  );
  for (const r of rows) {
    const row = out.get(r.row_id) ?? new Map<string, Cell>();
    row.set(r.field, { value: parseValue(r.value), raw: r.value, hlc: r.hlc, seq: Number(r.seq), deskId: r.desk_id });
    out.set(r.row_id, row);
  }
  return out;
}

/** Rows whose identifying fields are all here (a row cut across two pushes waits for the next). */
function complete(p: Pivot): [string, Map<string, Cell>][] {
  return [...p].filter(([, f]) => CHILD_FIELDS.every((k) => f.get(k)?.value != null));
}

/** Names compared as an agent would: case, accents, hyphens and spaces aside. */
function sameChild(a: Map<string, Cell>, b: Map<string, Cell>): boolean {
  const key = (f: Map<string, Cell>) =>
    ['last_name', 'first_name', 'birth_date'].map((k) => String(f.get(k)!.value).normalize('NFD').replace(/\p{M}/gu, '').replace(/[\s'’-]+/g, ' ').trim().toLowerCase()).join('|');
  return key(a) === key(b);
}

const created = (f: Map<string, Cell>) => Math.min(...CHILD_FIELDS.map((k) => f.get(k)!.seq));

function list(values: readonly string[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
