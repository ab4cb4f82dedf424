import { z } from 'zod';
import { tryDayNumber } from '../domain/calendar.js';

/**
 * Zod building blocks for the JSON the `rules` commands read (dates, strict objects, lists,
 * booleans), with French messages, and a parse that names each faulty field — the same shape as
 * `parseServedDaysInput`: `absence.to (dernier jour d’absence) : date invalide…`.
 */

const DATE_FORMAT = 'attendu une date réelle au format AAAA-MM-JJ';

export const isoDate = z
  .string({
    error: (issue) => (issue.input === undefined ? 'date obligatoire (AAAA-MM-JJ).' : `date invalide\u00a0; ${DATE_FORMAT}.`),
  })
  .refine((v) => tryDayNumber(v) !== null, {
    error: (issue) => `date invalide\u00a0: «\u00a0${String(issue.input).slice(0, 40)}\u00a0»\u00a0; ${DATE_FORMAT}.`,
  });

export const bool = z.boolean({
  error: (issue) => (issue.input === undefined ? 'champ obligatoire (true ou false).' : 'attendu true ou false.'),
});

export const list = <T extends z.ZodType>(item: T, example: string) =>
  z
    .array(item, {
      error: (issue) => `liste ${issue.input === undefined ? 'obligatoire' : 'attendue'}, par exemple ${example}.`,
    })
    .max(1000, { error: '1\u00a0000 éléments au plus.' });

/** An object whose unknown keys are refused: a misspelt key must not be silently ignored. */
export const strictObject = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = (issue as { keys?: string[] }).keys ?? [];
        return `champ${keys.length > 1 ? 's' : ''} inconnu${keys.length > 1 ? 's' : ''}\u00a0: ${keys.map((k) => `«\u00a0${k}\u00a0»`).join(', ')}.`;
      }
      return issue.input === undefined ? 'champ obligatoire.' : 'objet attendu ({ … }).';
    },
  });

/** True when both are real dates and `last` is before `first`. */
export function reversedDates(first: string, last: string): boolean {
  const a = tryDayNumber(first);
  const b = tryDayNumber(last);
  return a !== null && b !== null && b < a;
}

/** A field path as written in JSON: `holidays[0].to`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export interface InputIssue {
  /** Dotted path, as AppError's `field`: `absence.to`. */
  field: string;
  /** French, naming the field: `absence.to (dernier jour d’absence) : date invalide…`. */
  message: string;
}

export type InputParse<T> = { success: true; data: T } | { success: false; issues: InputIssue[] };

/** Validates untrusted input against `schema`; every issue names its field (`label` gives its French name). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  label: (path: readonly PropertyKey[]) => string,
): InputParse<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    issues: result.error.issues.map((issue) => {
      const where = issue.path.length ? `${jsonPath(issue.path)} (${label(issue.path)})` : 'Données';
      return { field: issue.path.map(String).join('.'), message: `${where}\u00a0: ${issue.message}` };
    }),
  };
}
