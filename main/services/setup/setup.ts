import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { loadDemo } from './demo.js';

const CHOICE_KEY = 'setup.choice';

function familyCount(ctx: AppContext): number {
  return (ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;
}

function choice(ctx: AppContext): string | undefined {
  const row = ctx.store.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(CHOICE_KEY) as
    | { value: string }
    | undefined;
  return row?.value;
}

function saveChoice(ctx: AppContext, value: 'demo' | 'empty'): void {
  ctx.store.sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(CHOICE_KEY, value);
}

/** First start with an empty store: the screens offer demo data or an empty start. */
export function setupState(ctx: AppContext): { needsChoice: boolean; families: number } {
  const families = familyCount(ctx);
  return { needsChoice: families === 0 && choice(ctx) === undefined, families };
}

export function startEmpty(ctx: AppContext): { ok: true } {
  saveChoice(ctx, 'empty');
  return { ok: true };
}

export function setupLoadDemo(ctx: AppContext, seed: number): { schools: number; families: number; children: number } {
  if (familyCount(ctx) > 0) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'La base contient déjà des familles\u00a0: les données de démonstration ne se chargent que dans une base vide.',
    });
  }
  const result = loadDemo(ctx, { seed });
  saveChoice(ctx, 'demo');
  return result;
}
