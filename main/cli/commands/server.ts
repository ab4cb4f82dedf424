import { formatCount } from '../../../shared/domain/money.js';
import { connectServer, pendingMessages, readConnection, syncOnce } from '../../services/sync/index.js';
import { type Command, openContext, UsageError } from '../shared.js';

/**
 * `server connect URL CODE` (enrols this desk with a one-time code from `portal:cli desk enrol`),
 * `server status`, and `sync` (one synchronisation, what it did): the desk's side of issue 10.
 */
export const serverCommand: Command = {
  name: 'server',
  summary: 'Serveur central\u00a0: relier ce poste (code d’enrôlement), état de la liaison.',
  usage: 'server connect ADRESSE CODE | server status',
  help: `server connect ADRESSE CODE
  Relie ce poste au serveur avec le code d’enrôlement donné par «\u00a0npm run portal:cli -- desk enrol\u00a0»
  (valable 24 heures, une fois), par exemple\u00a0:
    npm run cli -- server connect https://guichet.cde11.paris ABCD-EFGH-JKMN

server status
  Le serveur de ce poste, et les modifications en attente d’envoi.`,
  options: {},
  positionals: { min: 1, max: 3, missing: 'Précisez «\u00a0connect\u00a0» ou «\u00a0status\u00a0».' },
  async run({ positionals, dataDir }) {
    const [action, url, code] = positionals;
    if (action !== 'connect' && action !== 'status') throw new UsageError(`Action inconnue\u00a0: «\u00a0${action ?? ''}\u00a0». Précisez «\u00a0connect\u00a0» ou «\u00a0status\u00a0».`);
    if (action === 'connect' && (!url || !code)) throw new UsageError('Donnez l’adresse du serveur et le code d’enrôlement.');
    const ctx = openContext(dataDir);
    try {
      if (action === 'connect') {
        const link = await connectServer(ctx, { url: url!, code: code! });
        return { ok: true, json: { connection: link }, text: [`Poste relié au serveur ${link.url} sous le nom «\u00a0${link.deskName}\u00a0».`] };
      }
      const link = readConnection(ctx);
      const pending = pendingMessages(ctx);
      return {
        ok: true,
        json: { connection: link, pending },
        text: [link ? `Serveur\u00a0: ${link.url} (poste «\u00a0${link.deskName}\u00a0», relié le ${link.connectedAt.slice(0, 10)}).` : 'Ce poste n’est relié à aucun serveur.', `${formatCount(pending)} modification(s) en attente d’envoi.`],
      };
    } finally {
      ctx.store.close();
    }
  },
};

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Synchronise ce poste avec son serveur une fois, et dit ce qui a été fait.',
  usage: 'sync',
  help: `sync
  Envoie au serveur les modifications en attente (par paquets de 1 000 au plus) et les fichiers
  des documents qu’il n’a pas encore, puis reçoit et applique les modifications des autres postes
  et quelques fichiers de leurs documents, et dit combien.`,
  options: {},
  positionals: { min: 0, max: 0, missing: '' },
  async run({ dataDir }) {
    const ctx = openContext(dataDir);
    try {
      const { push, pull, documents } = await syncOnce(ctx);
      return {
        ok: true,
        json: { push, pull, documents, pending: pendingMessages(ctx) },
        text: [
          `${formatCount(push.sent)} modification(s) envoyée(s) en ${formatCount(push.chunks)} paquet(s)${push.duplicates > 0 ? `, dont ${formatCount(push.duplicates)} déjà reçue(s) par le serveur` : ''}.`,
          `${formatCount(pull.received)} modification(s) reçue(s) des autres postes, ${formatCount(pull.applied)} appliquée(s)${pull.ignored > 0 ? `, ${formatCount(pull.ignored)} plus ancienne(s) que la valeur du poste` : ''}${pull.waiting > 0 ? `\u00a0; ${formatCount(pull.waiting)} ligne(s) incomplète(s) en attente de la suite` : ''}.`,
          `Documents\u00a0: ${formatCount(documents.uploaded)} fichier(s) envoyé(s), ${formatCount(documents.fetched)} reçu(s)${documents.missing > 0 ? `, ${formatCount(documents.missing)} à recevoir plus tard` : ''}.`,
        ],
      };
    } finally {
      ctx.store.close();
    }
  },
};
