import { create } from 'zustand';
import { invoke } from '../api/client.js';

interface StatusState {
  actor: string | null;
  /** The name the agent gave on this desk (shown instead of the system account). */
  agentName: string | null;
  version: string | null;
  loadInfo(): Promise<void>;
}

/** Who is working, on which version (sidebar); the sync state has its own store (state/sync.ts). */
export const useStatus = create<StatusState>((set) => ({
  actor: null,
  agentName: null,
  version: null,
  async loadInfo() {
    try {
      const info = await invoke('app.info', {});
      set({ actor: info.actor, agentName: info.agentName, version: info.version });
    } catch {
      // optional information
    }
  },
}));
