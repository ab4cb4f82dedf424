import { and, eq, max } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.js';
import type { NumberBlock, ReserveNumbers } from '../../shared/contract/numbers.js';
import { formatDocumentNumber } from '../../shared/domain/document-numbers.js';
import { lockedTransaction, type PortalStore } from '../store/open.js';
import { desks, numberBlocks } from '../store/schema.js';

/**
 * The server numbers invoices and credit notes (issue 10 § 2): a desk reserves an unbroken block
 * of a year's series for one run, then writes the run with those numbers. A run's id is its own:
 *  - asked again with the same count, it gets the same block (a run killed after reserving, retried);
 *  - asked again with another count (the data changed between the crash and the retry), its block is
 *    resized while it is still the last of the series, else refused: resizing would overlap the
 *    next block or leave a gap;
 *  - asked by another desk, refused: the operation was done (or is under way) there.
 */

export async function reserveNumbers(
  store: PortalStore,
  desk: { id: string },
  input: ReserveNumbers,
  now: Date,
): Promise<NumberBlock> {
  const { runId, year, kind, count } = input;
  const range = (first: number, last: number) => `${formatDocumentNumber(kind, year, first)} à ${formatDocumentNumber(kind, year, last)}`;
  return lockedTransaction(store, 'invoiceNumbers', async (tx) => {
    const series = and(eq(numberBlocks.year, year), eq(numberBlocks.kind, kind));
    const [existing] = await tx.select().from(numberBlocks).where(and(series, eq(numberBlocks.runId, runId)));
    const [top] = await tx.select({ last: max(numberBlocks.last) }).from(numberBlocks).where(series);
    const seriesLast = top?.last ?? 0;
    if (!existing) {
      const first = Math.max(seriesLast, input.after) + 1;
      const last = first + count - 1;
      await tx.insert(numberBlocks).values({ year, kind, runId, deskId: desk.id, first, last, reservedAt: now });
      return { runId, year, kind, first, last };
    }
    if (existing.deskId !== desk.id) {
      const [other] = await tx.select({ name: desks.name }).from(desks).where(eq(desks.id, existing.deskId));
      throw new AppError({
        code: 'CONFLICT',
        message: `Cette opération a déjà ses numéros (${range(existing.first, existing.last)}), réservés par le poste «\u00a0${other?.name ?? existing.deskId}\u00a0»\u00a0: elle y a été faite ou y est en cours. Synchronisez ce poste avant de recommencer.`,
      });
    }
    if (existing.last - existing.first + 1 === count) return { runId, year, kind, first: existing.first, last: existing.last };
    if (existing.last !== seriesLast) {
      throw new AppError({
        code: 'CONFLICT',
        message: `Cette opération avait réservé ${existing.last - existing.first + 1} numéro(s) (${range(existing.first, existing.last)}) et en demande maintenant ${count}, mais d’autres numéros ont été réservés depuis\u00a0: la série aurait un trou ou un doublon. Rien n’a été émis\u00a0; signalez-le à l’administrateur du serveur.`,
      });
    }
    const last = existing.first + count - 1;
    await tx
      .update(numberBlocks)
      .set({ last, reservedAt: now })
      .where(and(series, eq(numberBlocks.runId, runId)));
    return { runId, year, kind, first: existing.first, last };
  });
}
