import type { AuditAction } from '../../../shared/contract/audit.js';
import { inSentence } from '../../../shared/domain/french.js';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors.js';
import {
  createRequestInput,
  PER_CHILD_REQUEST_TYPES,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  requestDetail,
  type RequestDetail,
  type RequestRow,
  type RequestSource,
  type RequestStatus,
  type RequestType,
  requestNumber,
  type SimilarRequest,
} from '../../../shared/contract/requests.js';
import { parseOrThrow } from '../../../shared/contract/validation.js';
import { dayNumber } from '../../../shared/domain/calendar.js';
import { HEALTH_PERMISSION } from '../../../shared/contract/permissions.js';
import { hideRequestHealth } from '../../../shared/rules/health-visibility.js';
import type { AppContext } from '../../context.js';
import { audit, transaction } from '../../store/journal.js';
import { insertRecord, requireRecord, type RowOf, updateRecord } from '../../store/records.js';
import { requests } from '../../store/schema.js';
import { all, conflict, nowIso, one } from '../../store/sql.js';
import { requireWritableFamily } from '../families/index.js';
import { commitUpload, indexUpload, prepareHealthDocument, prepareRequestPiece } from '../uploads/index.js';
import { duplicateError, findSimilarRequest } from './similar.js';

/**
 * Requests (demandes) from families: received, instructed (in review, missing pieces), decided
 * (accepted, refused) or done. Each write is one transaction with its audit entry and sync
 * messages. The decisions live beside: decisions.ts (refund, rhythm, correction), radiation.ts.
 * Details and decision are JSON columns, read back only through their type's schemas
 * (`REQUEST_SCHEMAS`), so everything above the store gets typed values.
 */

export type RequestRecord = RowOf<typeof requests>;

/** Statuses after which a request no longer changes. */
const FINAL: ReadonlySet<RequestStatus> = new Set(['accepted', 'refused', 'done']);

export function requireRequest(ctx: AppContext, id: string, type?: RequestType): RequestRecord {
  const row = requireRecord(ctx, requests, id, 'Cette demande n’existe pas (ou plus).');
  if (type !== undefined && row.type !== type) {
    throw conflict(`Cette demande est de type «\u00a0${REQUEST_TYPE_LABELS[row.type]}\u00a0», pas «\u00a0${REQUEST_TYPE_LABELS[type]}\u00a0».`);
  }
  return row;
}

/**
 * A request that may still change: not decided yet, and its family file not archived (archived
 * files are read-only). Every writer of a request starts here.
 */
export function requireOpenRequest(ctx: AppContext, id: string, type?: RequestType): RequestRecord {
  const row = requireRequest(ctx, id, type);
  if (FINAL.has(row.status)) {
    throw conflict(`Cette demande est déjà ${inSentence(REQUEST_STATUS_LABELS[row.status])}\u00a0: elle ne peut plus changer.`);
  }
  if (row.familyId !== null) requireWritableFamily(ctx, row.familyId);
  return row;
}

/** Writes the changed columns of a request, with its audit entry and sync messages. */
export function updateRequest(ctx: AppContext, before: RequestRecord, changes: Partial<RequestRecord>, action: AuditAction): RequestRecord {
  return updateRecord(ctx, requests, before, { ...changes, updatedAt: nowIso() }, { action, familyId: before.familyId });
}

/** The details of a stored request, read with its type's schema (`REQUEST_SCHEMAS.<type>.details`). */
export function storedDetails<S extends z.ZodType>(row: RequestRecord, schema: S): z.output<S> {
  return schema.parse(JSON.parse(row.details));
}

/** A new request as any caller writes it; checked here with the contract's schema, since not every caller goes through dispatch. */
export type NewRequest = z.input<typeof createRequestInput>;

/**
 * Records a request received by the Caisse. A refund may bring its scanned medical certificate, a
 * radiation its certificat de radiation: the request, the document, their audit entries and sync
 * messages are one transaction, the file (encrypted for a medical certificate) is written before
 * them and removed if it fails — never a request without the certificate it came with, nor a file
 * without its request. A request that repeats one already received (`findSimilarRequest`) is
 * refused, naming the other, unless the agent confirms it; the audit then keeps the other's number.
 */
export function createRequest(ctx: AppContext, raw: NewRequest): { id: string } {
  const input = parseOrThrow(createRequestInput, raw);
  if (PER_CHILD_REQUEST_TYPES.has(input.type) && input.childId === null) {
    throw AppError.invalid('childId', 'Enfant\u00a0: obligatoire pour cette demande.');
  }
  if (input.receivedOn > ctx.today()) throw AppError.invalid('receivedOn', 'Reçue le\u00a0: la date est dans le futur.');
  const file = input.type === 'refund' || input.type === 'radiation' ? input.certificate : null;
  const certificate =
    file === null
      ? null
      : underField('certificate', () =>
          input.type === 'refund' ? prepareHealthDocument(ctx, file) : prepareRequestPiece(ctx, { kind: 'radiation_certificate', ...file }),
        );

  const insert = (): { id: string } => {
    const family = requireWritableFamily(ctx, input.familyId);
    if (input.type === 'radiation' && family.status === 'radiated') {
      throw conflict('Ce dossier est déjà radié\u00a0: une nouvelle demande de radiation est sans objet.');
    }
    if (input.childId !== null && !one(ctx, 'SELECT id FROM children WHERE id = ? AND family_id = ?', input.childId, input.familyId)) {
      throw AppError.invalid('childId', 'Enfant\u00a0: cet enfant n’est pas dans ce dossier.');
    }
    const similar = findSimilarRequest(ctx, input);
    if (similar !== null && !input.confirmDuplicate) throw duplicateError(similar);
    const at = nowIso();
    const row: RequestRecord = {
      id: ctx.newId(),
      familyId: input.familyId,
      childId: input.childId,
      type: input.type,
      status: 'received',
      source: 'desk',
      receivedOn: input.receivedOn,
      handledBy: null,
      createdAt: at,
      updatedAt: at,
      details: JSON.stringify(input.details),
      missingPieces: null,
      decision: null,
      decidedAt: null,
      decidedBy: null,
      letterNote: null,
    };
    insertRecord(ctx, requests, row, { action: 'request.create', familyId: input.familyId });
    if (similar !== null) {
      // Saved despite a similar request: an audit entry only (it changes no data of its own).
      audit(ctx, {
        action: 'request.duplicate',
        entity: 'requests',
        entityId: row.id,
        familyId: input.familyId,
        before: null,
        after: { similar_request_id: similar.id, similar_number: similar.number },
      });
    }
    return { id: row.id };
  };
  if (certificate === null) return transaction(ctx, insert);
  return commitUpload(ctx, certificate, () => {
    const created = insert();
    indexUpload(ctx, certificate, { familyId: input.familyId, childId: input.type === 'refund' ? input.childId : null, requestId: created.id });
    return created;
  });
}

/** The request a new one would repeat (what the form shows before « Enregistrer quand même »), or null. */
export function similarRequest(ctx: AppContext, raw: NewRequest): SimilarRequest | null {
  return findSimilarRequest(ctx, parseOrThrow(createRequestInput, raw));
}

/** Runs `work`; a field its errors name becomes `<prefix>.<field>`, as the caller's input names it. */
function underField<T>(prefix: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof AppError) || error.field === undefined) throw error;
    const issues = (error.issues ?? []).map((i) => ({ ...i, field: `${prefix}.${i.field}` }));
    throw new AppError({ code: error.code, message: error.message, field: `${prefix}.${error.field}`, issues });
  }
}

/** A request as the list query reads it (columns of `requests`, with its family's and child's names). */
interface ListedRecord {
  id: string;
  family_id: string | null;
  child_id: string | null;
  type: RequestType;
  status: RequestStatus;
  source: RequestSource;
  received_on: string;
  handled_by: string | null;
  details: string;
  missing_pieces: string | null;
  decision: string | null;
  decided_at: string | null;
  decided_by: string | null;
  letter_note: string | null;
  family_name: string | null;
  dossier_number: number | null;
  child_first_name: string | null;
  child_last_name: string | null;
}

const LIST = `SELECT r.*, f.family_name, f.dossier_number, c.first_name AS child_first_name, c.last_name AS child_last_name
  FROM requests r LEFT JOIN families f ON f.id = r.family_id LEFT JOIN children c ON c.id = r.child_id`;

function toRow(ctx: AppContext, r: ListedRecord): RequestRow {
  return {
    id: r.id,
    number: requestNumber(r.id),
    type: r.type,
    typeLabel: REQUEST_TYPE_LABELS[r.type],
    status: r.status,
    statusLabel: REQUEST_STATUS_LABELS[r.status],
    source: r.source,
    familyId: r.family_id,
    familyName: r.family_name,
    dossierNumber: r.dossier_number,
    childId: r.child_id,
    childName: r.child_first_name === null ? null : `${r.child_first_name} ${r.child_last_name ?? ''}`.trim(),
    receivedOn: r.received_on,
    waitedDays: Math.max(0, dayNumber(ctx.today()) - dayNumber(r.received_on)),
    handledBy: r.handled_by,
  };
}

export function listRequests(
  ctx: AppContext,
  input: { status?: RequestStatus | undefined; type?: RequestType | undefined; familyId?: string | undefined; sort: 'waited' | 'received' },
): RequestRow[] {
  const order = input.sort === 'waited' ? 'r.received_on ASC, r.created_at ASC' : 'r.received_on DESC, r.created_at DESC';
  return all<ListedRecord>(
    ctx,
    `${LIST} WHERE (@status IS NULL OR r.status = @status) AND (@type IS NULL OR r.type = @type)
       AND (@family IS NULL OR r.family_id = @family) ORDER BY ${order}`,
    { status: input.status ?? null, type: input.type ?? null, family: input.familyId ?? null },
  ).map((r) => toRow(ctx, r));
}

/** A request with its details, decision and documents (their index, never their content). */
/** A request as the screens get it: health details masked without the health permission. */
export function getRequest(ctx: AppContext, requestId: string): RequestDetail {
  const detail = readRequest(ctx, requestId);
  // Without the health permission: the certificate exists, its name and the absence's reason do not show.
  return ctx.roles.has(HEALTH_PERMISSION) ? detail : hideRequestHealth(detail);
}

/** The whole request (the decision letter to the family states its reason). */
export function readRequest(ctx: AppContext, requestId: string): RequestDetail {
  const r = one<ListedRecord>(ctx, `${LIST} WHERE r.id = ?`, requestId);
  if (!r) throw AppError.notFound('Cette demande n’existe pas (ou plus).');
  const docs = all<{ id: string; kind: string; original_name: string | null; mime: string; size: number; is_health: number; created_at: string; created_by: string }>(
    ctx,
    'SELECT id, kind, original_name, mime, size, is_health, created_at, created_by FROM documents WHERE request_id = ? ORDER BY created_at, rowid',
    requestId,
  );
  // The stored JSON is read through the contract: details and decision typed by the request's type.
  return requestDetail.parse({
    ...toRow(ctx, r),
    details: JSON.parse(r.details) as unknown,
    missingPieces: r.missing_pieces ? (JSON.parse(r.missing_pieces) as unknown) : [],
    decision: r.decision === null ? null : (JSON.parse(r.decision) as unknown),
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    letterNote: r.letter_note,
    documents: docs.map((d) => ({
      id: d.id,
      kind: d.kind,
      fileName: d.original_name,
      mime: d.mime,
      size: d.size,
      isHealth: d.is_health === 1,
      createdAt: d.created_at,
      createdBy: d.created_by,
    })),
  });
}

export function assignRequest(ctx: AppContext, input: { requestId: string; agent: string }): { ok: true } {
  return transaction(ctx, () => {
    const before = requireOpenRequest(ctx, input.requestId);
    updateRequest(ctx, before, { handledBy: input.agent }, 'request.assign');
    return { ok: true as const };
  });
}

export function setRequestStatus(
  ctx: AppContext,
  input: { requestId: string; status: 'in_review' | 'missing_documents'; missingPieces: string[] },
): { ok: true } {
  return transaction(ctx, () => {
    const before = requireOpenRequest(ctx, input.requestId);
    if (input.status === 'missing_documents' && input.missingPieces.length === 0) {
      throw AppError.invalid('missingPieces', 'Pièces manquantes\u00a0: indiquez au moins une pièce manquante.');
    }
    updateRequest(
      ctx,
      before,
      {
        status: input.status,
        missingPieces: input.status === 'missing_documents' ? JSON.stringify(input.missingPieces) : null,
        handledBy: before.handledBy ?? ctx.actor,
      },
      'request.status',
    );
    return { ok: true as const };
  });
}
