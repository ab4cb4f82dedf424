import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/contract/sync-desk.js';
import { invoke } from '../api/client.js';

interface SyncState {
  status: SyncStatus | null;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
}

/** The desk's sync state (status strip), read every 10 s; the sync itself runs in the main process. */
export const useSync = create<SyncState>((set) => ({
  status: null,
  async refresh() {
    try {
      set({ status: await invoke('sync.status', {}) });
    } catch {
      // a locked session or a closing desk: the next turn will tell
    }
  },
  async syncNow() {
    set((s) => ({ status: s.status ? { ...s.status, state: 'running' } : s.status }));
    try {
      set({ status: await invoke('sync.now', {}) });
    } catch {
      await useSync.getState().refresh();
    }
  },
}));

export function useSyncPolling(): void {
  const refresh = useSync((s) => s.refresh);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 10_000);
    return () => clearInterval(timer);
  }, [refresh]);
}
