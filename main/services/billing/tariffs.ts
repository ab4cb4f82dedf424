import { AppError } from '../../../shared/contract/errors.js';
import type { TariffGrid, TariffRow } from '../../../shared/contract/billing.js';
import { DEFAULT_QF_UPPER_BOUNDS, MAX_TRANCHE } from '../../../shared/domain/tranche.js';
import type { AppContext } from '../../context.js';
import { record, transaction } from '../../store/journal.js';
import { all, insertRow, nowIso, requireRow, updateRow } from '../../store/sql.js';

/**
 * Tariff grids: per school year, the per-meal price of each of the 10 tranches and the QF upper
 * bounds that choose the tranche (DESIGN.md « Tariff »: data, editable, audited).
 */

/** Paris's last published grid, in cents: 0,13 € … 7,00 €. */
const DEFAULT_UNIT_PRICES_CENTS = [13, 85, 162, 228, 362, 461, 489, 510, 600, 700] as const;

interface TariffRecord {
  id: string;
  school_year_id: string;
  tranche: number;
  qf_upper_bound: number | null;
  unit_price_cents: number;
  updated_at: string;
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
  const existing = all<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM tariff_grids WHERE school_year_id = ?', schoolYearId)[0]?.n ?? 0;
  if (existing > 0) return 0;
  for (const r of defaultTariffRows()) {
    const row: TariffRecord = {
      id: ctx.newId(),
      school_year_id: schoolYearId,
      tranche: r.tranche,
      qf_upper_bound: r.qfUpperBound,
      unit_price_cents: r.unitPriceCents,
      updated_at: nowIso(),
    };
    insertRow(ctx, 'tariff_grids', { ...row });
    record(ctx, { action: 'tariff.create', entity: 'tariff_grids', entityId: row.id, familyId: null, before: null, after: { ...row } });
  }
  return MAX_TRANCHE;
}

export function getTariffGrid(ctx: AppContext, schoolYearId: string): TariffGrid {
  const year = requireRow<{ id: string; label: string }>(ctx, 'school_years', schoolYearId, 'Cette année scolaire n’existe pas (ou plus).');
  const rows = all<TariffRecord>(ctx, 'SELECT * FROM tariff_grids WHERE school_year_id = ? ORDER BY tranche', schoolYearId);
  return {
    schoolYearId,
    schoolYearLabel: year.label,
    rows: rows.map((r) => ({ tranche: r.tranche, qfUpperBound: r.qf_upper_bound, unitPriceCents: r.unit_price_cents })),
  };
}

/** The grid of a year for a billing run; the default grid when the year has none stored. */
export function gridFor(ctx: AppContext, schoolYearId: string): Grid {
  const rows = all<TariffRecord>(ctx, 'SELECT * FROM tariff_grids WHERE school_year_id = ? ORDER BY tranche', schoolYearId);
  if (rows.length !== MAX_TRANCHE) {
    return { upperBounds: [...DEFAULT_QF_UPPER_BOUNDS], prices: [...DEFAULT_UNIT_PRICES_CENTS] };
  }
  return {
    upperBounds: rows.slice(0, MAX_TRANCHE - 1).map((r) => r.qf_upper_bound ?? Number.MAX_SAFE_INTEGER),
    prices: rows.map((r) => r.unit_price_cents),
  };
}

/**
 * Saves a year's grid (10 rows, checked by the contract). Each changed tranche is audited with its
 * before and after. Invoices already issued keep their prices: a grid applies to what is billed
 * after the change.
 */
export function saveTariffGrid(ctx: AppContext, schoolYearId: string, rows: TariffRow[]): { ok: true } {
  return transaction(ctx, () => {
    requireRow(ctx, 'school_years', schoolYearId, 'Cette année scolaire n’existe pas (ou plus).');
    if (rows.length !== MAX_TRANCHE) throw AppError.invalid('rows', 'La grille a 10 tranches.');
    insertDefaultGrid(ctx, schoolYearId);
    const stored = all<TariffRecord>(ctx, 'SELECT * FROM tariff_grids WHERE school_year_id = ? ORDER BY tranche', schoolYearId);
    for (const r of rows) {
      const before = stored.find((s) => s.tranche === r.tranche);
      if (!before) continue;
      if (before.qf_upper_bound === r.qfUpperBound && before.unit_price_cents === r.unitPriceCents) continue;
      const after: TariffRecord = { ...before, qf_upper_bound: r.qfUpperBound, unit_price_cents: r.unitPriceCents, updated_at: nowIso() };
      updateRow(ctx, 'tariff_grids', before.id, {
        qf_upper_bound: after.qf_upper_bound,
        unit_price_cents: after.unit_price_cents,
        updated_at: after.updated_at,
      });
      record(ctx, { action: 'tariff.update', entity: 'tariff_grids', entityId: before.id, familyId: null, before: { ...before }, after: { ...after } });
    }
    return { ok: true };
  });
}
