import { create } from 'zustand';

/**
 * First start (issue 9): once the administrator's account is made, one step proposes the
 * recovery code of the certificates before the desk (« Plus tard » skips it).
 */
export const useFirstStart = create<{ recoveryStep: boolean; setRecoveryStep(on: boolean): void }>((set) => ({
  recoveryStep: false,
  setRecoveryStep(on) {
    set({ recoveryStep: on });
  },
}));
