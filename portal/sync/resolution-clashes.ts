import { sql } from 'drizzle-orm';
import { SERVER_NODE } from '../../shared/contract/sync.js';
import type { PortalTx } from '../store/open.js';
import { query, unique } from './message-helpers.js';

/**
 * Two agents settling one conflict at once on two desks, each without the other's choice: when
 * they kept different versions, both choices reached every desk — each withdrew what the other
 * kept (a refund's credits, payments' allocations, a child's enrolment) — and last-writer-wins
 * would show the conflict settled by the later one. So the server lists it again: `resolved_at`,
 * `resolved_by` and `chosen` back to null, by messages of its own newer than both choices, and the
 * next choice is made knowing (keeping a refund decision makes its credits again). The same
 * choice on both desks is no clash: nothing was withdrawn that the other kept.
 */

interface Pushed {
  deskId: string;
  cursor: number;
  messages: readonly { entity: string; rowId: string; field: string }[];
}

/** The server's writer of this push (conflicts.ts): its stamps are above every `raise`d clock. */
interface Writer {
  raise(hlc: string): void;
  set(entity: string, rowId: string, field: string, value: unknown): void;
}

export async function resolutionClashes(tx: PortalTx, writer: Writer, push: Pushed): Promise<void> {
  const ids = unique(push.messages.filter((m) => m.entity === 'sync_conflicts' && m.field === 'chosen').map((m) => m.rowId));
  if (ids.length === 0) return;
  // Each desk's latest choice on these conflicts.
  const choices = await query<{ row_id: string; desk_id: string; value: string | null; seq: number }>(
    tx,
    sql`SELECT DISTINCT ON (row_id, desk_id) row_id, desk_id, value, seq FROM sync_messages
        WHERE entity = 'sync_conflicts' AND field = 'chosen' AND row_id IN ${ids} AND desk_id <> ${SERVER_NODE}
        ORDER BY row_id, desk_id, hlc DESC`,
  );
  for (const id of ids) {
    const mine = choices.find((c) => c.row_id === id && c.desk_id === push.deskId);
    // Another desk's choice the pusher had not pulled, that differs from its own.
    const clash = choices.some((c) => c.row_id === id && c.desk_id !== push.deskId && Number(c.seq) > push.cursor && c.value !== mine?.value);
    if (!mine || !clash) continue;
    const [latest] = await query<{ hlc: string }>(tx, sql`SELECT max(hlc) AS hlc FROM sync_messages WHERE entity = 'sync_conflicts' AND row_id = ${id}`);
    if (latest?.hlc) writer.raise(latest.hlc);
    for (const field of ['resolved_at', 'resolved_by', 'chosen']) writer.set('sync_conflicts', id, field, null);
  }
}
