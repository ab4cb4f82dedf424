import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { readSetting, writeSetting } from '../../store/settings.js';

/**
 * The name an agent gives on this desk, shown in the sidebar instead of the system account
 * (« Agent : Jeanne Dupont », not « jdupont »). One per system account, until staff accounts
 * exist (the trust issue) and the logged-in account names the agent.
 */
const PREFIX = 'agent.name.';
const key = (actor: string) => `${PREFIX}${actor}`;

export function agentName(ctx: AppContext): string | null {
  return readSetting(ctx, key(ctx.actor)) ?? null;
}

export function setAgentName(ctx: AppContext, name: string): { ok: true } {
  transaction(ctx, () => writeSetting(ctx, key(ctx.actor), name));
  return { ok: true };
}

/** The names agents gave, by system account, to write the history with them. */
export function agentNames(ctx: AppContext): Map<string, string> {
  const rows = ctx.store.sqlite.prepare('SELECT key, value FROM settings WHERE key LIKE ?').all(`${PREFIX}%`) as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key.slice(PREFIX.length), r.value]));
}
