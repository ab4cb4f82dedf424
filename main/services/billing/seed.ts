import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../context.js';
import { addClosure } from '../calendar/index.js';
import { importIcs } from './school-years.js';
import { transaction } from '../../store/journal.js';
import { ensureYearDefaults } from './defaults.js';
import { all, one } from '../../store/sql.js';

/**
 * The calendar Guichet ships with: school year 2025-2026 of zone C, read from the ministry's file
 * in resources/calendar, with its default tariff grid and five billing periods. Idempotent: a
 * second call changes nothing. Called by the demo data and by the `calendar.seedDefault`
 * operation (the calendar screen offers it when no school year is stored).
 */
export const DEFAULT_CALENDAR_FILE = fileURLToPath(new URL('../../../resources/calendar/zone-c-2025-2026.ics', import.meta.url));
const DEFAULT_SCHOOL_YEAR = '2025-2026';

export interface SeedResult {
  schoolYears: number;
  holidays: number;
  periods: number;
  tariffs: number;
}

const count = (ctx: AppContext, table: string) => one<{ n: number }>(ctx, `SELECT COUNT(*) AS n FROM ${table}`)?.n ?? 0;

export function seedDefaultCalendar(ctx: AppContext, file: string = DEFAULT_CALENDAR_FILE): SeedResult {
  return transaction(ctx, () => {
    const before = { schoolYears: count(ctx, 'school_years'), holidays: count(ctx, 'holidays'), periods: count(ctx, 'billing_periods'), tariffs: count(ctx, 'tariff_grids') };
    const existing = one<{ id: string }>(ctx, 'SELECT id FROM school_years WHERE label = ?', DEFAULT_SCHOOL_YEAR);
    if (existing) {
      ensureYearDefaults(ctx, existing.id);
    } else {
      importIcs(ctx, { content: readFileSync(file, 'utf8'), schoolYearLabel: DEFAULT_SCHOOL_YEAR });
    }
    return {
      schoolYears: count(ctx, 'school_years') - before.schoolYears,
      holidays: count(ctx, 'holidays') - before.holidays,
      periods: count(ctx, 'billing_periods') - before.periods,
      tariffs: count(ctx, 'tariff_grids') - before.tariffs,
    };
  });
}

/** A few closures of the demo year (a strike, a school trip), on fixed days, at fixed schools. */
const DEMO_CLOSURES = [
  { date: '2025-12-02', kind: 'strike', label: null, codes: ['M-PARM', 'E-PARM', 'E-OBER', 'P-FROM'] },
  { date: '2026-03-17', kind: 'strike', label: null, codes: ['E-SMAU', 'E-ROQU', 'M-KELL'] },
  { date: '2026-05-22', kind: 'trip', label: 'classe de découverte', codes: ['E-SERV'] },
] as const;

/** What the demo data set adds for billing: the default calendar and a few closures. */
export function seedDemoBilling(ctx: AppContext): SeedResult & { closures: number } {
  return transaction(ctx, () => {
    const seeded = seedDefaultCalendar(ctx);
    const schools = new Map(all<{ id: string; code: string }>(ctx, 'SELECT id, code FROM schools').map((s) => [s.code, s.id]));
    let closures = 0;
    for (const c of DEMO_CLOSURES) {
      const schoolIds = c.codes.map((code) => schools.get(code)).filter((id): id is string => id !== undefined);
      const fresh = schoolIds.filter((id) => !one(ctx, 'SELECT id FROM closures WHERE school_id = ? AND date = ?', id, c.date));
      if (fresh.length === 0) continue;
      closures += addClosure(ctx, { schoolIds: fresh, date: c.date, kind: c.kind, label: c.label }).ids.length;
    }
    return { ...seeded, closures };
  });
}
