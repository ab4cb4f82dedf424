import type { IssueResult } from '../../../shared/contract/billing.js';
import { AppError } from '../../../shared/contract/errors.js';
import { reserveNumbersResponse, SERVER_SERIES } from '../../../shared/contract/numbers.js';
import type { AppContext } from '../../context.js';
import { one } from '../../store/sql.js';
import {
  cancelInvoice,
  cancellable,
  cancelRunId,
  issueBilling,
  issueCounts,
  issueRunId,
  mirrorKind,
  NumbersChanged,
  reissueDraft,
  reissueFamily,
  reissueRunId,
  requirePeriod,
  runYear,
  type IssueHooks,
  type NumberCounts,
  type ReservedNumbers,
} from '../billing/index.js';
import { readConnection, requireConnection, type ServerLink } from './connection.js';
import { serverCall, ServerUnavailable, type Fetch } from './http.js';

/**
 * The invoicing operations as the agent runs them (issue 10 § 2, « The server is the authority »).
 * A desk linked to the server first reserves the numbers the operation needs, under the
 * operation's own id (`billing:<period>`, `cancel:<invoice>`, `reissue:<period>:<family>:<n>`),
 * then writes everything in one SQLite transaction with them. A run killed in between and retried
 * asks with the same id and gets the same numbers: no gap, no duplicate. Offline, it is refused
 * and nothing is written. A standalone desk numbers locally, as it always did.
 */

interface Options {
  fetch?: Fetch;
}

/** When the data changed between the reservation and the transaction, the numbers are asked again, this many times. */
const ATTEMPTS = 3;

/** The highest number of the series this desk holds (its own and the ones synced from others). */
function highestHeld(ctx: AppContext, kind: string, year: number): number {
  return one<{ n: number | null }>(ctx, 'SELECT MAX(CAST(substr(number, 7) AS INTEGER)) AS n FROM invoices WHERE kind = ? AND year = ?', kind, year)?.n ?? 0;
}

async function reserve(ctx: AppContext, link: ServerLink, what: string, runId: string, year: number, counts: NumberCounts, fetchImpl: Fetch): Promise<ReservedNumbers> {
  const reserved: ReservedNumbers = { year, blocks: {} };
  for (const kind of SERVER_SERIES) {
    const count = counts[kind] ?? 0;
    if (count === 0) continue;
    let answer: unknown;
    try {
      answer = await serverCall(fetchImpl, link.url, '/sync/numbers', {
        method: 'POST',
        credential: link.credential,
        body: { runId, year, kind, count, after: highestHeld(ctx, kind, year) },
      });
    } catch (error) {
      // The server's own refusals (a run of another desk…) pass as they are; no answer is « offline ».
      if (error instanceof ServerUnavailable) throw offline(what, error.reason);
      throw error;
    }
    const block = reserveNumbersResponse.parse(answer);
    reserved.blocks[kind] = { first: block.first, last: block.last };
  }
  return reserved;
}

/** The refusal when the server does not answer: nothing is written. */
function offline(what: string, reason: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `${what} demande le serveur, qui donne les numéros des factures et des avoirs\u00a0: rien n’a été émis. Réessayez quand le serveur répond (${reason}).`,
  });
}

/** Runs `write` with the numbers reserved for `counts`, reserving again when the transaction needed others. */
async function withNumbers<T>(
  ctx: AppContext,
  what: string,
  runId: string,
  year: number,
  counts: NumberCounts,
  fetchImpl: Fetch,
  write: (reserved: ReservedNumbers) => T,
): Promise<T> {
  const link = requireConnection(ctx);
  let needed = counts;
  for (let attempt = 1; ; attempt++) {
    const reserved = await reserve(ctx, link, what, runId, year, needed, fetchImpl);
    try {
      return write(reserved);
    } catch (error) {
      if (!(error instanceof NumbersChanged)) throw error;
      if (attempt === ATTEMPTS) throw new AppError({ code: 'CONFLICT', message: `${what}\u00a0: les données changent pendant l’opération (synchronisation en cours\u00a0?). Rien n’a été émis\u00a0; réessayez dans un instant.` });
      needed = error.needed;
    }
  }
}

/** `billing.issue`: a period's run. */
export async function issueBillingRun(ctx: AppContext, periodId: string, options: Options & { hooks?: IssueHooks } = {}): Promise<IssueResult> {
  const period = requirePeriod(ctx, periodId);
  if (!readConnection(ctx) || period.issuedAt !== null) return issueBilling(ctx, periodId, options.hooks);
  return withNumbers(ctx, 'L’émission d’une période', issueRunId(periodId), runYear(ctx, period), issueCounts(ctx, periodId), options.fetch ?? fetch, (reserved) =>
    issueBilling(ctx, periodId, options.hooks, reserved),
  );
}

/** `billing.cancelInvoice`: the cancelling document takes its number from the server. */
export async function cancelInvoiceRun(ctx: AppContext, input: { invoiceId: string; reason: string }, options: Options = {}): Promise<ReturnType<typeof cancelInvoice>> {
  if (!readConnection(ctx)) return cancelInvoice(ctx, input);
  // Refused before reserving anything: a number reserved for nothing would be a gap.
  const invoice = cancellable(ctx, input.invoiceId);
  const kind = mirrorKind(invoice.kind);
  const year = Number(ctx.today().slice(0, 4));
  return withNumbers(ctx, 'L’annulation d’une facture', cancelRunId(invoice.id), year, { [kind]: 1 }, options.fetch ?? fetch, (reserved) =>
    cancelInvoice(ctx, input, reserved),
  );
}

/** `billing.reissueFamily`: the new invoice takes its number from the server. */
export async function reissueFamilyRun(ctx: AppContext, input: { periodId: string; familyId: string }, options: Options = {}): Promise<ReturnType<typeof reissueFamily>> {
  if (!readConnection(ctx)) return reissueFamily(ctx, input);
  const { period, draft } = reissueDraft(ctx, input);
  // Nothing to invoice again (what `reissueFamily` returns then): no number asked, nothing written.
  if (!draft) return { invoiceId: null, number: null, totalCents: 0 };
  return withNumbers(ctx, 'La refacturation d’une famille', reissueRunId(ctx, input), runYear(ctx, period), { [draft.kind]: 1 }, options.fetch ?? fetch, (reserved) =>
    reissueFamily(ctx, input, reserved),
  );
}
