import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../main/context.js';
import { checkPassword, createAccount, deactivateAccount } from '../../main/services/accounts/index.js';
import { runCli } from '../helpers/cli.js';

/** `npm run cli -- accounts …`: the IT's way back in when the administrator's password is lost. */
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'guichet-accounts-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function withContext<T>(work: (ctx: ReturnType<typeof createContext>) => Promise<T> | T): Promise<T> {
  const ctx = createContext({ dataDir, actor: 'test' });
  try {
    return await work(ctx);
  } finally {
    ctx.store.close();
  }
}

describe('accounts CLI', () => {
  it('creates an administrator with the password read from stdin, then lists the accounts', async () => {
    const created = await runCli(['accounts', 'create-admin', '--login', 'secours', '--name', 'Agent Secours', '--data', dataDir, '--json'], { stdin: 'une phrase de passe\n' });
    expect(created.code).toBe(0);
    const body = JSON.parse(created.stdout) as { account: { login: string; permissions: string[] }; created: boolean };
    expect(body).toMatchObject({ created: true, account: { login: 'secours', permissions: ['accueil', 'instruction', 'regie', 'facturation', 'administration'] } });
    expect(created.stdout).not.toContain('argon2');
    await withContext(async (ctx) => {
      expect(await checkPassword(ctx, 'secours', 'une phrase de passe')).not.toBeNull();
      const actor = ctx.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'account.create'").get() as { actor: string };
      expect(actor.actor).toMatch(/^cli:/);
    });
    const list = await runCli(['accounts', 'list', '--data', dataDir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('secours\u00a0: Agent Secours — Accueil, Instruction, Régie, Facturation, Administration');
  });

  it('gives a lost administrator back their account: active again, administrator, new password', async () => {
    await withContext(async (ctx) => {
      await createAccount(ctx, { login: 'chef', displayName: 'Chef Perdu', permissions: ['administration'], password: 'ancien mot de passe' });
      const other = await createAccount(ctx, { login: 'lucie', displayName: 'Lucie Bernard', permissions: ['accueil'], password: 'ancien mot de passe' });
      deactivateAccount(ctx, null, other.id);
    });
    const run = await runCli(['accounts', 'create-admin', '--login', 'lucie', '--name', 'Lucie Bernard', '--data', dataDir], { stdin: 'un nouveau mot de passe\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Compte lucie réactivé, administrateur');
    await withContext(async (ctx) => {
      const row = await checkPassword(ctx, 'lucie', 'un nouveau mot de passe');
      expect(row).toMatchObject({ active: true, roles: ['accueil', 'administration'] });
    });
  });

  it('refuses a short password in French, and never takes one on the command line', async () => {
    const short = await runCli(['accounts', 'create-admin', '--login', 'secours', '--name', 'Agent Secours', '--data', dataDir], { stdin: 'court\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('Mot de passe\u00a0: 12 caractères au moins.');
    const option = await runCli(['accounts', 'create-admin', '--login', 'secours', '--name', 'Agent Secours', '--password', 'une phrase de passe', '--data', dataDir]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Option inconnue\u00a0: --password');
  });
});
