import { eq } from 'drizzle-orm';
import { trancheForQf } from '../../shared/domain/tranche.js';
import type { PortalDb } from '../store/open.js';
import { replicaRows } from '../store/schema.js';

/**
 * « Estimer mon tarif »: the grid in force (the school year of the day, or in summer the next
 * one), read from the server's copy of the desks' rows; a quotient familial gives its tranche by
 * the grid's bounds (the rule the desks bill with, shared/domain/tranche.ts) and its price per meal.
 */
export interface Grid {
  schoolYear: string;
  tranches: { tranche: number; qfUpperBound: number | null; unitPriceCents: number }[];
}

export async function gridInForce(db: PortalDb, today: string): Promise<Grid | null> {
  const years = (await db.select({ rowId: replicaRows.rowId, data: replicaRows.data }).from(replicaRows).where(eq(replicaRows.entity, 'school_years')))
    .filter((y) => y.data._deleted !== true && typeof y.data.first_day === 'string' && typeof y.data.last_day === 'string')
    .sort((a, b) => String(a.data.first_day).localeCompare(String(b.data.first_day)));
  const year = years.find((y) => String(y.data.first_day) <= today && today <= String(y.data.last_day)) ?? years.find((y) => String(y.data.first_day) > today) ?? years.at(-1);
  if (!year) return null;
  const rows = (await db.select({ data: replicaRows.data }).from(replicaRows).where(eq(replicaRows.entity, 'tariff_grids'))).filter(
    (r) => r.data._deleted !== true && r.data.school_year_id === year.rowId,
  );
  if (rows.length === 0) return null;
  return {
    schoolYear: typeof year.data.label === 'string' ? year.data.label : '',
    tranches: rows
      .map((r) => ({ tranche: Number(r.data.tranche), qfUpperBound: typeof r.data.qf_upper_bound === 'number' ? r.data.qf_upper_bound : null, unitPriceCents: Number(r.data.unit_price_cents) }))
      .sort((a, b) => a.tranche - b.tranche),
  };
}

/** The tranche and price per meal of a quotient familial under `grid`. */
export function estimate(grid: Grid, qf: number): { tranche: number; unitPriceCents: number } | null {
  const bounds = grid.tranches.filter((t) => t.qfUpperBound !== null).map((t) => t.qfUpperBound!);
  const tranche = trancheForQf(qf, bounds);
  const row = grid.tranches.find((t) => t.tranche === tranche);
  return row ? { tranche, unitPriceCents: row.unitPriceCents } : null;
}
