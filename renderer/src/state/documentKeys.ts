import { create } from 'zustand';
import type { DocumentKeyStatus } from '../../../shared/contract/keys.js';
import { invoke } from '../api/client.js';

/**
 * The document keys' status (documentKeys.status, any session): the banner of the layout reads
 * it, the « Clé des documents » screen loads it and puts here what each action answers.
 */
interface DocumentKeysState {
  status: DocumentKeyStatus | null;
  refresh(): Promise<void>;
  set(status: DocumentKeyStatus): void;
}

export const useDocumentKeys = create<DocumentKeysState>((set) => ({
  status: null,
  async refresh() {
    try {
      set({ status: await invoke('documentKeys.status', {}) });
    } catch {
      // keeps the last value: the banner is a hint, the screens say what fails
    }
  },
  set(status) {
    set({ status });
  },
}));
