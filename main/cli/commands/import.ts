import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/contract/errors.js';
import { importCsv, MAX_FILE_BYTES } from '../../services/families/index.js';
import { type Command, count, openContext } from '../shared.js';

/** Beyond this, the console shows a count (the JSON output lists them all). */
const MAX_PRINTED_ERRORS = 100;

export const importCommand: Command = {
  name: 'import',
  summary: 'Importe des familles depuis un fichier CSV (tout ou rien).',
  usage: 'import <fichier.csv> [--dry-run]',
  help: `Importe les familles d’un fichier CSV (séparateur «\u00a0;\u00a0», UTF-8 ou Windows-1252, dates JJ/MM/AAAA,
une ligne par enfant). Toutes les lignes sont vérifiées et toutes les erreurs listées avec leur ligne
et leur colonne ; s’il y en a une seule, rien n’est importé.

Options :
  --dry-run   vérifie seulement, n’écrit rien`,
  options: { 'dry-run': { type: 'boolean' } },
  positionals: { min: 1, max: 1, missing: 'Indiquez le fichier CSV à importer.' },
  run({ values, positionals, dataDir, io }) {
    const file = resolve(io.cwd, positionals[0] as string);
    let content: Buffer;
    try {
      if (statSync(file).size > MAX_FILE_BYTES) {
        throw AppError.invalid('content', 'Fichier trop volumineux\u00a0: 30\u00a0Mo au plus.');
      }
      content = readFileSync(file);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw AppError.notFound(`Fichier introuvable ou illisible\u00a0: ${file}`);
    }
    const dryRun = values['dry-run'] === true;
    const ctx = openContext(dataDir);
    try {
      const report = importCsv(ctx, { content, dryRun });
      const ok = report.errors.length === 0;
      const text: string[] = [];
      const summary = `${count(report.lines)} ligne${report.lines > 1 ? 's' : ''}, ${count(report.families)} famille${report.families > 1 ? 's' : ''}, ${count(report.children)} enfant${report.children > 1 ? 's' : ''} (encodage ${report.encoding}).`;
      if (!ok) {
        text.push(`${count(report.errors.length)} erreur${report.errors.length > 1 ? 's' : ''}, rien n’a été importé\u00a0:`);
        for (const e of report.errors.slice(0, MAX_PRINTED_ERRORS)) {
          text.push(e.column ? `ligne ${e.line}, colonne ${e.column}\u00a0: ${e.message}` : `ligne ${e.line}\u00a0: ${e.message}`);
        }
        const more = report.errors.length - MAX_PRINTED_ERRORS;
        if (more > 0) text.push(`… et ${count(more)} autre${more > 1 ? 's' : ''} (--json pour la liste complète).`);
        text.push(summary);
      } else if (dryRun) {
        text.push(`Vérification terminée, aucune erreur (rien n’a été écrit)\u00a0: ${summary}`);
      } else {
        text.push(`Import terminé\u00a0: ${summary}`);
      }
      return { ok, json: { file, report }, text };
    } finally {
      ctx.store.close();
    }
  },
};
