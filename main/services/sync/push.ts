import { MAX_PUSH_BYTES, pushResponse, SYNC_SCHEMA_VERSION, syncMessage, type SyncMessage } from '../../../shared/contract/sync.js';
import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { all, prepared } from '../../store/sql.js';
import { readCursor } from './desk-state.js';
import { requireConnection, type ServerLink } from './connection.js';
import { serverCall, type Fetch } from './http.js';

/**
 * Push: the outbox, oldest first, in chunks of at most 1,000 messages and 1 MiB. A chunk leaves
 * the outbox (`sent_at`) only once the server has acknowledged it: a desk that dies between the
 * send and the acknowledgement sends it again, and the server, which stores by message id, counts
 * duplicates instead of storing twice.
 */
const CHUNK_MESSAGES = 1000;
/** Room for the envelope (`{"schemaVersion":…,"messages":[…]}`) within the server's limit. */
const CHUNK_BYTES = MAX_PUSH_BYTES - 1024;

interface OutboxRow extends SyncMessage {
  seq: number;
}

export interface PushReport {
  /** Messages the server acknowledged, duplicates included. */
  sent: number;
  duplicates: number;
  chunks: number;
}

/** The next chunk of unsent messages, cut at the message that would pass 1 MiB. */
function nextChunk(ctx: AppContext): OutboxRow[] {
  const rows = all<OutboxRow>(
    ctx,
    `SELECT seq, id, hlc, node, entity, row_id AS rowId, field, value FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ${CHUNK_MESSAGES}`,
  );
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const { seq: _seq, ...message } = rows[i]!;
    bytes += Buffer.byteLength(JSON.stringify(message)) + 1;
    if (bytes > CHUNK_BYTES) {
      if (i === 0) throw new AppError({ code: 'INTERNAL', message: `Le message ${message.id} dépasse à lui seul la taille d’un envoi\u00a0: la synchronisation est arrêtée.` });
      return rows.slice(0, i);
    }
  }
  return rows;
}

/** `link`: the round's (round.ts), read here when pushing alone. */
export async function pushOutbox(ctx: AppContext, fetchImpl: Fetch = fetch, link: ServerLink = requireConnection(ctx)): Promise<PushReport> {
  const report: PushReport = { sent: 0, duplicates: 0, chunks: 0 };
  for (;;) {
    const chunk = nextChunk(ctx);
    if (chunk.length === 0) return report;
    const messages = chunk.map(({ seq: _seq, ...m }) => {
      const checked = syncMessage.safeParse(m);
      if (!checked.success) throw new AppError({ code: 'INTERNAL', message: `Message de synchronisation invalide dans la file d’attente (${m.entity}.${m.field})\u00a0: ${checked.error.issues[0]?.message ?? ''}` });
      return checked.data;
    });
    const answer = pushResponse.parse(
      await serverCall(fetchImpl, link.url, '/sync/push', { method: 'POST', credential: link.credential, body: { schemaVersion: SYNC_SCHEMA_VERSION, cursor: readCursor(ctx), messages } }),
    );
    const last = chunk.at(-1)!.seq;
    transaction(ctx, () => prepared(ctx.store.sqlite, 'UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND seq <= ?').run(answer.serverTime, last));
    report.sent += answer.accepted + answer.duplicates;
    report.duplicates += answer.duplicates;
    report.chunks++;
  }
}

/** Messages waiting to be sent (the desk's sync indicator). */
export function pendingMessages(ctx: AppContext): number {
  return (prepared(ctx.store.sqlite, 'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
}
