import type { AppContext } from '../../context.js';
import { one, prepared } from '../../store/sql.js';

export type SeriesKind = 'invoice' | 'credit_note' | 'receipt';
const PREFIX: Record<SeriesKind, string> = { invoice: 'F', credit_note: 'A', receipt: 'R' };

/**
 * Unbroken series per calendar year of issue and kind: « F2026-000001 » invoices, « A2026-… »
 * credit notes (« avoirs »), « R2026-… » payment receipts. Numbers are taken in memory and the
 * series row written by `flush()`, inside the caller's transaction: a rolled-back run leaves no
 * gap. (Desktop numbering; the hub becomes authoritative with the sync, see docs/decisions.md.)
 */
export class NumberSeries {
  private readonly last = new Map<SeriesKind, number>();

  constructor(
    private readonly ctx: AppContext,
    readonly year: number,
  ) {}

  next(kind: SeriesKind): string {
    let n = this.last.get(kind);
    if (n === undefined) {
      n = (one<{ last: number }>(this.ctx, 'SELECT last FROM number_series WHERE year = ? AND kind = ?', this.year, kind)?.last ?? 0);
    }
    n += 1;
    this.last.set(kind, n);
    return `${PREFIX[kind]}${this.year}-${String(n).padStart(6, '0')}`;
  }

  flush(): void {
    for (const [kind, last] of this.last) {
      prepared(
        this.ctx.store.sqlite,
        `INSERT INTO number_series (year, kind, last) VALUES (?, ?, ?)
         ON CONFLICT(year, kind) DO UPDATE SET last = excluded.last`,
      ).run(this.year, kind, last);
    }
  }
}

/** One number, allocated and written at once (a cancellation, a receipt). */
export function allocateNumber(ctx: AppContext, kind: SeriesKind, issuedOn: string): string {
  const series = new NumberSeries(ctx, Number(issuedOn.slice(0, 4)));
  const number = series.next(kind);
  series.flush();
  return number;
}
