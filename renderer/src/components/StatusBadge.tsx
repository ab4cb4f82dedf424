import { FAMILY_STATUS_LABELS, type FamilyStatus } from '../../../shared/contract/families.js';

export function StatusBadge({ status }: { status: FamilyStatus }) {
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {FAMILY_STATUS_LABELS[status]}
    </span>
  );
}
