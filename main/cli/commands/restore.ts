import { resolve } from 'node:path';
import { lockDataFolder } from '../../store/data-lock.js';
import { restoreBackup } from '../../store/restore.js';
import type { Command } from '../shared.js';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Remplace la base et les documents par une sauvegarde (l’ancienne base est conservée à côté).',
  usage: 'restore <sauvegarde>',
  help: `Remplace la base du dossier des données par une sauvegarde : un dossier guichet-<date>
(la base, les documents et la clé des certificats), ou un fichier .sqlite d’une ancienne version
(la base seule). Refusé tant que Guichet tient le dossier des données : fermez-le avant.
La sauvegarde est d’abord vérifiée (base Guichet intacte, d’une version connue) ; la base actuelle
est copiée sous le nom guichet.sqlite.avant-restauration-<date>, le dossier des documents remplacé
devient documents.avant-restauration-<date> ; interrompue, la restauration est terminée ou annulée
au démarrage suivant ; les migrations en attente sont ensuite appliquées à la base restaurée.`,
  options: {},
  positionals: { min: 1, max: 1, missing: 'Indiquez la sauvegarde à restaurer (un dossier guichet-<date>).' },
  run({ positionals, dataDir, io }) {
    const source = resolve(io.cwd, positionals[0] as string);
    const lock = lockDataFolder(dataDir, { kind: 'cli' });
    try {
      const result = restoreBackup(dataDir, source);
      const text = [`Base restaurée depuis ${result.restoredFrom}`];
      if (result.previousFile) text.push(`L’ancienne base est conservée\u00a0: ${result.previousFile}`);
      if (result.previousDocuments) text.push(`L’ancien dossier des documents est conservé\u00a0: ${result.previousDocuments}`);
      if (result.migrationsApplied > 0) text.push(`${result.migrationsApplied} migration(s) appliquée(s).`);
      return { ok: true, json: { ...result }, text };
    } finally {
      lock.release();
    }
  },
};
