import { create } from 'zustand';
import { invoke } from '../api/client.js';

interface StatusState {
  outboxPending: number | null;
  actor: string | null;
  version: string | null;
  refresh(): Promise<void>;
  loadInfo(): Promise<void>;
}

/**
 * The status strip: who is working, and the changes waiting for the central server (refreshed
 * after each write; shown once the desk can be enrolled with a server — until then the strip says
 * « Non relié au serveur »).
 */
export const useStatus = create<StatusState>((set) => ({
  outboxPending: null,
  actor: null,
  version: null,
  async refresh() {
    try {
      const dashboard = await invoke('dashboard.get', {});
      set({ outboxPending: dashboard.outboxPending });
    } catch {
      // The strip keeps its last value; screens report their own errors.
    }
  },
  async loadInfo() {
    try {
      const info = await invoke('app.info', {});
      set({ actor: info.actor, version: info.version });
    } catch {
      // optional information
    }
  },
}));

export function refreshStatus(): void {
  void useStatus.getState().refresh();
}
