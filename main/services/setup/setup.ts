import { AppError } from '../../../shared/contract/errors.js';
import type { AppContext } from '../../context.js';
import { readSetting, writeLocalSetting } from '../../store/settings.js';
import { DEFAULT_DEMO_FAMILIES, loadDemo, requireEmptyStore, type DemoResult } from './demo.js';

const CHOICE_KEY = 'setup.choice';

function familyCount(ctx: AppContext): number {
  return (ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;
}

function saveChoice(ctx: AppContext, value: 'demo' | 'empty'): void {
  writeLocalSetting(ctx, CHOICE_KEY, value);
}

/** First start with an empty store: the screens offer demo data or an empty start. */
export function setupState(ctx: AppContext): { needsChoice: boolean; families: number; today: string; notice: string | null } {
  const families = familyCount(ctx);
  return { needsChoice: families === 0 && readSetting(ctx, CHOICE_KEY) === undefined, families, today: ctx.today(), notice: ctx.restoreNotice };
}

export function dismissNotice(ctx: AppContext): { ok: true } {
  ctx.restoreNotice = null;
  return { ok: true };
}

export function startEmpty(ctx: AppContext): { ok: true } {
  saveChoice(ctx, 'empty');
  return { ok: true };
}

/**
 * The first-start screen's load of the demo data, and its progress for the polled
 * `setup.demoProgress` (the web host and the desktop answer it while the load breathes).
 * The estimate before the first measure: about 7 ms per family on a quiet computer (the previous
 * demo took 56 s for 9,000 families on the 2-core build machine when idle, this one about 10 %
 * more); past a tenth of the load, the pace measured so far replaces it.
 */
const ESTIMATED_MS_PER_FAMILY = 7;

interface LoadState {
  step: string;
  fraction: number;
  startedAt: number;
  estimateMs: number;
  running: boolean;
}

const loads = new WeakMap<AppContext['store'], LoadState>();

export interface DemoProgressState {
  running: boolean;
  step: string;
  fraction: number;
  elapsedMs: number;
  /** What is left, from the pace so far (the first estimate until a tenth is done); null when nothing runs. */
  remainingMs: number | null;
}

export function demoProgress(ctx: AppContext): DemoProgressState {
  const state = loads.get(ctx.store);
  if (!state) return { running: false, step: '', fraction: 0, elapsedMs: 0, remainingMs: null };
  const elapsedMs = Date.now() - state.startedAt;
  if (!state.running) return { running: false, step: state.step, fraction: state.fraction, elapsedMs, remainingMs: null };
  const remainingMs =
    state.fraction >= 0.1 ? (elapsedMs * (1 - state.fraction)) / state.fraction : Math.max(state.estimateMs - elapsedMs, 1000);
  return { running: true, step: state.step, fraction: state.fraction, elapsedMs, remainingMs: Math.round(remainingMs) };
}

export async function setupLoadDemo(ctx: AppContext, seed: number): Promise<DemoResult> {
  if (loads.get(ctx.store)?.running) {
    throw new AppError({ code: 'CONFLICT', message: 'Les données de démonstration sont déjà en cours de chargement.' });
  }
  requireEmptyStore(ctx);
  const state: LoadState = {
    step: 'Préparation',
    fraction: 0,
    startedAt: Date.now(),
    estimateMs: DEFAULT_DEMO_FAMILIES * ESTIMATED_MS_PER_FAMILY,
    running: true,
  };
  loads.set(ctx.store, state);
  try {
    const result = await loadDemo(ctx, {
      seed,
      onProgress: (p) => {
        state.step = p.step;
        state.fraction = p.fraction;
      },
    });
    saveChoice(ctx, 'demo');
    return result;
  } finally {
    state.running = false;
  }
}
