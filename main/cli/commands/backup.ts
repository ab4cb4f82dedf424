import { join, resolve } from 'node:path';
import { backupSettings, runBackup } from '../../services/backups/index.js';
import { createBackup } from '../../store/backup.js';
import { type Command, openContext } from '../shared.js';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Sauvegarde la base, les documents et la clé des certificats dans un dossier daté, vérifié.',
  usage: 'backup [dossier]',
  help: `Écrit une sauvegarde complète (la base, le dossier des documents, le fichier de la clé des
certificats médicaux) dans un dossier guichet-<date>\u00a0; la copie est ensuite vérifiée (la base
s’ouvre, son contrôle d’intégrité est bon, chaque document qu’elle indexe est présent).
Sans dossier\u00a0: dans le dossier des sauvegardes réglé dans Guichet (par défaut <données>/sauvegardes),
avec la rotation (7 quotidiennes, 4 hebdomadaires, 12 mensuelles).
Guichet doit être fermé (sinon\u00a0: «\u00a0Sauvegarder maintenant\u00a0» dans l’écran Sauvegardes).`,
  options: {},
  positionals: { min: 0, max: 1 },
  async run({ positionals, dataDir, io }) {
    const ctx = openContext(dataDir);
    try {
      const given = positionals[0];
      const result =
        given === undefined
          ? await runBackup(ctx).then((s) => ({ ...s, folder: join(resolve(backupSettings(ctx).destination), s.name) }))
          : await createBackup(ctx, resolve(io.cwd, given)).then((e) => ({ ...e, verified: e.verification.ok }));
      const mb = (result.bytes / 1024 / 1024).toFixed(1).replace('.', ',');
      const text = [`Sauvegarde écrite (${mb}\u00a0Mo)\u00a0: ${result.folder}`];
      text.push(result.verified ? 'Vérifiée\u00a0: la copie s’ouvre et elle est complète.' : 'ATTENTION\u00a0: la vérification de la copie a échoué.');
      return { ok: result.verified, json: { ...result }, text };
    } finally {
      ctx.store.close();
    }
  },
};
