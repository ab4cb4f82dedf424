import type { AppContext } from '../../main/context.js';
import { SYNC_ENTITIES } from '../../shared/contract/sync.js';
import { deskOfId } from './sync-world.js';

/**
 * What the sync model test checks at the end of a run, each a small function returning the
 * broken cases (empty: holds), so that one can be adapted alone as the sync learns more (business
 * conflicts, server-assigned numbers).
 */

type Row = Record<string, unknown>;
/** Every synced table's rows, sorted by key, with the synced fields only. */
export type Dump = Record<string, Row[]>;

const PRIMARY_KEY: Readonly<Record<string, string>> = { settings: 'key' };

/** The canonical dump of a desk: every entity of SYNC_ENTITIES, its synced fields, rows by key; the desk's own settings (`sync.*`) left out. */
export function canonicalDump(ctx: AppContext): Dump {
  const dump: Dump = {};
  for (const [entity, fields] of Object.entries(SYNC_ENTITIES)) {
    const pk = PRIMARY_KEY[entity] ?? 'id';
    const columns = [...new Set([pk, ...fields])];
    const where = entity === 'settings' ? "WHERE key NOT LIKE 'sync.%'" : '';
    dump[entity] = ctx.store.sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${entity} ${where} ORDER BY ${pk}`).all() as Row[];
  }
  return dump;
}

/** Rows still waiting in a desk's inbox after the final sync (a row that can never be written). */
export function stuckInInbox(ctx: AppContext): string[] {
  const rows = ctx.store.sqlite.prepare('SELECT DISTINCT entity, row_id AS rowId FROM sync_inbox ORDER BY entity, row_id').all() as { entity: string; rowId: string }[];
  return rows.map((r) => `${r.entity}/${r.rowId}`);
}

interface OutboxMessage {
  id: string;
  hlc: string;
  node: string;
  entity: string;
  rowId: string;
  field: string;
  value: string | null;
  sentAt: string | null;
}

export function outboxOf(ctx: AppContext): OutboxMessage[] {
  return ctx.store.sqlite
    .prepare('SELECT id, hlc, node, entity, row_id AS rowId, field, value, sent_at AS sentAt FROM outbox ORDER BY seq')
    .all() as OutboxMessage[];
}

/** Messages a desk wrote itself only: nothing pulled goes back out. */
export function foreignMessagesInOutbox(ctx: AppContext): string[] {
  return outboxOf(ctx)
    .filter((m) => m.node !== ctx.clock.node)
    .map((m) => `${m.entity}.${m.field} de ${m.node} dans la file de ${ctx.clock.node}`);
}

/** Acknowledged (`sent_at`) messages the server does not hold: a lost write. */
export function lostAcknowledged(outboxes: OutboxMessage[][], onServer: ReadonlySet<string>): string[] {
  return outboxes.flat().filter((m) => m.sentAt !== null && !onServer.has(m.id)).map((m) => `${m.entity}/${m.rowId}.${m.field} (${m.id})`);
}

/** A message's JSON value as the desk's SQLite holds it (apply.ts's rule). */
function stored(json: string | null): unknown {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Last writer wins, checked against every write: for each field any desk wrote, the value of the
 * write with the highest clock is the one in the dump (a row with a tombstone is gone). A dossier
 * number that clashed is the server's to give (a `dossier_number` conflict names the family); a
 * guardian set aside by the server is gone (a `guardian_rank` conflict names it), and the payer it
 * gave back is the server's write.
 */
export function lastWritesNotVisible(outboxes: OutboxMessage[][], dump: Dump): string[] {
  const latest = new Map<string, OutboxMessage>();
  const deleted = new Set<string>();
  for (const m of outboxes.flat()) {
    const row = `${m.entity}\u0000${m.rowId}`;
    if (m.field === '_deleted') {
      deleted.add(row);
      continue;
    }
    const key = `${row}\u0000${m.field}`;
    const seen = latest.get(key);
    if (!seen || seen.hlc < m.hlc) latest.set(key, m);
  }
  const index = new Map<string, Row>();
  for (const [entity, rows] of Object.entries(dump)) for (const r of rows) index.set(`${entity}\u0000${String(r[PRIMARY_KEY[entity] ?? 'id'])}`, r);
  const renumbered = new Set(dump.sync_conflicts!.filter((c) => c.kind === 'dossier_number').map((c) => String(c.row_id)));
  const guardianConflicts = dump.sync_conflicts!.filter((c) => c.kind === 'guardian_rank');
  for (const c of guardianConflicts) deleted.add(`guardians\u0000${String(c.row_id)}`);
  const payerGiven = new Set(
    guardianConflicts.flatMap((c) => (JSON.parse(String(c.versions)) as { rows: { values: { payer_given_to?: string } }[] }[]).map((v) => v.rows[0]?.values.payer_given_to).filter((id) => id !== undefined)),
  );
  const broken: string[] = [];
  for (const m of latest.values()) {
    if (m.entity === 'families' && m.field === 'dossier_number' && renumbered.has(m.rowId)) continue;
    if (m.entity === 'guardians' && m.field === 'is_payer' && payerGiven.has(m.rowId)) continue;
    const row = `${m.entity}\u0000${m.rowId}`;
    if (deleted.has(row)) {
      if (index.has(row)) broken.push(`${m.entity}/${m.rowId} supprimée mais présente`);
      continue;
    }
    const here = index.get(row);
    if (!here) broken.push(`${m.entity}/${m.rowId} absente (écrite par ${m.node})`);
    else if (JSON.stringify(here[m.field]) !== JSON.stringify(stored(m.value))) {
      broken.push(`${m.entity}/${m.rowId}.${m.field} = ${JSON.stringify(here[m.field])}, attendu ${JSON.stringify(stored(m.value))} (${m.node} ${m.hlc})`);
    }
  }
  return broken;
}

/** One invoice (not cancelled) per family and billing period. */
export function duplicateInvoices(dump: Dump): string[] {
  const seen = new Map<string, number>();
  for (const i of dump.invoices!) {
    if (i.kind !== 'invoice' || i.status === 'cancelled') continue;
    const key = `${String(i.family_id)} ${String(i.period_id)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${n} factures pour ${key}`);
}

/**
 * Invoice and credit note numbers (given by the server): unique, and one unbroken series 1…n per
 * year and letter. Receipts (« R2026-03-000001 »): unique, and unbroken within each desk's own
 * book (the desk number given at enrolment).
 */
export function brokenNumberSeries(dump: Dump): string[] {
  const series = new Map<string, number[]>();
  const add = (number: string) => {
    const m = /^([A-Z])(\d{4})-(?:(\d+)-)?(\d+)$/.exec(number);
    if (!m) return;
    const key = `${m[1]}${m[2]}${m[3] === undefined ? '' : `/poste ${m[3]}`}`;
    series.set(key, [...(series.get(key) ?? []), Number(m[4])]);
  };
  for (const i of dump.invoices!) add(String(i.number));
  for (const p of dump.payments!) add(String(p.receipt_number));
  const broken: string[] = [];
  for (const [key, numbers] of series) {
    const sorted = [...numbers].sort((a, b) => a - b);
    sorted.forEach((n, i) => {
      if (n !== i + 1) broken.push(`série ${key}\u00a0: ${sorted.join(', ')}`);
    });
  }
  return [...new Set(broken)];
}

const active = (dump: Dump) => dump.payment_allocations!.filter((a) => a.released_at === null);

/** A payment's live allocations never exceed its amount (one desk writes them all: always holds). */
export function overAllocatedPayments(dump: Dump): string[] {
  const amount = new Map(dump.payments!.map((p) => [String(p.id), Number(p.amount_cents)]));
  const sums = new Map<string, number>();
  for (const a of active(dump)) {
    if (typeof a.payment_id !== 'string') continue;
    sums.set(a.payment_id, (sums.get(a.payment_id) ?? 0) + Number(a.amount_cents));
  }
  return [...sums].filter(([id, sum]) => sum > (amount.get(id) ?? 0)).map(([id, sum]) => `paiement ${id}\u00a0: ${sum} alloués sur ${amount.get(id)}`);
}

/** The rows an open business conflict of this kind names (synced: the same on every desk). */
function openConflicts(dump: Dump, kind: string): Set<string> {
  return new Set(dump.sync_conflicts!.filter((c) => c.kind === kind && c.resolved_at === null).map((c) => String(c.row_id)));
}

/**
 * An invoice's live allocations never exceed its total, unless an open `allocation_overrun`
 * conflict names it (payments allocated by several desks offline: the agent settles it). The
 * template's invoices never went through the server (the model copies desks from a template whose
 * outbox it empties), which cannot see their totals: for them, only one desk's own allocations are
 * checked.
 */
export function overAllocatedInvoices(dump: Dump, outboxes: OutboxMessage[][]): string[] {
  const total = new Map(dump.invoices!.map((i) => [String(i.id), Number(i.total_cents)]));
  const onServer = new Set(outboxes.flat().filter((m) => m.entity === 'invoices').map((m) => m.rowId));
  const listed = openConflicts(dump, 'allocation_overrun');
  const sums = new Map<string, { cents: number; desks: Set<number | null> }>();
  for (const a of active(dump)) {
    const entry = sums.get(String(a.invoice_id)) ?? { cents: 0, desks: new Set() };
    entry.cents += Number(a.amount_cents);
    entry.desks.add(deskOfId(String(a.id)));
    sums.set(String(a.invoice_id), entry);
  }
  return [...sums]
    .filter(([id, s]) => s.cents > (total.get(id) ?? 0) && !listed.has(id) && (onServer.has(id) || s.desks.size === 1))
    .map(([id, s]) => `facture ${id}\u00a0: ${s.cents} alloués sur ${total.get(id)}, sans conflit ouvert`);
}

/**
 * No day of a child refunded twice, among the credits one desk decided (each desk checks what it
 * knows). Two desks accepting refunds of the same days offline is the business conflict « two
 * desks decide the same request offline » (or two requests for the same days): to be listed in
 * « Conflits » once that lands.
 */
export function daysRefundedTwice(dump: Dump): string[] {
  const seen = new Map<string, number>();
  for (const c of dump.pending_credits!) {
    if (c.kind !== 'refund_credit') continue;
    for (const day of JSON.parse(String(c.days)) as string[]) {
      const key = `${String(c.child_id)} ${day} poste ${deskOfId(String(c.id))}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} remboursé ${n} fois`);
}

/** Each family with guardians has exactly one payer among them. */
export function familiesWithoutOnePayer(dump: Dump): string[] {
  const payers = new Map<string, number>();
  for (const g of dump.guardians!) payers.set(String(g.family_id), (payers.get(String(g.family_id)) ?? 0) + (g.is_payer === 1 ? 1 : 0));
  return [...payers].filter(([, n]) => n !== 1).map(([family, n]) => `famille ${family}\u00a0: ${n} payeur(s)`);
}
