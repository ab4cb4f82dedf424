import { and, asc, eq, inArray, isNull, lt, lte } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { PortalStore } from '../store/open.js';
import { mailOutbox } from '../store/schema.js';
import type { MailTransport } from './transport.js';

/**
 * The delivery job: sends the outbox's due mails, retries the failed ones later, and never sends
 * one mail twice from two portal processes on one database.
 */

const BATCH = 20;
/** After this many failed attempts a mail is left unsent (and said so in the log). */
export const MAX_ATTEMPTS = 10;
/** A claimed mail is not due again for this long: another process leaves it to the claimer. */
const CLAIM_MS = 15 * 60_000;
const MINUTE = 60_000;
/** Waits after the 1st, 2nd and 3rd failure; then every 2 h. */
const BACKOFF_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE];
const LAST_BACKOFF_MS = 120 * MINUTE;
const INTERVAL_MS = 5_000;

/** How long to wait after a mail's `attempts`-th failure. */
function retryDelay(attempts: number): number {
  return BACKOFF_MS[attempts - 1] ?? LAST_BACKOFF_MS;
}

/**
 * Sends every mail due at `now`, by batches of 20. A batch is claimed in one short statement
 * (`FOR UPDATE SKIP LOCKED`, its rows pushed out of reach for 15 min) and sent outside any
 * transaction, so that neither a slow mail server nor another process holds the database.
 * `signal` stops it between two mails (the server is closing).
 */
export async function deliverDueMails(
  store: PortalStore,
  transport: MailTransport,
  now: Date,
  options: { log?: FastifyBaseLogger; signal?: AbortSignal } = {},
): Promise<{ sent: number; failed: number }> {
  const { log, signal } = options;
  const result = { sent: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueMails(store, now);
    for (const [index, mail] of batch.entries()) {
      if (signal?.aborted) {
        // Stopping: what this process claimed and did not send is due again at once, for another one.
        await store.db.update(mailOutbox).set({ nextAttemptAt: now }).where(inArray(mailOutbox.id, batch.slice(index).map((m) => m.id)));
        return result;
      }
      try {
        await transport.send(mail);
        await store.db.update(mailOutbox).set({ sentAt: now, lastError: null }).where(eq(mailOutbox.id, mail.id));
        result.sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const reason = describeFailure(error);
        const nextAttemptAt = new Date(now.getTime() + retryDelay(attempts));
        await store.db.update(mailOutbox).set({ attempts, lastError: reason, nextAttemptAt }).where(eq(mailOutbox.id, mail.id));
        result.failed++;
        if (attempts >= MAX_ATTEMPTS) log?.error({ mailId: mail.id, attempts, reason }, `courriel abandonné après ${attempts} tentatives`);
        else log?.warn({ mailId: mail.id, attempts, reason, nextAttemptAt }, 'courriel non envoyé, nouvel essai plus tard');
      }
    }
    if (batch.length < BATCH) return result;
  }
}

async function claimDueMails(store: PortalStore, now: Date) {
  const due = store.db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, now), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(BATCH)
    .for('update', { skipLocked: true });
  const claimed = await store.db
    .update(mailOutbox)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
    .where(inArray(mailOutbox.id, due))
    .returning({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      text: mailOutbox.text,
      html: mailOutbox.html,
      createdAt: mailOutbox.createdAt,
      attempts: mailOutbox.attempts,
    });
  // RETURNING keeps no order: the oldest mail goes first.
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** The reason kept in `last_error`: short, and without the credentials of any URL it quotes. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@').slice(0, 500) || 'échec sans message';
}

export interface MailJob {
  /** A delivery at once (after a request that enqueued a mail), without waiting for it. */
  kick(): void;
  /** A delivery that starts now, and its end (tests read the `.eml` after it). */
  flush(): Promise<void>;
  /** No delivery after this; resolves once the mail in flight, if any, is sent (the rest of its batch is left for later). */
  stop(): Promise<void>;
}

/**
 * Delivers every 5 s (the timer keeps no process alive) and at once on `kick()`. One delivery at
 * a time: a kick during one runs another right after it.
 */
export function startMailJob(store: PortalStore, transport: MailTransport, options: { now: () => Date; log: FastifyBaseLogger; intervalMs?: number }): MailJob {
  let stopped = false;
  let again = false;
  const stopping = new AbortController();
  let running: Promise<void> | null = null;

  const deliverOnce = async () => {
    try {
      const { sent, failed } = await deliverDueMails(store, transport, options.now(), { log: options.log, signal: stopping.signal });
      if (sent > 0 || failed > 0) options.log.info({ sent, failed, transport: transport.description }, 'courriels traités');
    } catch (error) {
      options.log.error({ err: error }, 'envoi des courriels en échec');
    }
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = deliverOnce().finally(() => {
      running = null;
      if (again) kick();
    });
  };

  const timer = setInterval(kick, options.intervalMs ?? INTERVAL_MS);
  timer.unref();
  return {
    kick,
    async flush() {
      if (running) again = true;
      else kick();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      while (running) await running;
    },
  };
}
