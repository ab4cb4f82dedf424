import { parseArgs } from 'node:util';
import { isAppErrorShape } from '../shared/contract/errors.js';
import { formatLongFrenchDateTime } from '../shared/domain/dates.js';
import { storeOptions } from './config.js';
import { enrolDesk, listDesks, revokeDesk, type DeskSummary } from './desks/enrolment.js';
import { health } from './server.js';
import { migratePortalStore, openPortalStore, type PortalStore } from './store/open.js';

/**
 * `npm run portal:cli -- <commande>` (entry: cli.ts): the server's administration, with the desk CLI's
 * conventions (`--data DIR`, `--json`, exit 0 done, 1 refused or failed, 2 wrong command line).
 */
const USAGE = `Utilisation : npm run portal:cli -- <commande> [--data DOSSIER] [--json]
  migrate                        applique les migrations de la base du serveur
  desk enrol --name "Accueil 1"  crée un poste et affiche son code d’enrôlement (24 heures, une fois)
  desk list                      liste les postes (en attente, enrôlés, révoqués)
  desk revoke ID|NOM             révoque un poste : il ne se synchronise plus
  status                         état de la base (joignable, migrations)
DATABASE_URL=postgres://… travaille sur un serveur PostgreSQL au lieu de la base PGlite du dossier.`;

const STATE_LABELS: Record<DeskSummary['state'], string> = { awaiting: 'en attente d’enrôlement', expired: 'code expiré', enrolled: 'enrôlé', revoked: 'révoqué' };

interface Output {
  json: unknown;
  text: string[];
  ok?: boolean;
}

class UsageError extends Error {}

export async function runPortalCli(argv: string[], env: NodeJS.ProcessEnv, now: () => Date): Promise<{ code: number; stdout: string; stderr: string }> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { data: { type: 'string' }, json: { type: 'boolean' }, name: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${(error as Error).message}\n${USAGE}\n` };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { code: values.help ? 0 : 2, stdout: values.help ? `${USAGE}\n` : '', stderr: values.help ? '' : `${USAGE}\n` };
  let store: PortalStore | null = null;
  try {
    const [command, action, target] = positionals;
    if (command !== 'migrate' && command !== 'status' && command !== 'desk') throw new UsageError(`Commande inconnue\u00a0: «\u00a0${command}\u00a0».`);
    if (command === 'desk' && action !== 'enrol' && action !== 'list' && action !== 'revoke') throw new UsageError('Précisez «\u00a0desk enrol\u00a0», «\u00a0desk list\u00a0» ou «\u00a0desk revoke\u00a0».');
    if (command === 'desk' && action === 'enrol' && typeof values.name !== 'string') throw new UsageError('L’option --name est obligatoire (le nom du poste).');
    if (command === 'desk' && action === 'revoke' && !target) throw new UsageError('Donnez l’identifiant ou le nom du poste à révoquer.');
    const where = storeOptions(values, env);
    store = await openPortalStore(where);
    let out: Output;
    if (command === 'migrate') {
      await migratePortalStore(store);
      out = { json: await health(store), text: [`Base à jour\u00a0: ${where.description}.`] };
    } else if (command === 'status') {
      const state = await health(store);
      out = { json: state, ok: state.status === 'ok', text: [state.status === 'ok' ? `Base joignable et à jour (${state.migrations?.applied} migration(s))\u00a0: ${where.description}.` : (state.message ?? 'Base indisponible.')] };
    } else {
      await migratePortalStore(store);
      out = await deskCommand(store, action!, values.name, target, now());
    }
    const stdout = values.json ? `${JSON.stringify(out.json)}\n` : `${out.text.join('\n')}\n`;
    return { code: out.ok === false ? 1 : 0, stdout, stderr: '' };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `${error.message}\n${USAGE}\n` };
    const message = isAppErrorShape(error) ? error.message : `Échec\u00a0: ${(error as Error).message}`;
    return { code: 1, stdout: values.json ? `${JSON.stringify({ error: { message } })}\n` : '', stderr: `${message}\n` };
  } finally {
    await store?.close();
  }
}

async function deskCommand(store: PortalStore, action: string, name: string | undefined, target: string | undefined, now: Date): Promise<Output> {
  if (action === 'enrol') {
    const made = await enrolDesk(store, { name: name!, by: 'portal:cli', now });
    return {
      json: made,
      text: [
        `Poste «\u00a0${made.desk.name}\u00a0» créé.`,
        `Code d’enrôlement (une seule fois, jusqu’au ${formatLongFrenchDateTime(made.expiresAt)})\u00a0: ${made.code}`,
        'Sur le poste\u00a0: Réglages › Serveur, ou «\u00a0npm run cli -- server connect ADRESSE CODE\u00a0».',
      ],
    };
  }
  if (action === 'list') {
    const desks = await listDesks(store, now);
    return { json: { desks }, text: desks.length === 0 ? ['Aucun poste.'] : desks.map((d) => `${d.id}  ${d.name}${d.number === null ? '' : ` (n°\u00a0${String(d.number).padStart(2, '0')})`} — ${STATE_LABELS[d.state]}${d.lastSeenAt ? `, vu le ${formatLongFrenchDateTime(d.lastSeenAt)}` : ''}`) };
  }
  const desk = await revokeDesk(store, target!, now);
  return { json: { desk }, text: [`Poste «\u00a0${desk.name}\u00a0» révoqué\u00a0: il ne peut plus se synchroniser.`] };
}
