import type { AppContext } from '../../main/context.js';
import { SYNC_ENTITIES } from '../../shared/contract/sync.js';
import { deskOfId, type Resolution } from './sync-world.js';

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

/** A write as it travels: a desk's outbox message, or one the server wrote itself (node `server`). */
export type Write = Pick<OutboxMessage, 'hlc' | 'node' | 'entity' | 'rowId' | 'field' | 'value'>;

/**
 * Last writer wins, checked against every write: for each field any desk or the server wrote, the
 * value of the write with the highest clock is the one in the dump (a row with a tombstone is
 * gone). The server's own writes count as any other: a dossier number it gave after a clash, a
 * guardian it set aside and the payer it gave back, a conflict it wrote or reopened.
 */
export function lastWritesNotVisible(writes: readonly Write[], dump: Dump): string[] {
  const latest = new Map<string, Write>();
  const deleted = new Set<string>();
  for (const m of writes) {
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
  const broken: string[] = [];
  for (const m of latest.values()) {
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

/** Every row a conflict's versions name (synced: the same on every desk). */
function namedRows(conflict: Row): Set<string> {
  const versions = JSON.parse(String(conflict.versions)) as { rows: { rowId: string }[] }[];
  return new Set(versions.flatMap((v) => v.rows.map((r) => r.rowId)));
}

/** The conflicts of one kind, by the row they are about, with the rows their versions name. */
function conflictsOf(dump: Dump, kind: string): Map<string, Set<string>> {
  return new Map(dump.sync_conflicts!.filter((c) => c.kind === kind).map((c) => [String(c.row_id), namedRows(c)]));
}

/**
 * Nothing paid beyond an invoice's total is hidden: an invoice whose live allocations exceed its
 * total is named by an `allocation_overrun` conflict, open or resolved, whose versions hold every
 * one of those allocations (the server knows every invoice: the template's messages are on it at
 * the start, and a run's invoices are pushed as they are issued). And each desk's own live
 * allocations stay within an invoice's total (each desk checks what it knows).
 */
export function overAllocatedInvoices(dump: Dump): string[] {
  const total = new Map(dump.invoices!.map((i) => [String(i.id), Number(i.total_cents)]));
  const listed = conflictsOf(dump, 'allocation_overrun');
  const byInvoice = new Map<string, { cents: number; ids: string[] }>();
  const byDesk = new Map<string, number>();
  for (const a of active(dump)) {
    const invoice = String(a.invoice_id);
    const entry = byInvoice.get(invoice) ?? { cents: 0, ids: [] };
    entry.cents += Number(a.amount_cents);
    entry.ids.push(String(a.id));
    byInvoice.set(invoice, entry);
    const mine = `${invoice}\u0000${deskOfId(String(a.id))}`;
    byDesk.set(mine, (byDesk.get(mine) ?? 0) + Number(a.amount_cents));
  }
  const broken: string[] = [];
  for (const [id, s] of byInvoice) {
    if (s.cents <= (total.get(id) ?? 0)) continue;
    const named = listed.get(id);
    if (!named) broken.push(`facture ${id}\u00a0: ${s.cents} alloués sur ${total.get(id)}, sans conflit`);
    else for (const a of s.ids.filter((a) => !named.has(a))) broken.push(`facture ${id}\u00a0: l’affectation ${a} absente de son conflit`);
  }
  for (const [key, cents] of byDesk) {
    const [id, desk] = key.split('\u0000') as [string, string];
    if (cents > (total.get(id) ?? 0)) broken.push(`facture ${id}\u00a0: ${cents} alloués par le poste ${desk} sur ${total.get(id)}`);
  }
  return broken;
}

/** A live refund credit's days, by child and day, with the credit and the desk that made it. */
function refundedByDay(dump: Dump): Map<string, { credit: string; desk: number | null }[]> {
  const out = new Map<string, { credit: string; desk: number | null }[]>();
  for (const c of dump.pending_credits!) {
    if (c.kind !== 'refund_credit') continue;
    for (const day of JSON.parse(String(c.days)) as string[]) {
      const key = `${String(c.child_id)} ${day}`;
      out.set(key, [...(out.get(key) ?? []), { credit: String(c.id), desk: deskOfId(String(c.id)) }]);
    }
  }
  return out;
}

/** No day of a child refunded twice among the credits one desk decided (each desk checks what it knows). */
export function daysRefundedTwice(dump: Dump): string[] {
  const broken: string[] = [];
  for (const [key, credits] of refundedByDay(dump)) {
    const desks = credits.map((c) => c.desk);
    for (const desk of new Set(desks)) {
      const n = desks.filter((d) => d === desk).length;
      if (n > 1) broken.push(`${key} remboursé ${n} fois par le poste ${desk}`);
    }
  }
  return broken;
}

/**
 * Across desks, a day of a child refunded twice is never hidden: two live refund credits made on
 * two desks for the same day are listed by a conflict, open or resolved — `refund_overlap` naming
 * both requests when they differ, `request_decision` naming the request when two desks decided the
 * same one. A credit's request is the decision that names it (read in every desk's outbox).
 */
export function refundsTwiceUnlisted(dump: Dump, outboxes: OutboxMessage[][]): string[] {
  const requestOf = new Map<string, string>();
  for (const m of outboxes.flat()) {
    if (m.entity !== 'requests' || m.field !== 'decision' || m.value === null) continue;
    const text: unknown = JSON.parse(m.value);
    if (typeof text !== 'string') continue;
    const decision = JSON.parse(text) as { pendingCreditIds?: string[] };
    for (const id of decision.pendingCreditIds ?? []) requestOf.set(id, m.rowId);
  }
  const overlaps = [...conflictsOf(dump, 'refund_overlap').values()];
  const decisions = conflictsOf(dump, 'request_decision');
  const broken: string[] = [];
  for (const [key, credits] of refundedByDay(dump)) {
    credits.forEach((one, i) => {
      for (const other of credits.slice(i + 1)) {
        if (one.desk === other.desk) continue;
        const [a, b] = [requestOf.get(one.credit), requestOf.get(other.credit)];
        if (a === undefined || b === undefined) broken.push(`${key}\u00a0: un avoir sans décision qui le nomme`);
        else if (a === b ? !decisions.has(a) : !overlaps.some((rows) => rows.has(a) && rows.has(b))) {
          broken.push(`${key} remboursé par ${a === b ? `deux décisions de ${a}` : `${a} et ${b}`} (postes ${one.desk} et ${other.desk}) sans conflit`);
        }
      }
    });
  }
  return [...new Set(broken)];
}

/**
 * A conflict resolved on one desk is resolved on every desk once all have synced, unless the
 * server listed it again since: with other versions (a decision or a payment the agent had not
 * seen), or because another agent kept another version of the same versions at the same time.
 * And every conflict resolved at the end was resolved by an agent who saw its versions as they
 * now are (a resolution never hides a version).
 */
export function resolutionsNotEverywhere(desks: readonly { index: number; ctx: AppContext }[], resolutions: readonly Resolution[]): string[] {
  const broken: string[] = [];
  const contrary = (r: Resolution) => resolutions.some((o) => o.id === r.id && o.versions === r.versions && o.chosen !== r.chosen);
  for (const d of desks) {
    const rows = d.ctx.store.sqlite.prepare('SELECT id, versions, resolved_at FROM sync_conflicts').all() as { id: string; versions: string; resolved_at: string | null }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of resolutions) {
      const row = byId.get(r.id);
      if (!row) broken.push(`conflit ${r.id} tranché sur le poste ${r.desk + 1}, absent du poste ${d.index + 1}`);
      else if (row.resolved_at === null && row.versions === r.versions && !contrary(r)) broken.push(`conflit ${r.id} tranché sur le poste ${r.desk + 1}, ouvert sur le poste ${d.index + 1}`);
    }
    for (const row of rows) {
      if (row.resolved_at !== null && !resolutions.some((r) => r.id === row.id && r.versions === row.versions)) {
        broken.push(`conflit ${row.id} tranché sur le poste ${d.index + 1} sans que ses versions actuelles aient été vues`);
      }
    }
  }
  return broken;
}

/**
 * An accepted refund request's credits exist: what its decision refunds reaches the family. Two
 * agents keeping the two versions of one decision conflict at once withdraw each other's credits;
 * the server then lists the conflict again, and the next choice makes them again: until then, an
 * open conflict names the request.
 */
export function acceptedRefundsWithoutCredits(dump: Dump): string[] {
  const credits = new Set(dump.pending_credits!.map((c) => String(c.id)));
  const open = new Set(dump.sync_conflicts!.filter((c) => c.kind === 'request_decision' && c.resolved_at === null).map((c) => String(c.row_id)));
  return dump.requests!.filter((r) => r.type === 'refund' && r.status === 'accepted' && !open.has(String(r.id))).flatMap((r) => {
    const decision = JSON.parse(String(r.decision)) as { pendingCreditIds?: string[] };
    return (decision.pendingCreditIds ?? []).filter((id) => !credits.has(id)).map((id) => `demande ${String(r.id)} acceptée, son avoir ${id} absent`);
  });
}

/** A conflict always has something to choose: no two of its versions write the same rows with the same values. */
export function conflictsWithoutChoice(dump: Dump): string[] {
  return dump.sync_conflicts!.filter((c) => {
    const versions = (JSON.parse(String(c.versions)) as { rows: unknown[] }[]).map((v) => JSON.stringify(v.rows));
    return new Set(versions).size < versions.length;
  }).map((c) => `conflit ${String(c.id)}\u00a0: deux versions identiques`);
}

/** Each family with guardians has exactly one payer among them. */
export function familiesWithoutOnePayer(dump: Dump): string[] {
  const payers = new Map<string, number>();
  for (const g of dump.guardians!) payers.set(String(g.family_id), (payers.get(String(g.family_id)) ?? 0) + (g.is_payer === 1 ? 1 : 0));
  return [...payers].filter(([, n]) => n !== 1).map(([family, n]) => `famille ${family}\u00a0: ${n} payeur(s)`);
}
