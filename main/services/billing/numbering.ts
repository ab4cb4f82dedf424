import { AppError } from '../../../shared/contract/errors.js';
import { SERVER_SERIES, type NumberBlock, type ServerSeries } from '../../../shared/contract/numbers.js';
import { formatDocumentNumber, type SeriesKind } from '../../../shared/domain/document-numbers.js';
import type { AppContext } from '../../context.js';
import { one, prepared } from '../../store/sql.js';
import { readConnection } from '../../store/server-link.js';

/**
 * Unbroken series per calendar year of issue and kind (shared/domain/document-numbers.ts).
 *  - A standalone desk numbers everything from its local `number_series`.
 *  - A desk linked to the server takes its invoice and credit-note numbers from blocks the server
 *    reserved for the operation (sync/numbers.ts): several desks, one series.
 *  - Receipts are numbered on the desk even when linked, offline too: a linked desk has its own
 *    receipt book, « R2026-03-000001 » for desk 3 (docs/decisions.md).
 * Numbers are taken in memory and written by `flush()` inside the caller's transaction: a
 * rolled-back operation leaves no gap.
 */
export interface Numbering {
  readonly year: number;
  next(kind: SeriesKind): string;
  flush(): void;
}

/** Numbers reserved by the server for one operation, by kind (both ends of each block included). */
export interface ReservedNumbers {
  year: number;
  blocks: Partial<Record<ServerSeries, Pick<NumberBlock, 'first' | 'last'>>>;
}

/** How many numbers an operation needs, by kind. */
export type NumberCounts = Partial<Record<ServerSeries, number>>;

/**
 * The operation needs other counts than the blocks reserved for it (the data changed between the
 * reservation and the transaction): thrown inside the transaction, which rolls back; the caller
 * reserves again with `needed` (sync/numbers.ts).
 */
export class NumbersChanged extends Error {
  constructor(readonly needed: NumberCounts) {
    super('Le nombre de documents à numéroter a changé depuis la réservation des numéros.');
  }
}

/** A local series (a standalone desk's, or a linked desk's receipt book under its own key). */
class LocalSeries implements Numbering {
  private readonly last = new Map<SeriesKind, number>();

  constructor(
    private readonly ctx: AppContext,
    readonly year: number,
    /** A linked desk's number: its receipts go to its own book. */
    private readonly deskNumber: number | null = null,
  ) {}

  private key(kind: SeriesKind): string {
    return this.deskNumber === null ? kind : `${kind}:${this.deskNumber}`;
  }

  next(kind: SeriesKind): string {
    let n = this.last.get(kind);
    n ??= one<{ last: number }>(this.ctx, 'SELECT last FROM number_series WHERE year = ? AND kind = ?', this.year, this.key(kind))?.last ?? 0;
    n += 1;
    this.last.set(kind, n);
    return formatDocumentNumber(kind, this.year, n, this.deskNumber);
  }

  flush(): void {
    for (const [kind, last] of this.last) {
      prepared(
        this.ctx.store.sqlite,
        `INSERT INTO number_series (year, kind, last) VALUES (?, ?, ?)
         ON CONFLICT(year, kind) DO UPDATE SET last = excluded.last`,
      ).run(this.year, this.key(kind), last);
    }
  }
}

/** The server's blocks for one operation: every number of each block used, no more. */
class ReservedSeries implements Numbering {
  private readonly used = new Map<ServerSeries, number>();
  readonly year: number;

  constructor(private readonly reserved: ReservedNumbers) {
    this.year = reserved.year;
  }

  /** Checked before anything is written: the operation needs exactly the reserved blocks. */
  expect(needed: NumberCounts): void {
    for (const kind of SERVER_SERIES) {
      const block = this.reserved.blocks[kind];
      if ((needed[kind] ?? 0) !== (block ? block.last - block.first + 1 : 0)) throw new NumbersChanged(needed);
    }
  }

  next(kind: SeriesKind): string {
    if (kind === 'receipt') throw new Error('Les reçus ne sont pas numérotés par le serveur.');
    const block = this.reserved.blocks[kind];
    const used = this.used.get(kind) ?? 0;
    if (!block || block.first + used > block.last) throw new Error(`Numéros réservés épuisés (${kind}).`);
    this.used.set(kind, used + 1);
    return formatDocumentNumber(kind, this.year, block.first + used);
  }

  flush(): void {
    // Nothing local: the server keeps the series.
  }
}

/** The refusal when a linked desk would number an invoice itself. */
function serverNumbersRequired(): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: 'Ce poste est relié au serveur\u00a0: les numéros des factures et des avoirs sont donnés par le serveur. Rien n’a été émis.',
  });
}

/**
 * The numbers of an invoicing operation in `year`: the server's reserved blocks when given (checked
 * against `needed`), else the local series on a standalone desk; a linked desk never numbers
 * invoices itself.
 */
export function invoiceNumbering(ctx: AppContext, year: number, reserved: ReservedNumbers | undefined, needed: NumberCounts): Numbering {
  if (reserved) {
    if (reserved.year !== year) throw new NumbersChanged(needed);
    const series = new ReservedSeries(reserved);
    series.expect(needed);
    return series;
  }
  if (readConnection(ctx.dataDir)) throw serverNumbersRequired();
  return new LocalSeries(ctx, year);
}

/** A receipt's number, allocated and written at once: the desk's own book when linked to the server. */
export function allocateReceiptNumber(ctx: AppContext, issuedOn: string): string {
  const link = readConnection(ctx.dataDir);
  let deskNumber: number | null = null;
  if (link) {
    if (link.deskNumber === undefined) {
      throw new AppError({
        code: 'CONFLICT',
        message: 'Ce poste a été relié au serveur avant la numérotation des reçus par poste\u00a0: reliez-le à nouveau (Réglages › Serveur) pour obtenir son numéro de poste. Rien n’a été enregistré.',
      });
    }
    deskNumber = link.deskNumber;
  }
  const series = new LocalSeries(ctx, Number(issuedOn.slice(0, 4)), deskNumber);
  const number = series.next('receipt');
  series.flush();
  return number;
}
