import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE_NAME } from '../../context.js';
import { type Command, openContext } from '../shared.js';

function appliedMigrations(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!table) return 0;
    return (db.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export const migrate: Command = {
  name: 'migrate',
  summary: 'Crée la base si besoin et applique les migrations en attente.',
  usage: 'migrate',
  help: `Crée la base de données dans le dossier des données si elle n’existe pas encore, puis applique
les migrations en attente (toutes ou aucune : une seule transaction).`,
  options: {},
  positionals: { min: 0, max: 0 },
  run({ dataDir }) {
    const file = join(dataDir, DB_FILE_NAME);
    const before = appliedMigrations(file);
    const ctx = openContext(dataDir);
    ctx.store.close();
    const after = appliedMigrations(file);
    const applied = after - before;
    return {
      ok: true,
      json: { file, applied, total: after },
      text: [
        applied === 0
          ? `La base est à jour (${after} migration${after > 1 ? 's' : ''})\u00a0: ${file}`
          : `${applied} migration${applied > 1 ? 's' : ''} appliquée${applied > 1 ? 's' : ''}\u00a0: ${file}`,
      ],
    };
  },
};
