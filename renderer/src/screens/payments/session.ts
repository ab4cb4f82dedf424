import { create } from 'zustand';
import type { PaymentMethod } from '../../../../shared/contract/payments.js';

/**
 * The payments recorded at this counter since Guichet was opened (the contract has no list of a
 * day's payments yet): kept across screens, newest first.
 */
export interface SessionPayment {
  paymentId: string;
  receiptNumber: string;
  familyId: string;
  dossierNumber: number;
  familyName: string;
  method: PaymentMethod;
  amountCents: number;
  receivedOn: string;
  /** When it was recorded (UTC ISO). */
  at: string;
  allocations: { invoiceId: string; number: string; amountCents: number }[];
  unallocatedCents: number;
  status: 'valid' | 'cancelled';
  cancelReason: string | null;
  replayed: boolean;
}

interface SessionState {
  payments: SessionPayment[];
  add(payment: SessionPayment): void;
  markCancelled(paymentId: string, reason: string): void;
}

export const useCounterSession = create<SessionState>((set, get) => ({
  payments: [],
  add(payment) {
    const others = get().payments.filter((p) => p.paymentId !== payment.paymentId);
    set({ payments: [payment, ...others] });
  },
  markCancelled(paymentId, reason) {
    set({
      payments: get().payments.map((p) => (p.paymentId === paymentId ? { ...p, status: 'cancelled', cancelReason: reason } : p)),
    });
  },
}));
