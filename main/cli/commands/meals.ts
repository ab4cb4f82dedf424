import { parseServedDaysInput, servedDays } from '../../../shared/rules/served-days.js';
import { type Command, machineResult, readJsonInput } from '../shared.js';

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
    const days = servedDays(readJsonInput(values, io.cwd, parseServedDaysInput));
    return machineResult({ days, count: days.length });
  },
};
