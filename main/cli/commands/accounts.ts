import { accountOperations } from '../../../shared/contract/accounts.js';
import { PERMISSION_LABELS, ROLES } from '../../../shared/contract/permissions.js';
import { parseOrThrow } from '../../../shared/contract/validation.js';
import { listAccounts, recoverAdmin } from '../../services/accounts/index.js';
import { type Command, openContext, UsageError } from '../shared.js';

/**
 * `accounts list` and `accounts create-admin`: the IT's way back in when the administrator's
 * password is lost. The CLI runs on the data folder itself (whoever runs it can read the base), so
 * it acts under `cli:<system account>` with every permission (docs/decisions.md).
 */
export const accountsCommand: Command = {
  name: 'accounts',
  summary: 'Comptes des agents\u00a0: liste, ou administrateur de secours (mot de passe lu sur l’entrée standard).',
  usage: 'accounts list | accounts create-admin --login IDENTIFIANT --name "Prénom Nom"',
  help: `accounts list
  Liste les comptes des agents (identifiant, nom, rôles, actif ou non, dernière connexion).

accounts create-admin --login IDENTIFIANT --name "Prénom Nom"
  Crée un administrateur (tous les rôles) avec le mot de passe lu sur l’entrée standard (première
  ligne, 12 caractères au moins), par exemple\u00a0:
    echo "une phrase de passe" | npm run cli -- accounts create-admin --login secours --name "Agent Secours"
  Si l’identifiant existe déjà, ce compte est réactivé, reçoit le rôle Administration et ce mot de
  passe (l’administrateur qui a perdu le sien). Le mot de passe n’est jamais pris sur la ligne de commande.`,
  options: { login: { type: 'string' }, name: { type: 'string' } },
  positionals: { min: 1, max: 1, missing: 'Précisez «\u00a0list\u00a0» ou «\u00a0create-admin\u00a0».' },
  async run({ values, positionals, dataDir, io }) {
    const action = positionals[0];
    if (action === 'list') {
      const ctx = openContext(dataDir);
      try {
        const accounts = listAccounts(ctx);
        return {
          ok: true,
          json: { accounts },
          text:
            accounts.length === 0
              ? ['Aucun compte d’agent.']
              : accounts.map(
                  (a) =>
                    `${a.login}\u00a0: ${a.displayName} — ${a.permissions.map((p) => PERMISSION_LABELS[p]).join(', ') || 'aucun rôle'}${a.active ? '' : ' (désactivé)'}`,
                ),
        };
      } finally {
        ctx.store.close();
      }
    }
    if (action !== 'create-admin') throw new UsageError(`Action inconnue\u00a0: «\u00a0${action ?? ''}\u00a0». Précisez «\u00a0list\u00a0» ou «\u00a0create-admin\u00a0».`);
    if (typeof values.login !== 'string') throw new UsageError('L’option --login est obligatoire.');
    if (typeof values.name !== 'string') throw new UsageError('L’option --name est obligatoire.');
    const password = ((await io.stdin?.()) ?? '').split(/\r?\n/)[0] ?? '';
    const input = parseOrThrow(accountOperations['accounts.create'].input, {
      login: values.login,
      displayName: values.name,
      permissions: [...ROLES],
      password,
      confirmation: password,
    });
    const ctx = openContext(dataDir);
    try {
      const { account, created } = await recoverAdmin(ctx, input);
      return {
        ok: true,
        json: { account, created },
        text: [
          created
            ? `Administrateur créé\u00a0: ${account.login} (${account.displayName}).`
            : `Compte ${account.login} réactivé, administrateur, avec le nouveau mot de passe.`,
        ],
      };
    } finally {
      ctx.store.close();
    }
  },
};
