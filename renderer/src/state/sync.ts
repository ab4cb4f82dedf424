import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/contract/sync-desk.js';
import { invoke, onCall } from '../api/client.js';

interface SyncState {
  status: SyncStatus | null;
  /** Bumped by each answer of « Synchroniser maintenant »: a status read before it is stale. */
  generation: number;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
  /** A status the main process just gave (« Relier ce poste » answers one). */
  show(status: SyncStatus): void;
}

/**
 * The desk's sync state (status strip), read every 10 s, every second while a sync runs (its
 * progress); the sync itself runs in the main process.
 */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  generation: 0,
  async refresh() {
    const generation = get().generation;
    try {
      const status = await invoke('sync.status', {});
      if (get().generation === generation) set({ status });
    } catch {
      // a locked session or a closing desk: the next turn will tell
    }
  },
  async syncNow() {
    set((s) => ({ status: s.status ? { ...s.status, state: 'running' } : s.status }));
    try {
      const status = await invoke('sync.now', {});
      set((s) => ({ status, generation: s.generation + 1 }));
    } catch {
      await get().refresh();
    }
  },
  show(status) {
    set((s) => ({ status, generation: s.generation + 1 }));
  },
}));

export function useSyncPolling(): void {
  const refresh = useSync((s) => s.refresh);
  const running = useSync((s) => s.status?.state === 'running');
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), running ? 1000 : 10_000);
    return () => clearInterval(timer);
  }, [refresh, running]);
  // After the agent's operations, soon: « 3 modifications en attente » follows a change at once.
  useEffect(() => {
    let soon: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = onCall((name, error) => {
      if (error || name.startsWith('sync.')) return;
      clearTimeout(soon);
      soon = setTimeout(() => void refresh(), 300);
    });
    return () => {
      clearTimeout(soon);
      unsubscribe();
    };
  }, [refresh]);
}
