import { create } from 'zustand';
import { invoke } from '../../api/client.js';

/** The count of business conflicts still to settle, shown in the navigation. */
interface OpenConflictsState {
  count: number | null;
  refresh(): Promise<void>;
}

export const useOpenConflicts = create<OpenConflictsState>((set) => ({
  count: null,
  async refresh() {
    try {
      set({ count: (await invoke('conflicts.list', { state: 'open' })).openCount });
    } catch {
      // keeps the last value
    }
  },
}));
