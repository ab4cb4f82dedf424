import { create } from 'zustand';
import { REQUEST_STATUS_LABELS, WAITING_REQUEST_STATUSES, type RequestStatus, type RequestType } from '../../../../shared/contract/requests.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';

export const TYPE_ORDER: readonly RequestType[] = ['refund', 'rhythm', 'radiation', 'correction', 'contact'];
export const STATUS_ORDER: readonly RequestStatus[] = [
  'received',
  'in_review',
  'missing_documents',
  'accepted',
  'refused',
  'done',
];

export function isWaiting(status: RequestStatus): boolean {
  return WAITING_REQUEST_STATUSES.includes(status);
}

export function RequestStatusBadge({ status, testId = 'request-status' }: { status: RequestStatus; testId?: string }) {
  return (
    <span className={`badge badge--rq-${status}`} data-status={status} data-testid={testId}>
      {REQUEST_STATUS_LABELS[status]}
    </span>
  );
}

/** « aujourd’hui », « 1 jour », « 12 jours ». */
export function waitedText(days: number): string {
  if (days <= 0) return 'aujourd’hui';
  return days === 1 ? '1\u00a0jour' : `${formatCount(days)}\u00a0jours`;
}

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
