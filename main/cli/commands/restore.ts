import { resolve } from 'node:path';
import { restore } from '../../store/backup.js';
import type { Command } from '../shared.js';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Remplace la base par une sauvegarde (l’ancienne base est conservée à côté).',
  usage: 'restore <sauvegarde.sqlite>',
  help: `Remplace la base du dossier des données par une sauvegarde. Fermez Guichet avant.
Le fichier est d’abord vérifié (c’est bien une base Guichet, intacte, d’une version connue) ;
la base actuelle est gardée sous le nom guichet.sqlite.avant-restauration-<date> ;
les migrations en attente sont ensuite appliquées à la base restaurée.`,
  options: {},
  positionals: { min: 1, max: 1, missing: 'Indiquez le fichier de sauvegarde à restaurer.' },
  async run({ positionals, dataDir, io }) {
    const source = resolve(io.cwd, positionals[0] as string);
    const result = await restore(dataDir, source);
    const text = [`Base restaurée depuis ${result.restoredFrom}`];
    if (result.previousFile) text.push(`L’ancienne base est conservée\u00a0: ${result.previousFile}`);
    if (result.migrationsApplied > 0) text.push(`${result.migrationsApplied} migration(s) appliquée(s).`);
    return { ok: true, json: { ...result }, text };
  },
};
