import { REQUEST_STATUS_LABELS, WAITING_REQUEST_STATUSES, type RequestStatus } from '../../../../shared/contract/requests.js';
import { formatCount } from '../../../../shared/domain/money.js';

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
