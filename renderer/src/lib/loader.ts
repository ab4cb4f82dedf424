import { ApiError, asApiError } from '../api/errors.js';

/** What a screen shows of a load: the last answer, the last failure, whether a load is on its way. */
export interface LoadState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

export const IDLE: LoadState<never> = { data: null, error: null, loading: false };

export interface StartOptions {
  /** Keep showing the data and error while loading (a reload; a list being filtered). */
  keep?: boolean;
  /** Wait this long first; a new start within it replaces this one (typing). */
  delayMs?: number;
}

/**
 * The loads of one screen, where only the latest counts: an answer to an earlier input or to an
 * earlier reload that arrives late is dropped, never shown over a newer one. Pure (no React, no
 * DOM): `useLoad` publishes its state into React.
 */
export class Loader<T> {
  private latest = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves the promise of the load in progress (when it is replaced before it settles). */
  private settle: (() => void) | null = null;
  private current: LoadState<T> = IDLE;

  constructor(private readonly publish: (state: LoadState<T>) => void) {}

  get state(): LoadState<T> {
    return this.current;
  }

  /**
   * Starts a load. `load` may ask `isLatest()` between its own steps (a load made of several
   * calls). The promise resolves once this load has settled or been replaced; it never rejects:
   * a failure is in `state.error`.
   */
  start(load: (isLatest: () => boolean) => Promise<T>, { keep = false, delayMs = 0 }: StartOptions = {}): Promise<void> {
    const mine = this.replace();
    const isLatest = () => mine === this.latest;
    this.set(keep ? { ...this.current, loading: true } : { data: null, error: null, loading: true });
    return new Promise<void>((resolve) => {
      this.settle = resolve;
      const run = async () => {
        this.timer = undefined;
        try {
          const data = await load(isLatest);
          if (isLatest()) this.set({ data, error: null, loading: false });
        } catch (error) {
          if (isLatest()) this.set({ ...this.current, error: asApiError(error), loading: false });
        }
        if (isLatest()) this.settle = null;
        resolve();
      };
      if (delayMs > 0) this.timer = setTimeout(() => void run(), delayMs);
      else void run();
    });
  }

  /** Drops the load in progress, if any: its answer will be ignored. What is shown stays. */
  cancel(): void {
    this.replace();
    if (this.current.loading) this.set({ ...this.current, loading: false });
  }

  /** Nothing to load (the input is not ready): shows nothing, ignores any answer on its way. */
  stop(): void {
    this.replace();
    this.set(IDLE);
  }

  private replace(): number {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.settle?.();
    this.settle = null;
    return ++this.latest;
  }

  private set(state: LoadState<T>): void {
    this.current = state;
    this.publish(state);
  }
}

/** A key equal for inputs equal by value, whatever the order of their properties. */
export function valueKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
