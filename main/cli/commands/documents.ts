import { sweepDocuments } from '../../services/uploads/index.js';
import { type Command, openContext, UsageError } from '../shared.js';

export const documentsCommand: Command = {
  name: 'documents',
  summary: 'Balaie le dossier des documents\u00a0: supprime les fichiers qu’aucun document n’indexe.',
  usage: 'documents sweep [--dry-run]',
  help: `sweep\u00a0: liste les fichiers du dossier des documents qu’aucune ligne de la base n’indexe (un
fichier laissé par une panne entre son écriture et son enregistrement) et supprime ceux de plus
d’une heure\u00a0; les plus récents (une opération peut être en cours) et les fichiers .part (une
écriture en cours) sont seulement signalés. Les documents indexés dont le fichier manque sont
signalés, jamais modifiés. Le balayage est inscrit à l’historique.

Options\u00a0:
  --dry-run   liste les fichiers concernés sans rien supprimer`,
  options: { 'dry-run': { type: 'boolean' } },
  positionals: { min: 1, max: 1, missing: 'Indiquez l’action\u00a0: documents sweep.' },
  run({ values, positionals, dataDir }) {
    if (positionals[0] !== 'sweep') throw new UsageError(`Action inconnue\u00a0: ${positionals[0]}. Actions\u00a0: sweep.`);
    const ctx = openContext(dataDir);
    try {
      const result = sweepDocuments(ctx, { dryRun: values['dry-run'] === true });
      const n = result.strays.length;
      const text = [
        result.dryRun
          ? `${n} fichier(s) orphelin(s) à supprimer (simulation, rien n’a changé).`
          : `${result.removed} fichier(s) orphelin(s) supprimé(s) du dossier des documents.`,
        ...result.strays.map((f) => `  ${f.path} (${f.size}\u00a0octets, modifié le ${f.modifiedAt})`),
      ];
      if (result.kept.length > 0) {
        text.push(`${result.kept.length} fichier(s) non indexé(s) conservé(s)\u00a0: de moins d’une heure ou en cours d’écriture (.part).`);
        text.push(...result.kept.map((f) => `  ${f.path} (${f.reason === 'partial' ? 'écriture en cours' : 'récent'})`));
      }
      if (result.missing.length > 0) {
        text.push(`${result.missing.length} document(s) indexé(s) sans fichier (signalés, rien n’est modifié)\u00a0:`);
        text.push(...result.missing.map((m) => `  ${m.storedName} (${m.kind})`));
      }
      if (result.notFetched.length > 0) {
        text.push(`${result.notFetched.length} document(s) d’autres postes pas encore récupéré(s) du serveur (ils le seront à la synchronisation).`);
      }
      return { ok: true, json: { ...result }, text };
    } finally {
      ctx.store.close();
    }
  },
};
