import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/contract/errors.js';
import { schoolYearLabel, schoolYearStartOf } from '../../../shared/domain/school-year.js';
import type { AppContext } from '../../context.js';
import { importIcs } from './school-years.js';
import { transaction } from '../../store/journal.js';
import { ensureYearDefaults } from './defaults.js';
import { one } from '../../store/sql.js';

/**
 * The calendars Guichet ships with: each school year of zone C the ministry has published, read
 * from its file in resources/calendar (`zone-c-2026-2027.ics`, the ministry's `Zone-C.ics` form,
 * see SOURCE.md), with its default tariff grid and five billing periods. A year with no shipped
 * file is refused with a French message, never invented.
 */
function calendarDir(): string {
  const here = fileURLToPath(import.meta.url);
  // From the sources (tsx, tests); the Electron bundle gets a copy beside main.cjs (scripts/build-electron.mjs).
  if (here.endsWith('.ts')) return join(dirname(here), '..', '..', '..', 'resources', 'calendar');
  return join(dirname(here), 'calendar');
}

/** The shipped file of a school year (« 2026-2027 »), or null when Guichet has none for it. */
export function shippedCalendarFile(label: string, dir: string = calendarDir()): string | null {
  if (!/^\d{4}-\d{4}$/.test(label)) return null;
  const file = join(dir, `zone-c-${label}.ics`);
  return existsSync(file) ? file : null;
}

/** Why a school year cannot be seeded: what the agent reads, and what to do. */
export function missingCalendarMessage(label: string): string {
  return `Le calendrier scolaire ${label} de la zone C n’est pas livré avec Guichet (le ministère ne l’a peut-être pas encore publié)\u00a0: importez le fichier Zone-C.ics du ministère depuis l’écran Calendrier, ou saisissez l’année à la main.`;
}

export interface SeedResult {
  /** The school year seeded (« 2026-2027 »). */
  label: string;
  schoolYears: number;
  holidays: number;
  periods: number;
  tariffs: number;
}

const count = (ctx: AppContext, table: string) => one<{ n: number }>(ctx, `SELECT COUNT(*) AS n FROM ${table}`)?.n ?? 0;

/**
 * Seeds one school year from its shipped file (default: the year containing today). Idempotent:
 * a second call changes nothing. Called by the demo data and by the `calendar.seedDefault`
 * operation (the calendar screen offers it when no school year is stored).
 */
export function seedDefaultCalendar(ctx: AppContext, label: string = schoolYearLabel(schoolYearStartOf(ctx.today()))): SeedResult {
  return transaction(ctx, () => {
    const before = { schoolYears: count(ctx, 'school_years'), holidays: count(ctx, 'holidays'), periods: count(ctx, 'billing_periods'), tariffs: count(ctx, 'tariff_grids') };
    const existing = one<{ id: string }>(ctx, 'SELECT id FROM school_years WHERE label = ?', label);
    if (existing) {
      ensureYearDefaults(ctx, existing.id);
    } else {
      const file = shippedCalendarFile(label);
      if (file === null) throw AppError.notFound(missingCalendarMessage(label));
      importIcs(ctx, { content: readFileSync(file, 'utf8'), schoolYearLabel: label });
    }
    return {
      label,
      schoolYears: count(ctx, 'school_years') - before.schoolYears,
      holidays: count(ctx, 'holidays') - before.holidays,
      periods: count(ctx, 'billing_periods') - before.periods,
      tariffs: count(ctx, 'tariff_grids') - before.tariffs,
    };
  });
}
