import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import * as calendar from '../calendar/index.js';
import { ensureYearDefaults } from './defaults.js';

/**
 * School years as billing needs them: the calendar creates the year, billing gives every new year
 * its default tariff grid and five periods (editable until issued), in the same transaction.
 */

export function saveSchoolYear(ctx: AppContext, input: Parameters<typeof calendar.saveYearDates>[1]): { id: string } {
  return transaction(ctx, () => {
    const saved = calendar.saveYearDates(ctx, input);
    if (input.id === undefined) ensureYearDefaults(ctx, saved.id);
    return saved;
  });
}

export function importIcs(ctx: AppContext, input: Parameters<typeof calendar.importCalendarFile>[1]): ReturnType<typeof calendar.importCalendarFile> {
  return transaction(ctx, () => {
    const imported = calendar.importCalendarFile(ctx, input);
    for (const year of imported.years) if (year.created) ensureYearDefaults(ctx, year.id);
    return imported;
  });
}
