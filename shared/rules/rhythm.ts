import { z } from 'zod';
import { compareDates, dayNumber } from '../domain/calendar.js';
import { type InputParse, isoDate, list, parseInput, reversedDates, strictObject } from './json-input.js';

/**
 * Rhythm change (DESIGN.md, « The trade: rules »): requested by the family, validated by staff, it
 * takes effect at the start of the first billing period that BEGINS AFTER the validation date
 * (strictly: a period starting on the validation day has already begun). Until then every meal of
 * the current rhythm is billed.
 */

export interface BillingPeriodDates {
  start: string;
  end: string;
}

/**
 * The start of the first period beginning strictly after `validatedOn`, or null when none does
 * (the next school year's periods are not created yet). Periods may come in any order and span
 * several school years; a validation in summer thus lands on the first period of the next year.
 */
export function rhythmEffectiveFrom(validatedOn: string, periods: readonly BillingPeriodDates[]): string | null {
  dayNumber(validatedOn);
  let best: string | null = null;
  for (const p of periods) {
    dayNumber(p.start);
    if (compareDates(p.start, validatedOn) > 0 && (best === null || compareDates(p.start, best) < 0)) best = p.start;
  }
  return best;
}

// ─── Input schema (the `rules rhythm` command's JSON) ──────────────────────────────────────

const rhythmInputSchema = strictObject({
  validatedOn: isoDate,
  periods: list(
    strictObject({
      id: z
        .string({ error: (issue) => (issue.input === undefined ? 'identifiant obligatoire, par exemple «\u00a02026-03\u00a0».' : 'texte attendu, par exemple «\u00a02026-03\u00a0».') })
        .max(100, { error: '100 caractères au plus.' }),
      start: isoDate,
      end: isoDate,
    }),
    '[{ "id": "2026-03", "start": "2026-03-01", "end": "2026-04-30" }]',
  ),
}).superRefine((input, ctx) => {
  input.periods.forEach((p, i) => {
    if (reversedDates(p.start, p.end)) ctx.addIssue({ code: 'custom', path: ['periods', i, 'end'], message: 'la fin de la période précède son début.' });
  });
});

export type RhythmInput = z.output<typeof rhythmInputSchema>;

/** French name of a field of the rhythm input, from its path. */
function rhythmFieldLabel(path: readonly PropertyKey[]): string {
  const [head, second, third] = path;
  if (head === undefined) return 'données';
  if (head === 'validatedOn') return 'date de validation du changement de rythme';
  if (head !== 'periods') return String(head);
  if (typeof second !== 'number') return 'périodes de facturation';
  const nth = `n°\u00a0${second + 1}`;
  if (third === 'id') return `identifiant de la période ${nth}`;
  if (third === 'start') return `début de la période ${nth}`;
  if (third === 'end') return `fin de la période ${nth}`;
  return `période ${nth}`;
}

/** Validates untrusted input (the CLI's JSON); every issue names its field, in French. */
export function parseRhythmInput(value: unknown): InputParse<RhythmInput> {
  return parseInput(rhythmInputSchema, value, rhythmFieldLabel);
}
