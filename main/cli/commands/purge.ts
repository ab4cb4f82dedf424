import { AppError } from '../../../shared/contract/errors.js';
import { isValidIsoDate } from '../../../shared/domain/dates.js';
import { purgeExpired } from '../../services/families/index.js';
import { type Command, openContext } from '../shared.js';

export const purgeCommand: Command = {
  name: 'purge',
  summary: 'Purge les dossiers et certificats médicaux dont la durée de conservation est passée.',
  usage: 'purge [--as-of AAAA-MM-JJ] [--dry-run]',
  help: `Efface les données personnelles des dossiers archivés dont la date de purge (dernier jour
facturé + durée de conservation, réglage «\u00a0retention.years\u00a0», 3 ans par défaut) est
antérieure à la date donnée\u00a0: responsables, enfants anonymisés, demandes, documents et leurs
fichiers, fichiers d’impression qui les nomment. Les factures et paiements gardent leurs numéros
et montants («\u00a0Famille purgée\u00a0»). Un dossier radié dont le compte n’est jamais soldé est
purgé aussi, une fois passées sa date de purge et la prescription de sa dette (dernière échéance
ou dernier paiement + «\u00a0retention.unsettledYears\u00a0», 5 ans par défaut). Les certificats
médicaux d’une demande décidée sont supprimés après «\u00a0retention.healthMonths\u00a0» mois (6 par
défaut).

Options\u00a0:
  --as-of AAAA-MM-JJ   date de référence (aujourd’hui par défaut)
  --dry-run            liste les dossiers concernés sans rien changer`,
  options: { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run({ values, dataDir }) {
    const asOfValue = values['as-of'];
    if (typeof asOfValue === 'string' && !isValidIsoDate(asOfValue)) {
      throw AppError.invalid('asOf', `--as-of\u00a0: «\u00a0${asOfValue}\u00a0» n’est pas une date AAAA-MM-JJ.`);
    }
    const ctx = openContext(dataDir);
    try {
      const asOf = typeof asOfValue === 'string' ? asOfValue : ctx.today();
      const result = purgeExpired(ctx, { asOf, dryRun: values['dry-run'] === true });
      const n = result.families.length;
      const head = result.dryRun
        ? `${n} dossier(s) à purger au ${asOf} (simulation, rien n’a changé).`
        : `${n} dossier(s) purgé(s) au ${asOf}, ${result.filesDeleted} fichier(s) effacé(s).`;
      const more = [
        `${result.healthDocuments.length} certificat(s) médical(aux) ${result.dryRun ? 'à supprimer' : 'supprimé(s)'}, ${result.printBundles} fichier(s) d’impression.`,
      ];
      return {
        ok: true,
        json: { ...result },
        text: [head, ...result.families.map((f) => `  dossier ${f.dossierNumber} (${f.status === 'radiated' ? 'radié, compte non soldé, ' : ''}purge après le ${f.purgeAfter})`), ...more],
      };
    } finally {
      ctx.store.close();
    }
  },
};
