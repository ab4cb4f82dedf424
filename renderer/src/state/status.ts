import { create } from 'zustand';
import { invoke } from '../api/client.js';

interface StatusState {
  actor: string | null;
  version: string | null;
  loadInfo(): Promise<void>;
}

/**
 * Who is working, on which version (sidebar). The status strip has no count to refresh until the
 * desk can be enrolled with a central server: it says « Non relié au serveur ».
 */
export const useStatus = create<StatusState>((set) => ({
  actor: null,
  version: null,
  async loadInfo() {
    try {
      const info = await invoke('app.info', {});
      set({ actor: info.actor, version: info.version });
    } catch {
      // optional information
    }
  },
}));
