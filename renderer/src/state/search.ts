import { create } from 'zustand';
import type { SearchScope } from '../../../shared/contract/operations.js';
import type { FamilyRow } from '../../../shared/contract/schemas.js';
import { invoke } from '../api/client.js';
import { errorMessage } from '../api/errors.js';

const DEBOUNCE_MS = 80;

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

let timer: number | undefined;
let sequence = 0;
let inFlight = 0;
let lastStart = 0;

export const useSearch = create<SearchState>((set, get) => {
  async function run(): Promise<void> {
    window.clearTimeout(timer);
    const { query, scope } = get();
    const mine = ++sequence;
    lastStart = performance.now();
    inFlight += 1;
    set({ loading: true });
    try {
      const answer = await invoke('families.search', { query, scope }).finally(() => {
        inFlight -= 1;
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
   * Search as you type: the first keystroke after a pause searches at once (the store answers in a
   * few ms); keystrokes that follow within 80 ms are coalesced into one trailing search.
   */
  function schedule(): void {
    window.clearTimeout(timer);
    if (inFlight === 0 && performance.now() - lastStart >= DEBOUNCE_MS) {
      void run();
      return;
    }
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
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
