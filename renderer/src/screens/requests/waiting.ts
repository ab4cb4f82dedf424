import { create } from 'zustand';
import { invoke } from '../../api/client.js';

/** The count of requests waiting for an agent, shown in the navigation. */
interface WaitingState {
  count: number | null;
  refresh(): Promise<void>;
}

export const useRequestsWaiting = create<WaitingState>((set) => ({
  count: null,
  async refresh() {
    try {
      const dashboard = await invoke('dashboard.get', {});
      set({ count: dashboard.requestsWaiting });
    } catch {
      // keeps the last value
    }
  },
}));

export function refreshRequestsWaiting(): void {
  void useRequestsWaiting.getState().refresh();
}
