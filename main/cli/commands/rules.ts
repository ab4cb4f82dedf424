import { AppError } from '../../../shared/contract/errors.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { parseRefundInput, refundVerdict } from '../../../shared/rules/refund.js';
import { parseRhythmInput, rhythmEffectiveFrom } from '../../../shared/rules/rhythm.js';
import { type Command, machineResult, readJsonInput, UsageError } from '../shared.js';

const ACTIONS = ['refund', 'rhythm'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * `rules refund | rhythm --input FICHIER`: the trade rules of DESIGN.md, one question at a time, as
 * JSON in and out. Machine commands: they open no database and call the very functions of
 * `shared/rules/` the application uses.
 */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'Règles\u00a0: remboursement pour maladie, date d’effet d’un changement de rythme (JSON).',
  usage: 'rules <refund|rhythm> --input FICHIER',
  help: `Applique une règle de la Caisse à une demande décrite en JSON et répond en JSON.
N’ouvre pas la base de données.

Actions\u00a0:
  refund   remboursement des repas pour maladie (article 8 du règlement intérieur)
  rhythm   date d’effet d’un changement de rythme

Options\u00a0:
  --input FICHIER   le fichier JSON à lire, ou «\u00a0-\u00a0» pour l’entrée standard

refund — entrée (dates AAAA-MM-JJ, bornes comprises\u00a0; certificate\u00a0: null sans certificat)\u00a0:
  { "reason": "maladie",
    "absence": { "from": "2026-03-09", "to": "2026-03-13" },
    "servedDays": [ "2026-03-09", "2026-03-10", "2026-03-12", "2026-03-13" ],
    "receivedOn": "2026-03-20",
    "certificate": { "original": true, "noErasures": true },
    "schoolHeadVisa": true,
    "unitPriceCents": 362,
    "alreadyRefundedDays": [] }
  Facultatif\u00a0: "dayPricesCents": { "2026-03-09": 700, … }, le prix facturé de chaque jour quand il
  change pendant l’absence (un jour absent de la liste prend unitPriceCents)\u00a0;
  "unbilledPeriods": [ { "label": "Mars / Avril 2026", "from": "2026-03-01", "to": "2026-04-30" } ],
  les périodes pas encore facturées\u00a0: leurs jours de repas sont ceux que prévoit le rythme, et le
  remboursement de ces jours sera déduit de leur facture (sortie\u00a0: "notBilledYet").
Sortie\u00a0: { "eligible": true, "refundedDays": [ … ], "amountCents": 1448, "notBilledYet": [],
           "checks": [ { "rule": "deadline", "ok": true, "message": "Reçue le 20/03/2026, …" }, … ] }
Règles vérifiées (toutes, réussies ou non)\u00a0: reason, certificate.present, certificate.original,
certificate.noErasures, schoolHeadVisa, deadline (30 jours après le dernier jour d’absence, le
30e compris), minimumDays (au moins 3 jours de repas dans l’absence), notAlreadyRefunded.

rhythm — entrée\u00a0:
  { "validatedOn": "2026-03-15",
    "periods": [ { "id": "2026-03", "start": "2026-03-01", "end": "2026-04-30" },
                 { "id": "2026-05", "start": "2026-05-01", "end": "2026-07-03" } ] }
Sortie\u00a0: { "effectiveFrom": "2026-05-01" } — le début de la première période qui commence après
la date de validation. Si aucune ne commence après, erreur (code 1).

Une entrée invalide est refusée (code 1) avec un message qui nomme le champ.`,
  options: { input: { type: 'string' } },
  positionals: { min: 1, max: 1, missing: `Indiquez l’action\u00a0: ${ACTIONS.join(', ')}.` },
  run({ values, positionals, io }) {
    const action = positionals[0] as string;
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`Action inconnue\u00a0: ${action}. Actions\u00a0: ${ACTIONS.join(', ')}.`);
    }
    switch (action as Action) {
      case 'refund': {
        const input = readJsonInput(values, io.cwd, parseRefundInput);
        const verdict = refundVerdict(input);
        return machineResult({ ...verdict });
      }
      case 'rhythm': {
        const input = readJsonInput(values, io.cwd, parseRhythmInput);
        const effectiveFrom = rhythmEffectiveFrom(input.validatedOn, input.periods);
        if (effectiveFrom === null) {
          throw AppError.invalid(
            'periods',
            `periods (périodes de facturation)\u00a0: aucune période ne commence après la date de validation (${formatFrenchDate(input.validatedOn)})\u00a0; ajoutez les périodes suivantes.`,
          );
        }
        return machineResult({ effectiveFrom });
      }
    }
  },
};
