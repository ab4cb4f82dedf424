import { z } from 'zod';
import { empty, id, isoDate, month, ok, op, optionalText, trimmed, weekdayList } from './common.js';

/** The calendar: school years, zone C holidays, closures, the weekdays each school serves meals. */

export const closureKind = z.enum(['strike', 'trip', 'closure'], { error: 'Type de fermeture inconnu.' });
export type ClosureKind = z.infer<typeof closureKind>;
export const CLOSURE_KIND_LABELS: Record<ClosureKind, string> = {
  strike: 'Grève',
  trip: 'Sortie scolaire',
  closure: 'Fermeture',
};

export const dayStatus = z.enum(['served', 'weekend', 'holiday', 'public_holiday', 'closure', 'out_of_year', 'no_service']);
export type DayStatus = z.infer<typeof dayStatus>;
export const DAY_STATUS_LABELS: Record<DayStatus, string> = {
  served: 'Servi',
  weekend: 'Week-end',
  holiday: 'Vacances',
  public_holiday: 'Férié',
  closure: 'Fermeture',
  out_of_year: 'Hors année scolaire',
  no_service: 'Pas de service ce jour',
};

export const holiday = z.object({ id: z.string(), label: z.string(), from: z.string(), to: z.string() });
export type Holiday = z.infer<typeof holiday>;

export const schoolYear = z.object({
  id: z.string(),
  label: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  holidays: z.array(holiday),
});
export type SchoolYear = z.infer<typeof schoolYear>;

export const closure = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  date: z.string(),
  kind: closureKind,
  label: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Closure = z.infer<typeof closure>;

export const calendarDay = z.object({
  date: z.string(),
  /** ISO weekday, 1 = lundi. */
  weekday: z.number(),
  status: dayStatus,
  /** « Servi », « Vacances d’Hiver », « Lundi de Pâques », « Grève », … */
  label: z.string(),
});
export type CalendarDay = z.infer<typeof calendarDay>;

const schoolYearLabel = z
  .string({ error: 'Année scolaire obligatoire.' })
  .trim()
  .regex(/^(\d{4})-(\d{4})$/, { error: 'Année scolaire invalide (attendu\u00a0: 2025-2026).' })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, { error: 'Les deux années doivent se suivre (2025-2026).' });

const serviceWeekdays = weekdayList('de service');


export const calendarOperations = {
  'calendar.years': op(empty, z.array(schoolYear)),
  'calendar.saveYear': op(
    z
      .object({ id: id.optional(), label: schoolYearLabel, firstDay: isoDate, lastDay: isoDate })
      .refine((y) => y.lastDay > y.firstDay, { error: 'Le dernier jour précède le premier.', path: ['lastDay'] }),
    z.object({ id: z.string() }),
  ),
  'calendar.saveHoliday': op(
    z
      .object({ id: id.optional(), schoolYearId: id, label: trimmed(80, 'Libellé obligatoire.'), from: isoDate, to: isoDate })
      .refine((h) => h.to >= h.from, { error: 'Le dernier jour précède le premier.', path: ['to'] }),
    z.object({ id: z.string() }),
  ),
  'calendar.removeHoliday': op(z.object({ id }), ok),
  'calendar.importIcs': op(
    z.object({
      content: z.string({ error: 'Fichier obligatoire.' }).min(1, { error: 'Fichier vide.' }).max(5_000_000, { error: 'Fichier trop volumineux.' }),
      schoolYearLabel: schoolYearLabel.optional(),
    }),
    z.object({
      years: z.array(z.object({ id: z.string(), label: z.string(), firstDay: z.string(), lastDay: z.string(), holidays: z.number(), created: z.boolean() })),
      warnings: z.array(z.string()),
    }),
  ),
  'calendar.seedDefault': op(
    empty,
    z.object({ label: z.string(), schoolYears: z.number(), holidays: z.number(), periods: z.number(), tariffs: z.number() }),
  ),
  'calendar.closures': op(
    z.object({ schoolId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }).default({}),
    z.array(closure),
  ),
  'calendar.addClosure': op(
    z.object({
      schoolIds: z.array(id).min(1, { error: 'Choisissez au moins une école.' }).max(100),
      date: isoDate,
      kind: closureKind,
      label: optionalText(120),
    }),
    z.object({ ids: z.array(z.string()) }),
  ),
  'calendar.removeClosure': op(z.object({ id }), ok),
  'calendar.setServiceWeekdays': op(z.object({ schoolId: id, weekdays: serviceWeekdays }), ok),
  'calendar.month': op(
    z.object({ schoolId: id, month }),
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      month: z.string(),
      serviceWeekdays: z.array(z.number()),
      days: z.array(calendarDay),
      servedDays: z.number(),
    }),
  ),
} as const;
