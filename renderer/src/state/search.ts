import { create } from 'zustand';
import type { SearchScope, FamilyRow } from '../../../shared/contract/families.js';
import { invoke } from '../api/client.js';
import { errorMessage } from '../api/errors.js';

interface SearchState {
  query: string;
  scope: SearchScope;
  rows: FamilyRow[];
  total: number;
  /** Query and scope of the rows shown (null before the first answer). */
  shown: { query: string; scope: SearchScope } | null;
  loading: boolean;
  error: string | null;
  selected: number;
  /** Scroll position of the list, kept when leaving the screen. */
  scrollOffset: number;
  /** Bumped to ask the search box to take the focus (Ctrl+K, « / »). */
  focusRequest: number;

  setQuery(query: string): void;
  setScope(scope: SearchScope): void;
  select(index: number): void;
  move(delta: number): void;
  /** Runs the search now (no debounce) if the shown rows are not those of the current criteria. */
  ensureLoaded(): void;
  /** Runs the search now, whatever is shown (after a change to the data). */
  reload(): void;
  setScrollOffset(offset: number): void;
  requestFocus(): void;
}

let sequence = 0;
let inFlight = 0;
/** A keystroke arrived while a search was running: search again, once, when it answers. */
let pending = false;

export const useSearch = create<SearchState>((set, get) => {
  async function run(): Promise<void> {
    const { query, scope } = get();
    const mine = ++sequence;
    inFlight += 1;
    set({ loading: true });
    try {
      const answer = await invoke('families.search', { query, scope }).finally(() => {
        inFlight -= 1;
        if (pending && inFlight === 0) {
          pending = false;
          void run();
        }
      });
      if (mine !== sequence) return; // a newer search was started: this answer is stale
      set({
        rows: answer.rows,
        total: answer.total,
        shown: { query, scope },
        loading: false,
        error: null,
        selected: answer.rows.length > 0 ? 0 : -1,
        scrollOffset: 0,
      });
    } catch (error) {
      if (mine !== sequence) return;
      set({ loading: false, error: errorMessage(error) });
    }
  }

  /**
   * Search as you type without a fixed delay: a keystroke searches at once when no search is
   * running; keystrokes that come while one runs are coalesced into one search of the latest text,
   * started as soon as the running one answers (the store answers in a few ms).
   */
  function schedule(): void {
    if (inFlight > 0) {
      pending = true;
      return;
    }
    void run();
  }

  return {
    query: '',
    scope: 'current',
    rows: [],
    total: 0,
    shown: null,
    loading: false,
    error: null,
    selected: -1,
    scrollOffset: 0,
    focusRequest: 0,

    setQuery(query) {
      if (query === get().query) return;
      set({ query });
      schedule();
    },
    setScope(scope) {
      set({ scope });
      void run();
    },
    select(index) {
      set({ selected: index });
    },
    move(delta) {
      const { rows, selected } = get();
      if (rows.length === 0) return;
      const next = Math.min(rows.length - 1, Math.max(0, (selected < 0 ? -1 : selected) + delta));
      set({ selected: next });
    },
    ensureLoaded() {
      const { shown, query, scope } = get();
      if (!shown || shown.query !== query || shown.scope !== scope) void run();
    },
    reload() {
      void run();
    },
    setScrollOffset(offset) {
      set({ scrollOffset: offset });
    },
    requestFocus() {
      set({ focusRequest: get().focusRequest + 1 });
    },
  };
});

/** Marks the list as out of date after a change (the next visit reloads it). */
export function invalidateSearch(): void {
  useSearch.setState({ shown: null });
}
