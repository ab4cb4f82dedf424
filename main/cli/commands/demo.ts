import { DEFAULT_DEMO_FAMILIES, loadDemo } from '../../services/setup/index.js';
import { type Command, count, integerOption, openContext } from '../shared.js';

export const demo: Command = {
  name: 'demo',
  summary: 'Charge les données de démonstration (45 écoles, 9 000 familles) dans une base vide.',
  usage: 'demo [--seed N] [--families N]',
  help: `Charge un jeu de données de démonstration réaliste du 11e : 45 écoles, ${count(DEFAULT_DEMO_FAMILIES)} familles,
environ 12 000 enfants, sur deux années scolaires. Le même --seed donne les mêmes données.
Refuse une base qui contient déjà des familles.

Options :
  --seed N       graine du tirage (11 par défaut)
  --families N   nombre de familles (${count(DEFAULT_DEMO_FAMILIES)} par défaut)`,
  options: { seed: { type: 'string' }, families: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run({ values, dataDir, io, json }) {
    const seed = integerOption(values, 'seed', 0, 2 ** 32 - 1) ?? 11;
    const families = integerOption(values, 'families', 1, 100_000) ?? DEFAULT_DEMO_FAMILIES;
    const ctx = openContext(dataDir);
    try {
      if (!json) io.stderr(`Chargement de ${count(families)} familles de démonstration…`);
      const started = performance.now();
      const result = loadDemo(ctx, { seed, families });
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      return {
        ok: true,
        json: { ...result, seed, seconds },
        text: [
          `Données de démonstration chargées en ${String(seconds).replace('.', ',')}\u00a0s\u00a0: ${count(result.schools)} écoles, ${count(result.families)} familles, ${count(result.children)} enfants.`,
        ],
      };
    } finally {
      ctx.store.close();
    }
  },
};
