import { AppError } from '../../../shared/contract/errors.js';
import type { TariffGrid, TariffRow } from '../../../shared/contract/billing.js';
import { DEFAULT_QF_UPPER_BOUNDS, MAX_TRANCHE } from '../../../shared/domain/tranche.js';
import type { AppContext } from '../../context.js';
import { asc, eq } from 'drizzle-orm';
import { transaction } from '../../store/journal.js';
import { insertRecord, requireRecord, type RowOf, updateRecord } from '../../store/records.js';
import { schoolYears, tariffGrids } from '../../store/schema.js';
import { nowIso } from '../../store/sql.js';

/**
 * Tariff grids: per school year, the per-meal price of each of the 10 tranches and the QF upper
 * bounds that choose the tranche (DESIGN.md « Tariff »: data, editable, audited).
 */

/** Paris's last published grid, in cents: 0,13 € … 7,00 €. */
const DEFAULT_UNIT_PRICES_CENTS = [13, 85, 162, 228, 362, 461, 489, 510, 600, 700] as const;

type TariffRecord = RowOf<typeof tariffGrids>;

const YEAR_GONE = 'Cette année scolaire n’existe pas (ou plus).';

function storedGrid(ctx: AppContext, schoolYearId: string): TariffRecord[] {
  return ctx.store.db.select().from(tariffGrids).where(eq(tariffGrids.schoolYearId, schoolYearId)).orderBy(asc(tariffGrids.tranche)).all();
}

/** The grid as the billing run uses it: bounds of tranches 1–9 and prices of tranches 1–10. */
export interface Grid {
  upperBounds: number[];
  /** Index = tranche − 1. */
  prices: number[];
}

export function defaultTariffRows(): TariffRow[] {
  return DEFAULT_UNIT_PRICES_CENTS.map((price, i) => ({
    tranche: i + 1,
    qfUpperBound: DEFAULT_QF_UPPER_BOUNDS[i] ?? null,
    unitPriceCents: price,
  }));
}

/** Writes the default grid for a year without one; returns the rows created. */
export function insertDefaultGrid(ctx: AppContext, schoolYearId: string): number {
  if (storedGrid(ctx, schoolYearId).length > 0) return 0;
  for (const r of defaultTariffRows()) {
    const row: TariffRecord = { id: ctx.newId(), schoolYearId, tranche: r.tranche, qfUpperBound: r.qfUpperBound, unitPriceCents: r.unitPriceCents, updatedAt: nowIso() };
    insertRecord(ctx, tariffGrids, row, { action: 'tariff.create', familyId: null });
  }
  return MAX_TRANCHE;
}

export function getTariffGrid(ctx: AppContext, schoolYearId: string): TariffGrid {
  const year = requireRecord(ctx, schoolYears, schoolYearId, YEAR_GONE);
  return {
    schoolYearId,
    schoolYearLabel: year.label,
    rows: storedGrid(ctx, schoolYearId).map((r) => ({ tranche: r.tranche, qfUpperBound: r.qfUpperBound, unitPriceCents: r.unitPriceCents })),
  };
}

/** The grid of a year for a billing run; the default grid when the year has none stored. */
export function gridFor(ctx: AppContext, schoolYearId: string): Grid {
  const rows = storedGrid(ctx, schoolYearId);
  if (rows.length !== MAX_TRANCHE) {
    return { upperBounds: [...DEFAULT_QF_UPPER_BOUNDS], prices: [...DEFAULT_UNIT_PRICES_CENTS] };
  }
  return {
    upperBounds: rows.slice(0, MAX_TRANCHE - 1).map((r) => r.qfUpperBound ?? Number.MAX_SAFE_INTEGER),
    prices: rows.map((r) => r.unitPriceCents),
  };
}

/**
 * Saves a year's grid (10 rows, checked by the contract). Each changed tranche is audited with its
 * before and after. Invoices already issued keep their prices: a grid applies to what is billed
 * after the change.
 */
export function saveTariffGrid(ctx: AppContext, schoolYearId: string, rows: TariffRow[]): { ok: true } {
  return transaction(ctx, () => {
    requireRecord(ctx, schoolYears, schoolYearId, YEAR_GONE);
    if (rows.length !== MAX_TRANCHE) throw AppError.invalid('rows', 'La grille a 10 tranches.');
    insertDefaultGrid(ctx, schoolYearId);
    const stored = storedGrid(ctx, schoolYearId);
    for (const r of rows) {
      const before = stored.find((s) => s.tranche === r.tranche);
      if (!before) continue;
      if (before.qfUpperBound === r.qfUpperBound && before.unitPriceCents === r.unitPriceCents) continue;
      const changes = { qfUpperBound: r.qfUpperBound, unitPriceCents: r.unitPriceCents, updatedAt: nowIso() };
      updateRecord(ctx, tariffGrids, before, changes, { action: 'tariff.update', familyId: null });
    }
    return { ok: true };
  });
}
