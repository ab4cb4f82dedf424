import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import * as calendar from '../calendar/index.js';
import { ensureYearDefaults } from './defaults.js';

/**
 * School years as billing needs them: the calendar creates the year, billing gives every new year
 * its default tariff grid and five periods (editable until issued), in the same transaction.
 */

export function saveSchoolYear(ctx: AppContext, input: Parameters<typeof calendar.saveSchoolYear>[1]): { id: string } {
  return transaction(ctx, () => {
    const saved = calendar.saveSchoolYear(ctx, input);
    if (input.id === undefined) ensureYearDefaults(ctx, saved.id);
    return saved;
  });
}

export function importIcs(ctx: AppContext, input: Parameters<typeof calendar.importIcs>[1]): ReturnType<typeof calendar.importIcs> {
  return transaction(ctx, () => {
    const imported = calendar.importIcs(ctx, input);
    for (const year of imported.years) if (year.created) ensureYearDefaults(ctx, year.id);
    return imported;
  });
}
