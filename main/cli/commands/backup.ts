import { resolve } from 'node:path';
import { backup } from '../../store/backup.js';
import { type Command, openContext } from '../shared.js';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Sauvegarde la base dans un fichier (même pendant que Guichet tourne).',
  usage: 'backup <destination.sqlite> [--force]',
  help: `Copie la base dans un fichier de sauvegarde, de façon cohérente même si Guichet est ouvert
(sauvegarde en ligne de SQLite). Refuse d’écraser un fichier existant, sauf avec --force.

Options :
  --force   remplace le fichier de destination s’il existe`,
  options: { force: { type: 'boolean' } },
  positionals: { min: 1, max: 1, missing: 'Indiquez le fichier de sauvegarde à créer.' },
  async run({ values, positionals, dataDir, io }) {
    const dest = resolve(io.cwd, positionals[0] as string);
    const ctx = openContext(dataDir);
    try {
      const result = await backup(ctx, dest, { force: values.force === true });
      const mb = (result.bytes / 1024 / 1024).toFixed(1).replace('.', ',');
      return { ok: true, json: { ...result }, text: [`Sauvegarde écrite (${mb}\u00a0Mo)\u00a0: ${result.file}`] };
    } finally {
      ctx.store.close();
    }
  },
};
