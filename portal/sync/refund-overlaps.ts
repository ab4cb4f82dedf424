import { sql, type SQL } from 'drizzle-orm';
import type { ConflictVersion } from '../../shared/contract/conflicts.js';
import type { PortalTx } from '../store/open.js';
import { byValue, parseValue as parse, query, unique } from './message-helpers.js';

/**
 * A day refunded twice (règlement, article 8: « a day is never refunded twice »): two desks each
 * accepted offline a refund request of the same child — two different requests (two decisions on
 * ONE request are a `request_decision`) — and the days their pending credits refund overlap.
 *
 * A desk's verdict leaves out every day it knows refunded, so an overlap between two desks'
 * refund credits is itself the proof that each decided without the other's: no cursor is needed to
 * call them concurrent (a decision made between a sync's push and its pull is caught too).
 *
 * Found when a desk pushes its accepted refund decision (the request's `decision` field, written
 * after the decision's pending credits, so they are on the server already). The other desks'
 * credits are found by the child (partial index on `pending_credits.child_id`), and each tied to
 * its request by the decision that names it, pushed by the same desk after the credit. A credit
 * whose decision has not arrived yet (a push cut in two) is left: that decision's push finds it.
 * Only credits the pusher created count as its own, so a desk rewriting another's decision (a
 * resolved `request_decision`) starts nothing.
 *
 * The conflict, `refund_overlap:<request pushed>`, keeps each decision with the days it refunds
 * and its credits, so that the agent keeps one and the others go back to instruction.
 */

interface Pushed {
  deskId: string;
  messages: readonly { entity: string; rowId: string; field: string }[];
}

interface Overlap {
  id: string;
  kind: 'refund_overlap';
  entity: string;
  rowId: string;
  versions: Omit<ConflictVersion, 'deskName'>[];
}

/** A refund credit as its latest messages make it; `deskId` and `seq` are its creation's (`days` is written once). */
interface Credit {
  id: string;
  childRaw: string | null;
  kind: unknown;
  days: string[];
  deleted: boolean;
  deskId: string;
  seq: number;
}

/** One accepted refund decision: its request, desk, credits and the days they refund. */
interface Decision {
  requestId: string;
  deskId: string;
  seq: number;
  creditIds: string[];
  childRaw: string;
  days: Set<string>;
}

export async function refundOverlaps(tx: PortalTx, push: Pushed): Promise<Overlap[]> {
  const requestIds = unique(push.messages.filter((m) => m.entity === 'requests' && m.field === 'decision').map((m) => m.rowId));
  if (requestIds.length === 0) return [];
  // The pusher's own decisions on them: accepted refunds name their credits.
  const decisions = await query<{ row_id: string; value: string | null }>(
    tx,
    sql`SELECT DISTINCT ON (row_id) row_id, value FROM sync_messages
        WHERE entity = 'requests' AND field = 'decision' AND row_id IN ${requestIds} AND desk_id = ${push.deskId}
        ORDER BY row_id, hlc DESC`,
  );
  const named = decisions.map((d) => ({ requestId: d.row_id, creditIds: creditIdsOf(d.value) })).filter((d) => d.creditIds.length > 0);
  if (named.length === 0) return [];
  const mineCredits = await credits(tx, sql`${named.flatMap((d) => d.creditIds)}`);
  const mine: Decision[] = [];
  for (const d of named) {
    const own = d.creditIds.map((id) => mineCredits.get(id)).filter((c): c is Credit => c !== undefined && live(c) && c.deskId === push.deskId);
    if (own.length === 0) continue;
    mine.push({ requestId: d.requestId, deskId: push.deskId, seq: Math.min(...own.map((c) => c.seq)), creditIds: d.creditIds, childRaw: own[0]!.childRaw!, days: new Set(own.flatMap((c) => c.days)) });
  }
  if (mine.length === 0) return [];

  // Every other desk's live refund credit of these children that refunds one of the same days.
  const children = unique(mine.map((d) => d.childRaw));
  const ofChildren = await credits(tx, sql`(SELECT row_id FROM sync_messages WHERE entity = 'pending_credits' AND field = 'child_id' AND ${byValue(children)})`);
  const found: Overlap[] = [];
  const requestOf = new Map<string, Decision | null>();
  for (const decision of mine) {
    const overlapping = [...ofChildren.values()].filter(
      (c) => live(c) && c.deskId !== push.deskId && c.childRaw === decision.childRaw && c.days.some((day) => decision.days.has(day)),
    );
    const others = new Map<string, Decision>();
    for (const credit of overlapping) {
      if (!requestOf.has(credit.id)) requestOf.set(credit.id, await decisionOf(tx, credit, ofChildren));
      const other = requestOf.get(credit.id);
      // Its decision not here yet, or the same request decided twice (a `request_decision`).
      if (!other || other.requestId === decision.requestId) continue;
      others.set(other.requestId, other);
    }
    if (others.size === 0) continue;
    const involved = [...[...others.values()].sort((x, y) => x.seq - y.seq), decision];
    const fields = await decidedFields(tx, involved);
    found.push({
      id: `refund_overlap:${decision.requestId}`,
      kind: 'refund_overlap',
      entity: 'requests',
      rowId: decision.requestId,
      versions: involved.map((d) => {
        const by = fields.get(`${d.requestId}\u0000${d.deskId}`) ?? {};
        return {
          deskId: d.deskId,
          at: typeof by.decided_at === 'string' ? by.decided_at : null,
          rows: [
            {
              entity: 'requests',
              rowId: d.requestId,
              values: {
                child_id: parse(d.childRaw),
                decided_at: by.decided_at ?? null,
                decided_by: by.decided_by ?? null,
                refunded_days: [...d.days].sort(),
                pending_credit_ids: d.creditIds,
              },
            },
          ],
        };
      }),
    });
  }
  return found;
}

/** The credits whose ids `ids` lists (values, or a subquery), from their latest messages. */
async function credits(tx: PortalTx, ids: SQL): Promise<Map<string, Credit>> {
  const cells = await query<{ row_id: string; field: string; value: string | null; desk_id: string; seq: number }>(
    tx,
    sql`SELECT DISTINCT ON (row_id, field) row_id, field, value, desk_id, seq FROM sync_messages
        WHERE entity = 'pending_credits' AND row_id IN ${ids} AND field IN ('child_id', 'kind', 'days', '_deleted')
        ORDER BY row_id, field, hlc DESC`,
  );
  const out = new Map<string, Credit>();
  for (const cell of cells) {
    const credit = out.get(cell.row_id) ?? { id: cell.row_id, childRaw: null, kind: null, days: [], deleted: false, deskId: '', seq: 0 };
    if (cell.field === 'child_id') credit.childRaw = cell.value;
    if (cell.field === 'kind') credit.kind = parse(cell.value);
    if (cell.field === '_deleted') credit.deleted = parse(cell.value) === true;
    if (cell.field === 'days') {
      credit.days = daysOf(cell.value);
      credit.deskId = cell.desk_id;
      credit.seq = Number(cell.seq);
    }
    out.set(cell.row_id, credit);
  }
  return out;
}

const live = (c: Credit): boolean => !c.deleted && c.kind === 'refund_credit' && c.days.length > 0 && c.childRaw !== null && c.childRaw !== 'null';

/** The decision that made a credit: the first `decision` its desk pushed after it that names it. */
async function decisionOf(tx: PortalTx, credit: Credit, known: ReadonlyMap<string, Credit>): Promise<Decision | null> {
  const [row] = await query<{ row_id: string; value: string | null }>(
    tx,
    sql`SELECT row_id, value FROM sync_messages
        WHERE seq > ${credit.seq} AND entity = 'requests' AND field = 'decision' AND desk_id = ${credit.deskId} AND strpos(value, ${credit.id}) > 0
        ORDER BY seq LIMIT 1`,
  );
  if (!row) return null;
  const creditIds = creditIdsOf(row.value);
  const made = creditIds.map((id) => known.get(id)).filter((c): c is Credit => c !== undefined && live(c) && c.deskId === credit.deskId);
  return { requestId: row.row_id, deskId: credit.deskId, seq: credit.seq, creditIds, childRaw: credit.childRaw!, days: new Set(made.flatMap((c) => c.days)) };
}

/** `decided_at` and `decided_by` of each decision, as its own desk wrote them. */
async function decidedFields(tx: PortalTx, decisions: Decision[]): Promise<Map<string, Record<string, unknown>>> {
  const cells = await query<{ row_id: string; desk_id: string; field: string; value: string | null }>(
    tx,
    sql`SELECT DISTINCT ON (row_id, desk_id, field) row_id, desk_id, field, value FROM sync_messages
        WHERE entity = 'requests' AND row_id IN ${unique(decisions.map((d) => d.requestId))} AND field IN ('decided_at', 'decided_by')
          AND desk_id IN ${unique(decisions.map((d) => d.deskId))}
        ORDER BY row_id, desk_id, field, hlc DESC`,
  );
  const out = new Map<string, Record<string, unknown>>();
  for (const c of cells) {
    const key = `${c.row_id}\u0000${c.desk_id}`;
    out.set(key, { ...out.get(key), [c.field]: parse(c.value) });
  }
  return out;
}

/** The pending credits an accepted refund decision names (its `decision` travels as JSON text in JSON). */
function creditIdsOf(raw: string | null): string[] {
  const text = parse(raw);
  if (typeof text !== 'string') return [];
  const decision = parse(text) as { decision?: unknown; pendingCreditIds?: unknown } | null;
  if (decision === null || typeof decision !== 'object' || decision.decision !== 'accept' || !Array.isArray(decision.pendingCreditIds)) return [];
  return decision.pendingCreditIds.filter((id): id is string => typeof id === 'string');
}

/** A credit's days (JSON text of an array, in JSON). */
function daysOf(raw: string | null): string[] {
  const text = parse(raw);
  const days = typeof text === 'string' ? parse(text) : text;
  return Array.isArray(days) ? days.filter((d): d is string => typeof d === 'string') : [];
}
