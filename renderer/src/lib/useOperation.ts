import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationName, OpInput, OpOutput } from '../../../shared/contract/operations.js';
import { invoke } from '../api/client.js';
import { IDLE, Loader, type LoadState, valueKey } from './loader.js';

export interface Loaded<T> extends LoadState<T> {
  /** Loads again the same input, keeping what is shown meanwhile (after a change was saved). */
  reload(): Promise<void>;
}

export interface LoadOptions {
  /** Wait this long after the input last changed (a field being typed). */
  delayMs?: number;
  /** Keep the previous answer on screen while the answer for a new input is on its way. */
  keepPrevious?: boolean;
}

/**
 * Loads whatever `load` returns for `key` (null: nothing to load), again whenever the key
 * changes; only the answer to the latest key or reload is shown. For a screen whose data takes
 * several calls; `useOperation` is the usual case.
 */
export function useLoad<T>(key: string | null, load: (isLatest: () => boolean) => Promise<T>, options: LoadOptions = {}): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>(() => (key === null ? IDLE : { ...IDLE, loading: true }));
  const [loader] = useState(() => new Loader<T>(setState));
  // The latest `load` and options (they see the latest input and props) without being a reason
  // to load again: only a new key is.
  const latest = useRef({ load, options });
  useEffect(() => {
    latest.current = { load, options };
  });

  useEffect(() => {
    if (key === null) {
      loader.stop();
      return;
    }
    const { delayMs = 0, keepPrevious = false } = latest.current.options;
    void loader.start((isLatest) => latest.current.load(isLatest), { keep: keepPrevious, delayMs });
    return () => loader.cancel();
  }, [key, loader]);

  const reload = useCallback(
    () => (key === null ? Promise.resolve() : loader.start((isLatest) => latest.current.load(isLatest), { keep: true })),
    [key, loader],
  );
  return { ...state, reload };
}

/**
 * The result of one operation of the contract for `input`, loaded again when the input changes
 * by value (a new object with the same content does not reload). `enabled: false` loads nothing
 * and shows nothing (the input is not complete yet).
 */
export function useOperation<N extends OperationName>(
  name: N,
  input: OpInput<N>,
  { enabled = true, ...options }: LoadOptions & { enabled?: boolean } = {},
): Loaded<OpOutput<N>> {
  return useLoad(enabled ? valueKey([name, input]) : null, () => invoke(name, input), options);
}
