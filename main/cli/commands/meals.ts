import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import { parseServedDaysInput, servedDays } from '../../../shared/rules/served-days.js';
import { type Command, UsageError } from '../shared.js';

/** A served-days question is a few kilobytes; beyond this it is not one. */
const MAX_INPUT_BYTES = 1024 * 1024;

export function readInput(source: string, cwd: string): { name: string; text: string } {
  if (source === '-') {
    // fd 0: the standard input, piped or redirected.
    return { name: 'l’entrée standard', text: readFileSync(0, 'utf8') };
  }
  const file = resolve(cwd, source);
  try {
    if (statSync(file).size > MAX_INPUT_BYTES) {
      throw AppError.invalid('input', 'Fichier trop volumineux\u00a0: 1\u00a0Mo au plus.');
    }
    return { name: file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw AppError.notFound(`Fichier introuvable ou illisible\u00a0: ${file}`);
  }
}

/** « (ligne 2, colonne 5) » from JSON.parse's English message, when it gives a position. */
export function jsonErrorPlace(text: string, error: unknown): string {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return '\u00a0: texte incomplet ou mal formé';
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(position)).split('\n');
  return ` (ligne ${before.length}, colonne ${(before[before.length - 1] ?? '').length + 1})`;
}

/**
 * `meals --input FICHIER`: the served days of one child, from a JSON description of the calendar,
 * the rhythm and the enrolment. A machine command: it always answers in JSON, and calls the very
 * `servedDays` the billing uses.
 */
export const mealsCommand: Command = {
  name: 'meals',
  summary: 'Calcule les jours de repas facturables d’un enfant (entrée et sortie JSON).',
  usage: 'meals --input FICHIER',
  help: `Calcule les jours de repas servis (facturables) d’un enfant sur une période, par la règle
de la facturation\u00a0: jours de classe de l’école (année scolaire, hors vacances, jours fériés et
fermetures, jours où la restauration fonctionne) ∩ jours du rythme en vigueur ∩ dates d’inscription.
N’ouvre pas la base de données.

Options\u00a0:
  --input FICHIER   le fichier JSON à lire, ou «\u00a0-\u00a0» pour l’entrée standard

Entrée (dates AAAA-MM-JJ, bornes comprises\u00a0; jours de la semaine\u00a0: 1 = lundi … 7 = dimanche)\u00a0:
  { "range": { "from": "2026-03-01", "to": "2026-03-31" },
    "schoolYear": { "start": "2025-09-01", "end": "2026-07-03" },
    "holidays": [ { "from": "2026-02-21", "to": "2026-03-08" } ],
    "closures": [ "2026-03-17" ],
    "serviceWeekdays": [ 1, 2, 3, 4, 5 ],
    "rhythm": [ { "from": "2025-09-01", "weekdays": [ 1, 2, 4, 5 ] } ],
    "enrolment": { "from": "2025-09-01", "to": null } }

Sortie (toujours du JSON)\u00a0: { "days": [ "2026-03-09", … ], "count": 13 }
Une entrée invalide est refusée (code 1) avec un message qui nomme le champ.`,
  options: { input: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run({ values, io }) {
    const source = values.input;
    if (typeof source !== 'string' || source === '') {
      throw new UsageError('Indiquez le fichier JSON à lire\u00a0: --input FICHIER (ou --input - pour l’entrée standard).');
    }
    const { name, text } = readInput(source, io.cwd);
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw AppError.invalid('input', `JSON invalide dans ${name}${jsonErrorPlace(text, error)}.`);
    }
    const parsed = parseServedDaysInput(value);
    if (!parsed.success) {
      const first = parsed.issues[0];
      throw new AppError({
        code: 'VALIDATION',
        message: parsed.issues.map((i) => i.message).join('\n'),
        ...(first?.field ? { field: first.field } : {}),
        issues: parsed.issues,
      });
    }
    const days = servedDays(parsed.data);
    const result = { days, count: days.length };
    return { ok: true, json: result, text: [], data: JSON.stringify(result) };
  },
};
