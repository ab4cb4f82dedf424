import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import { exportFamilyData } from '../../services/gdpr/index.js';
import { one } from '../../store/sql.js';
import { type Command, openContext, UsageError } from '../shared.js';

/** The right of access from the command line: the same archive as « Exporter les données de la famille ». */
export const familyExportCommand: Command = {
  name: 'family-export',
  summary: 'Exporte toutes les données d’une famille (droit d’accès) dans une archive ZIP.',
  usage: 'family-export <n° de dossier> [--out FICHIER.zip] [--force]',
  help: `Écrit une archive ZIP avec tout ce que la Caisse détient sur une famille (droit d’accès,
RGPD article 15)\u00a0: dossier, responsables, enfants, quotient familial, rythmes, historique,
factures, paiements, demandes et documents, en JSON et en CSV, les PDF (factures, relevé,
lettres de décision) et un fichier README.txt qui explique le contenu. L’export est enregistré
dans l’historique du dossier.

Les certificats médicaux n’y sont déchiffrés que pour un agent habilité aux données de santé\u00a0;
sinon ils sont listés sans leur contenu, et le README le dit.

Options\u00a0:
  --out FICHIER.zip   fichier à écrire (par défaut donnees-famille-<dossier>-<date>.zip dans le
                      dossier courant\u00a0; refusé s’il existe, sauf avec --force)
  --force             remplace le fichier s’il existe`,
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  positionals: { min: 1, max: 1, missing: 'Indiquez le numéro de dossier de la famille.' },
  async run({ values, positionals, dataDir, io }) {
    const raw = positionals[0] ?? '';
    if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`Numéro de dossier\u00a0: «\u00a0${raw}\u00a0» n’est pas un nombre.`);
    const ctx = openContext(dataDir);
    try {
      const family = one<{ id: string }>(ctx, 'SELECT id FROM families WHERE dossier_number = ?', Number(raw));
      if (!family) throw AppError.notFound(`Aucun dossier famille n° ${raw}.`);
      const result = await exportFamilyData(ctx, family.id);
      const out = resolve(io.cwd, typeof values.out === 'string' ? values.out : result.fileName);
      if (existsSync(out) && values.force !== true) {
        throw new UsageError(`Le fichier ${out} existe déjà\u00a0: choisissez un autre nom ou ajoutez --force.`);
      }
      writeFileSync(out, Buffer.from(result.base64, 'base64'));
      const { base64: _content, ...summary } = result;
      const health =
        result.healthDocumentsListed > 0
          ? ` ${result.healthDocumentsListed} certificat(s) médical(aux) listé(s) sans contenu (agent non habilité aux données de santé).`
          : '';
      return {
        ok: true,
        json: { ...summary, file: out },
        text: [`Archive écrite\u00a0: ${out} (${result.entries.length} fichiers).${health}`],
      };
    } finally {
      ctx.store.close();
    }
  },
};
