import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { searchScope, type SearchScope } from '../../../shared/contract/families.js';
import { matchKey } from '../../../shared/domain/search.js';
import { exportCsv } from '../../services/families/index.js';
import { type Command, count, openContext, UsageError } from '../shared.js';

/** The contract's filters, and their French names. */
const SCOPE_ALIASES: Record<string, SearchScope> = {
  'en cours': 'current',
  tous: 'all',
  toutes: 'all',
  'en attente': 'pending',
  actifs: 'active',
  actif: 'active',
  radies: 'radiated',
  radie: 'radiated',
  archives: 'archived',
  archive: 'archived',
};

function scopeOf(raw: string | undefined): SearchScope {
  if (raw === undefined) return 'current';
  const parsed = searchScope.safeParse(raw);
  if (parsed.success) return parsed.data;
  const alias = SCOPE_ALIASES[matchKey(raw.replace(/-/g, ' '))];
  if (alias) return alias;
  throw new UsageError(
    `Filtre inconnu\u00a0: «\u00a0${raw}\u00a0» (current, all, pending, active, radiated ou archived).`,
  );
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Exporte des familles en CSV (les colonnes de l’import).',
  usage: 'export [--out FICHIER] [--query TEXTE] [--scope FILTRE] [--force]',
  help: `Exporte les familles d’une liste en CSV (UTF-8 avec BOM, «\u00a0;\u00a0», dates JJ/MM/AAAA), dans les
colonnes de l’import : le fichier se réimporte tel quel. Sans --out, le CSV est écrit sur la sortie
standard.

Options :
  --out FICHIER   fichier à écrire (refusé s’il existe, sauf avec --force)
  --query TEXTE   la recherche de la liste des familles (nom, prénom, e-mail, téléphone, n° de dossier)
  --scope FILTRE  current (en cours : actifs et en attente, par défaut), all, pending, active,
                  radiated, archived
  --force         remplace le fichier --out s’il existe`,
  options: { out: { type: 'string' }, query: { type: 'string' }, scope: { type: 'string' }, force: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run({ values, dataDir, io }) {
    const scope = scopeOf(values.scope as string | undefined);
    const query = (values.query as string | undefined) ?? '';
    if (query.length > 200) throw new UsageError('La recherche --query fait 200 caractères au plus.');
    const out = values.out === undefined ? undefined : resolve(io.cwd, String(values.out));
    if (out && existsSync(out) && values.force !== true) {
      throw new UsageError(`Le fichier ${out} existe déjà\u00a0: choisissez un autre nom ou ajoutez --force.`);
    }
    const ctx = openContext(dataDir);
    try {
      const result = exportCsv(ctx, { query, scope });
      const summary = `${count(result.rows)} ligne${result.rows > 1 ? 's' : ''} exportée${result.rows > 1 ? 's' : ''}`;
      if (out) {
        writeFileSync(out, result.content, 'utf8');
        return { ok: true, json: { file: out, rows: result.rows }, text: [`${summary}\u00a0: ${out}`] };
      }
      return {
        ok: true,
        json: { fileName: result.fileName, rows: result.rows, content: result.content },
        text: [`${summary}.`],
        data: result.content,
      };
    } finally {
      ctx.store.close();
    }
  },
};
