import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/errors.js';
import { Loader, type LoadState, valueKey } from '../../renderer/src/lib/loader.js';

/** A load whose answer the test gives when it wants (answers arriving out of order). */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject, load: () => promise };
}

function loader<T>() {
  const published: LoadState<T>[] = [];
  const l = new Loader<T>((s) => published.push(s));
  return { l, published };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Loader: only the latest load is shown', () => {
  it('drops an answer that arrives after a newer load started, whatever the order of arrival', async () => {
    const { l } = loader<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = l.start(first.load);
    const b = l.start(second.load);
    second.resolve('famille 2');
    await b;
    expect(l.state).toEqual({ data: 'famille 2', error: null, loading: false });
    first.resolve('famille 1');
    await a;
    await first.promise;
    expect(l.state.data).toBe('famille 2');

    // The old answer first: still dropped, the newer one still awaited.
    const third = deferred<string>();
    const fourth = deferred<string>();
    void l.start(third.load, { keep: true });
    const d = l.start(fourth.load, { keep: true });
    third.resolve('famille 3');
    await third.promise;
    expect(l.state).toEqual({ data: 'famille 2', error: null, loading: true });
    fourth.resolve('famille 4');
    await d;
    expect(l.state).toEqual({ data: 'famille 4', error: null, loading: false });
  });

  it('drops a failure of a replaced load, shows the failure of the latest one as an ApiError', async () => {
    const { l } = loader<string>();
    const old = deferred<string>();
    const latest = deferred<string>();
    void l.start(old.load);
    const done = l.start(latest.load);
    old.reject(new ApiError({ code: 'NOT_FOUND', message: 'Ce dossier n’existe pas.' }));
    await old.promise.catch(() => undefined);
    expect(l.state.error).toBeNull();
    latest.reject(new TypeError('fetch failed'));
    await done;
    expect(l.state.loading).toBe(false);
    expect(l.state.error).toBeInstanceOf(ApiError);
    expect(l.state.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^Erreur inattendue/) });
  });

  it('a new input clears what was shown; a reload keeps it until its answer, and keeps it on failure', async () => {
    const { l, published } = loader<string>();
    await l.start(() => Promise.resolve('liste A'));
    const reload = deferred<string>();
    const reloading = l.start(reload.load, { keep: true });
    expect(l.state).toEqual({ data: 'liste A', error: null, loading: true });
    reload.reject(new ApiError({ code: 'INTERNAL', message: 'Le service Guichet ne répond pas.' }));
    await reloading;
    expect(l.state).toMatchObject({ data: 'liste A', loading: false, error: { message: 'Le service Guichet ne répond pas.' } });

    void l.start(deferred<string>().load);
    expect(l.state).toEqual({ data: null, error: null, loading: true });
    expect(published.at(-1)).toBe(l.state);
  });

  it('waits the delay, and a start within it replaces the waiting one without calling it', async () => {
    vi.useFakeTimers();
    const { l } = loader<number>();
    const calls: number[] = [];
    const load = (n: number) => () => {
      calls.push(n);
      return Promise.resolve(n);
    };
    const first = l.start(load(1), { delayMs: 300, keep: true });
    await vi.advanceTimersByTimeAsync(200);
    const second = l.start(load(2), { delayMs: 300, keep: true });
    await first; // replaced: settled without loading
    expect(calls).toEqual([]);
    expect(l.state.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(calls).toEqual([2]);
    expect(l.state).toEqual({ data: 2, error: null, loading: false });
  });

  it('after stop, shows nothing and ignores the answer still on its way', async () => {
    const { l } = loader<string>();
    await l.start(() => Promise.resolve('ancienne famille'));
    const late = deferred<string>();
    const loading = l.start(late.load, { keep: true });
    l.stop();
    await loading;
    late.resolve('réponse tardive');
    await late.promise;
    expect(l.state).toEqual({ data: null, error: null, loading: false });
  });

  it('a load made of several calls can ask whether it is still the latest', async () => {
    const { l } = loader<number>();
    const seen: boolean[] = [];
    const gate = deferred<void>();
    const first = l.start(async (isLatest) => {
      await gate.promise;
      seen.push(isLatest());
      return 1;
    });
    const second = l.start(() => Promise.resolve(2));
    gate.resolve();
    await Promise.all([first, second, gate.promise]);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([false]);
    expect(l.state.data).toBe(2);
  });
});

describe('valueKey', () => {
  it('is equal for inputs equal by value, different otherwise', () => {
    expect(valueKey(['account.get', { familyId: 'f1', extra: { b: 1, a: [2, 3] } }])).toBe(
      valueKey(['account.get', { extra: { a: [2, 3], b: 1 }, familyId: 'f1' }]),
    );
    expect(valueKey(['account.get', { familyId: 'f1' }])).not.toBe(valueKey(['account.get', { familyId: 'f2' }]));
    expect(valueKey(['overdue.list', { asOf: '2026-03-20', offset: 0 }])).not.toBe(valueKey(['overdue.list', { asOf: '2026-03-20', offset: 100 }]));
    expect(valueKey(['x', { list: [1, 2] }])).not.toBe(valueKey(['x', { list: [2, 1] }]));
  });
});
