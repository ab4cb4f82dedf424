/**
 * What an agent without the « Documents de santé » permission sees of health data (issue 9): that
 * a certificate exists, never its file name, its hash, nor the free-text reason of the absence.
 * Pure functions over the services' outputs (the services filter before answering).
 */
export const HIDDEN_HEALTH_TEXT = 'Masqué\u00a0: réservé à la permission «\u00a0Documents de santé\u00a0»';

interface WithDocuments {
  type: string;
  details: unknown;
  documents: readonly { isHealth: boolean; fileName: string | null }[];
}

/** A request as the screens get it: the certificates' names and the absence's reason masked. */
export function hideRequestHealth<T extends WithDocuments>(request: T): T {
  const details = request.type === 'refund' && isRecord(request.details) ? { ...request.details, reason: HIDDEN_HEALTH_TEXT } : request.details;
  return {
    ...request,
    details,
    documents: request.documents.map((d) => (d.isHealth ? { ...d, fileName: null } : d)),
  };
}

const DOCUMENT_HEALTH_FIELDS = ['original_name', 'stored_name', 'sha256'];

/** A row of an audit entry (by column name), masked the same way: health documents and refund requests' reasons. */
export function hideAuditRowHealth(entity: string, row: Record<string, unknown> | null): Record<string, unknown> | null {
  if (row === null) return null;
  if (entity === 'documents' && (row.is_health === true || row.is_health === 1)) {
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, DOCUMENT_HEALTH_FIELDS.includes(k) && v !== null ? HIDDEN_HEALTH_TEXT : v]));
  }
  if (entity === 'requests' && typeof row.details === 'string' && row.type === 'refund') {
    try {
      const details = JSON.parse(row.details) as unknown;
      if (isRecord(details) && 'reason' in details) return { ...row, details: JSON.stringify({ ...details, reason: HIDDEN_HEALTH_TEXT }) };
    } catch {
      return { ...row, details: HIDDEN_HEALTH_TEXT };
    }
  }
  return row;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
