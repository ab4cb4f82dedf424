import type { AppContext } from '../../context.js';
import { insertDefaultPeriods } from './periods.js';
import { insertDefaultGrid } from './tariffs.js';

/** What every school year needs to be billed: the default tariff grid and the five periods. */
export function ensureYearDefaults(ctx: AppContext, schoolYearId: string): { periods: number; tariffs: number } {
  return { tariffs: insertDefaultGrid(ctx, schoolYearId), periods: insertDefaultPeriods(ctx, schoolYearId) };
}
