import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors.js';
import {
  type createRequestInput,
  PER_CHILD_REQUEST_TYPES,
  REQUEST_SCHEMAS,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  requestNumber,
  type RequestStatus,
  type RequestType,
  type SimilarRequest,
  WAITING_REQUEST_STATUSES,
} from '../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import type { AppContext } from '../../context.js';
import { all } from '../../store/sql.js';

/**
 * Duplicates (issue 8): the one rule that says a new request repeats one already received.
 * - A refund repeats a refund of the same child whose absence overlaps its own (bounds included:
 *   sharing one day is overlapping, adjacent days are not), still open or accepted (those days are
 *   refunded already); a refused one does not count (the family may send the certificate again).
 * - Any other kind repeats an open request of the same kind for the same family — and the same
 *   child when the kind concerns one child (rhythm). Decided or closed requests do not count.
 * The create operation refuses a duplicate unless the agent confirms it (`confirmDuplicate`).
 */

type NewRequestInput = z.output<typeof createRequestInput>;

interface Candidate {
  id: string;
  type: RequestType;
  status: RequestStatus;
  child_id: string | null;
  received_on: string;
  details: string;
}

/** The earliest received request the new one would repeat, or null. */
export function findSimilarRequest(ctx: AppContext, input: NewRequestInput): SimilarRequest | null {
  const counted: RequestStatus[] = input.type === 'refund' ? [...WAITING_REQUEST_STATUSES, 'accepted'] : [...WAITING_REQUEST_STATUSES];
  const candidates = all<Candidate>(
    ctx,
    `SELECT id, type, status, child_id, received_on, details FROM requests
     WHERE family_id = ? AND type = ? AND status IN (${counted.map(() => '?').join(', ')})
     ORDER BY received_on, created_at, id`,
    input.familyId,
    input.type,
    ...counted,
  );
  const perChild = PER_CHILD_REQUEST_TYPES.has(input.type);
  const found = candidates.find((c) => {
    if (perChild && c.child_id !== input.childId) return false;
    if (input.type !== 'refund') return true;
    const other = REQUEST_SCHEMAS.refund.details.parse(JSON.parse(c.details));
    return other.absenceFrom <= input.details.absenceTo && input.details.absenceFrom <= other.absenceTo;
  });
  if (!found) return null;
  return {
    id: found.id,
    number: requestNumber(found.id),
    typeLabel: REQUEST_TYPE_LABELS[found.type],
    statusLabel: REQUEST_STATUS_LABELS[found.status],
    receivedOn: found.received_on,
  };
}

/** The refusal of a duplicate, naming the other request (the form offers to open it or to save all the same). */
export function duplicateError(similar: SimilarRequest): AppError {
  return new AppError({
    code: 'CONFLICT',
    field: 'confirmDuplicate',
    message:
      `Une demande semblable existe déjà (n°\u00a0${similar.number} du ${formatFrenchDate(similar.receivedOn)}, statut «\u00a0${similar.statusLabel}\u00a0»)\u00a0: ` +
      'ouvrez-la, ou confirmez pour enregistrer celle-ci quand même.',
  });
}
