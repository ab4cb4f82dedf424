/**
 * What an agent without the « Documents de santé » permission sees of health data (issue 9): that
 * a certificate exists, never its file name, its hash, nor the free-text reason of the absence.
 * Pure functions over the services' outputs (the services filter before answering).
 */
export const HIDDEN_HEALTH_TEXT = 'Masqué\u00a0: réservé à la permission «\u00a0Documents de santé\u00a0»';

/**
 * The message of the failed « motif » check without the reason the family gave (the rule's own
 * message quotes it). A passed check names « maladie » only, the rule's word: it stays as it is.
 */
const HIDDEN_REASON_CHECK =
  'Motif\u00a0: autre qu’une maladie (le motif donné n’est pas repris ici). Seule une maladie ouvre droit au remboursement (article 8 du règlement intérieur).';

interface WithChecks {
  checks: readonly { rule: string; ok: boolean; message: string }[];
}

/** A refund verdict without the free-text reason: the failed « motif » check says so in fixed words. */
export function hideVerdictHealth<T extends WithChecks>(verdict: T): T {
  return { ...verdict, checks: verdict.checks.map((c) => (c.rule === 'reason' && !c.ok ? { ...c, message: HIDDEN_REASON_CHECK } : c)) };
}

/** A stored refund decision (its verdict, its failed checks) without the free-text reason. */
export function hideDecisionHealth<T>(decision: T): T {
  if (!isRecord(decision)) return decision;
  const hidden: Record<string, unknown> = { ...decision };
  if (isRecord(hidden.verdict) && Array.isArray(hidden.verdict.checks)) hidden.verdict = hideVerdictHealth(hidden.verdict as unknown as WithChecks);
  if (Array.isArray(hidden.failedChecks)) hidden.failedChecks = hideVerdictHealth({ checks: hidden.failedChecks as WithChecks['checks'] }).checks;
  return hidden as T;
}

/** The answer to an upload of a certificate: that it is stored, not its hash. */
export function hideUploadHealth<T extends { sha256: string }>(uploaded: T): T {
  return { ...uploaded, sha256: HIDDEN_HEALTH_TEXT };
}

interface WithDocuments {
  type: string;
  details: unknown;
  decision: unknown;
  documents: readonly { isHealth: boolean; fileName: string | null }[];
}

/** A request as the screens get it: the certificates' names and the absence's reason masked. */
export function hideRequestHealth<T extends WithDocuments>(request: T): T {
  const refund = request.type === 'refund';
  const details = refund && isRecord(request.details) ? { ...request.details, reason: HIDDEN_HEALTH_TEXT } : request.details;
  return {
    ...request,
    details,
    decision: refund ? hideDecisionHealth(request.decision) : request.decision,
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
  if (entity === 'requests' && row.type === 'refund') {
    const hidden = { ...row };
    if (typeof row.details === 'string') hidden.details = hideJson(row.details, (details) => (isRecord(details) && 'reason' in details ? { ...details, reason: HIDDEN_HEALTH_TEXT } : details));
    if (typeof row.decision === 'string') hidden.decision = hideJson(row.decision, hideDecisionHealth);
    return hidden;
  }
  return row;
}

/** A stored JSON column, masked; unreadable, masked whole. */
function hideJson(json: string, hide: (value: unknown) => unknown): string {
  try {
    return JSON.stringify(hide(JSON.parse(json) as unknown));
  } catch {
    return HIDDEN_HEALTH_TEXT;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
