import { DEFAULT_DEMO_FAMILIES, loadDemo } from '../../services/setup/index.js';
import { type Command, count, integerOption, openContext } from '../shared.js';

/** « 1 période facturée », « 0 paiement », « 8 108 paiements » (French: the plural from 2). */
const n = (value: number, one: string, many: string) => `${count(value)} ${value >= 2 ? many : one}`;

export const demo: Command = {
  name: 'demo',
  summary: 'Charge les données de démonstration (45 écoles, 9 000 familles) dans une base vide.',
  usage: 'demo [--seed N] [--families N]',
  help: `Charge un jeu de données de démonstration réaliste du 11e : 45 écoles, ${count(DEFAULT_DEMO_FAMILIES)} familles,
environ 12 000 enfants, construit autour du jour du chargement : l’année scolaire en cours et la
précédente (l’été : aussi la suivante) avec leur calendrier de la zone C, les périodes passées
facturées, des paiements, des impayés relancés, des demandes dans chaque état. Le même --seed, le
même jour, donne les mêmes données. Refuse une base qui contient déjà des familles.

Options :
  --seed N       graine du tirage (11 par défaut)
  --families N   nombre de familles (${count(DEFAULT_DEMO_FAMILIES)} par défaut)`,
  options: { seed: { type: 'string' }, families: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, dataDir, io, json }) {
    const seed = integerOption(values, 'seed', 0, 2 ** 32 - 1) ?? 11;
    const families = integerOption(values, 'families', 1, 100_000) ?? DEFAULT_DEMO_FAMILIES;
    const ctx = openContext(dataDir);
    try {
      if (!json) io.stderr(`Chargement de ${count(families)} familles de démonstration…`);
      const started = performance.now();
      // Each step once on the error output (the families every tenth of the load).
      let last = { step: '', tenth: -1 };
      const result = await loadDemo(ctx, {
        seed,
        families,
        onProgress: (p) => {
          const tenth = Math.floor(p.fraction * 10);
          const families = p.step.startsWith('Familles');
          if (json || p.step === last.step || (families && last.step.startsWith('Familles') && tenth === last.tenth)) return;
          last = { step: p.step, tenth };
          io.stderr(`${String(Math.round(p.fraction * 100)).padStart(3)}\u00a0% ${p.step}`);
        },
      });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      return {
        ok: true,
        json: { ...result, seed, seconds },
        text: [
          `Données de démonstration chargées en ${String(seconds).replace('.', ',')}\u00a0s\u00a0: ${count(result.schools)} écoles, ${count(result.families)} familles, ${count(result.children)} enfants.`,
          `Années scolaires ${result.schoolYears.join(', ')}\u00a0; ${n(result.periodsIssued, 'période facturée', 'périodes facturées')} (${n(result.invoices, 'facture', 'factures')}, ${n(result.payments, 'paiement', 'paiements')}), ${n(result.reminders, 'relance', 'relances')}, ${n(result.requests, 'demande', 'demandes')}.`,
          ...result.warnings.map((w) => `Attention\u00a0: ${w}`),
        ],
      };
    } finally {
      ctx.store.close();
    }
  },
};
