import { create } from 'zustand';
import { invoke } from '../../api/client.js';

/**
 * The dashboard's counts shown in the navigation: requests waiting for an agent (`count`) and
 * business conflicts still to settle (`conflictsOpen`), read with one `dashboard.get`.
 */
interface WaitingState {
  count: number | null;
  conflictsOpen: number | null;
  refresh(): Promise<void>;
}

export const useRequestsWaiting = create<WaitingState>((set) => ({
  count: null,
  conflictsOpen: null,
  async refresh() {
    try {
      const dashboard = await invoke('dashboard.get', {});
      set({ count: dashboard.requestsWaiting, conflictsOpen: dashboard.conflictsOpen });
    } catch {
      // keeps the last value
    }
  },
}));

export function refreshRequestsWaiting(): void {
  void useRequestsWaiting.getState().refresh();
}
