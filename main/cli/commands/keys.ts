import type { DocumentKeyStatus } from '../../../shared/contract/keys.js';
import { formatCount } from '../../../shared/domain/money.js';
import type { AppContext } from '../../context.js';
import { documentKeyStatus, recoverKeys, reencryptAll, reencryptionSettled, rotateKey } from '../../services/keys/index.js';
import { type Command, openContext, UsageError } from '../shared.js';

/**
 * `keys status | recover | rotate`: the health documents' keys from the data folder itself — the
 * IT's way to unlock a base restored on a new computer before any agent opens it, and to finish a
 * re-encryption at once instead of in the desk's background (docs/decisions.md, « Clés »).
 */
export const keysCommand: Command = {
  name: 'keys',
  summary: 'Clés des certificats\u00a0: état, déverrouillage par le code de secours (lu sur l’entrée standard), changement de clé.',
  usage: 'keys status | keys recover | keys rotate',
  help: `keys status
  État des clés\u00a0: prêtes, verrouillées (clés absentes de ce poste) ou absentes, code de secours, documents par clé.

keys recover
  Déverrouille avec le code de secours lu sur l’entrée standard (première ligne), puis rechiffre
  aussitôt les certificats sous la clé du moment, par exemple\u00a0:
    echo "ABCD-EFGH-JKMN-PQRS-TVWX" | npm run cli -- keys recover

keys rotate
  Crée une nouvelle clé et rechiffre aussitôt tous les certificats avec elle.`,
  options: {},
  positionals: { min: 1, max: 1, missing: 'Précisez «\u00a0status\u00a0», «\u00a0recover\u00a0» ou «\u00a0rotate\u00a0».' },
  async run({ positionals, dataDir, io }) {
    const action = positionals[0];
    if (action !== 'status' && action !== 'recover' && action !== 'rotate') {
      throw new UsageError(`Action inconnue\u00a0: «\u00a0${action ?? ''}\u00a0». Précisez «\u00a0status\u00a0», «\u00a0recover\u00a0» ou «\u00a0rotate\u00a0».`);
    }
    const code = action === 'recover' ? (((await io.stdin?.()) ?? '').split(/\r?\n/)[0] ?? '') : '';
    const ctx = openContext(dataDir);
    try {
      if (action === 'status') return report(documentKeyStatus(ctx), []);
      if (action === 'recover') recoverKeys(ctx, code);
      else rotateKey(ctx);
      const run = await reencryptNow(ctx);
      const status = documentKeyStatus(ctx);
      const lines = [action === 'recover' ? 'Clés retrouvées avec le code de secours.' : 'Nouvelle clé créée.'];
      lines.push(`${formatCount(run.done)} certificat(s) rechiffré(s) avec la clé ${status.keys.find((k) => k.current)?.id ?? '?'}.`);
      for (const failure of run.failed) lines.push(`Échec pour le document ${failure.id}\u00a0: ${failure.message}`);
      return { ...report(status, lines), ok: run.failed.length === 0 };
    } finally {
      ctx.store.close();
    }
  },
};

/** Re-encrypts at once, then lets the background run the service started end before the store closes. */
async function reencryptNow(ctx: AppContext): Promise<ReturnType<typeof reencryptAll>> {
  const run = reencryptAll(ctx);
  await reencryptionSettled(ctx);
  return run;
}

const STATE_LABELS: Record<DocumentKeyStatus['state'], string> = {
  ready: 'prêtes',
  locked: 'verrouillées (des clés manquent sur ce poste\u00a0: keys recover)',
  none: 'absentes',
};

function report(status: DocumentKeyStatus, before: string[]): { ok: boolean; json: Record<string, unknown>; text: string[] } {
  const text = [...before, `Clés\u00a0: ${STATE_LABELS[status.state]}${status.reason ? ` — ${status.reason}` : ''}.`];
  text.push(status.recovery.setUp ? `Code de secours créé le ${status.recovery.createdAt?.slice(0, 10) ?? '?'} par ${status.recovery.createdBy ?? '?'}.` : 'Aucun code de secours.');
  for (const key of status.keys) {
    text.push(`  ${key.id}${key.current ? ' (en service)' : ''}\u00a0: ${formatCount(key.documents)} certificat(s), ${key.onThisDesk ? 'sur ce poste' : 'absente de ce poste'}`);
  }
  if (status.rotation.pending > 0) text.push(`${formatCount(status.rotation.pending)} certificat(s) à rechiffrer.`);
  return { ok: status.state !== 'none', json: { status }, text };
}
