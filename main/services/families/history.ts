import { AUDIT_ACTION_LABELS, type AuditAction } from '../../../shared/contract/audit.js';
import { PAYMENT_METHOD_LABELS } from '../../../shared/contract/payments.js';
import { inSentence } from '../../../shared/domain/french.js';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS } from '../../../shared/contract/requests.js';
import { FAMILY_STATUS_LABELS, DIET_LABELS, type FamilyStatus, type DietNeed } from '../../../shared/contract/families.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { formatCents, formatCount } from '../../../shared/domain/money.js';
import { formatWeekdays, weekdaysFromText } from '../../../shared/domain/weekdays.js';

type Row = Record<string, unknown> | null;

/** French names of stored columns, for the history of a file. */
const COLUMN_LABELS: Record<string, string> = {
  family_name: 'nom',
  status: 'statut',
  address_line1: 'adresse',
  address_line2: "complément d’adresse",
  postal_code: 'code postal',
  city: 'ville',
  notes: 'notes',
  rank: 'rang',
  last_name: 'nom',
  first_name: 'prénom',
  is_payer: 'payeur',
  email: 'e-mail',
  phone_mobile: 'téléphone portable',
  phone_home: 'téléphone fixe',
  phone_work: 'téléphone professionnel',
  birth_date: 'date de naissance',
  school_id: 'école',
  class_name: 'classe',
  enrolled_from: "date d’entrée",
  enrolled_to: 'date de sortie',
  diet_need: 'régime',
};

const IGNORED = new Set(['updated_at', 'created_at', 'id', 'family_id']);

function person(row: Row): string {
  if (!row) return '';
  return `${text(row.first_name)} ${text(row.last_name)}`.trim();
}

function changedLabels(before: Row, after: Row): string {
  if (!before || !after) return '';
  const labels = new Set<string>();
  for (const [key, value] of Object.entries(after)) {
    if (IGNORED.has(key)) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) labels.add(COLUMN_LABELS[key] ?? key);
  }
  return [...labels].join(', ');
}

const PAYMENT_METHODS: Record<string, string> = Object.fromEntries(
  Object.entries(PAYMENT_METHOD_LABELS).map(([method, label]) => [method, inSentence(label)]),
);
const REQUEST_TYPES: Record<string, string> = Object.fromEntries(
  Object.entries(REQUEST_TYPE_LABELS).map(([type, label]) => [type, inSentence(label)]),
);
const REQUEST_STATUSES: Record<string, string> = Object.fromEntries(
  Object.entries(REQUEST_STATUS_LABELS).map(([status, label]) => [status, inSentence(label)]),
);

/** A stored scalar as text; nothing for a missing value (never « [object Object] »). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}

function cents(value: unknown): string {
  return formatCents(Number(value ?? 0));
}

/** One French line per audit entry: « Rythme de Léa : lun., mar., jeu., ven. à partir du 01/03/2026 ». */
export function summariseChange(action: string, before: Row, after: Row): string {
  const changed = changedLabels(before, after);
  switch (action) {
    case 'family.update':
      return changed ? `Dossier modifié\u00a0: ${changed}` : 'Dossier enregistré sans changement';
    case 'family.validate':
    case 'family.radiate':
    case 'family.archive': {
      const status = after?.status as FamilyStatus | undefined;
      return status ? `Statut\u00a0: ${FAMILY_STATUS_LABELS[status]}` : AUDIT_ACTION_LABELS[action];
    }
    case 'guardian.create':
      return `Responsable ajouté\u00a0: ${person(after)}${after?.is_payer ? ' (payeur)' : ''}`;
    case 'guardian.update':
      return changed ? `Responsable ${person(after)} modifié\u00a0: ${changed}` : `Responsable ${person(after)} enregistré`;
    case 'guardian.delete':
      return `Responsable retiré\u00a0: ${person(before)}`;
    case 'child.create':
      return `Enfant ajouté\u00a0: ${person(after)}`;
    case 'child.update': {
      const diet = after?.diet_need as DietNeed | undefined;
      const dietNote = before?.diet_need !== diet && diet ? ` (régime\u00a0: ${DIET_LABELS[diet]})` : '';
      return changed ? `Enfant ${person(after)} modifié\u00a0: ${changed}${dietNote}` : `Enfant ${person(after)} enregistré`;
    }
    case 'rhythm.create':
      return `Rythme\u00a0: ${formatWeekdays(weekdaysFromText(text(after?.weekdays)))} à partir du ${formatFrenchDate(
        text(after?.effective_from),
      )}`;
    case 'rhythm.override':
      return `Rythme appliqué dans la période déjà facturée ${text(after?.period)}\u00a0: ${text(after?.reason)}`;
    case 'qf.create':
      return `Quotient familial enregistré\u00a0: ${formatCount(Number(after?.value ?? 0))}\u00a0€ (tranche ${text(after?.tranche)}, à partir du ${formatFrenchDate(
        text(after?.valid_from),
      )})`;
    case 'payment.record':
      return `Paiement enregistré\u00a0: ${PAYMENT_METHODS[text(after?.method)] ?? text(after?.method)} de ${cents(after?.amount_cents)}${
        after?.receipt_number ? ` (reçu ${text(after.receipt_number)})` : ''
      }`;
    case 'payment.allocate':
    case 'payment.allocateCredit': {
      const allocations = Array.isArray(after?.allocations) ? (after.allocations as { invoice?: unknown; amount_cents?: unknown }[]) : [];
      const list = allocations.map((a) => `${text(a.invoice)} (${cents(a.amount_cents)})`).join(', ');
      const prefix = action === 'payment.allocate' ? 'Paiement affecté' : 'Avoir utilisé';
      const rest = Number(after?.unallocated_cents ?? 0);
      return `${prefix}\u00a0: ${list}${rest > 0 ? `\u00a0; ${cents(rest)} en avoir` : ''}`;
    }
    case 'payment.cancel':
      return `Paiement annulé\u00a0: ${text(after?.cancel_reason)}`;
    case 'invoice.cancel':
      return 'Facture annulée';
    case 'invoice.creditNote':
    case 'invoice.reversal':
      return `${action === 'invoice.creditNote' ? 'Avoir émis' : 'Annulation émise'}${after?.number ? `\u00a0: ${text(after.number)}` : ''}${
        after?.reason ? ` (motif\u00a0: ${text(after.reason)})` : ''
      }`;
    case 'request.create':
      return `Demande reçue\u00a0: ${REQUEST_TYPES[text(after?.type)] ?? text(after?.type)}`;
    case 'request.duplicate':
      return `Demande enregistrée malgré une demande semblable (n°\u00a0${text(after?.similar_number)})`;
    case 'request.assign':
      return `Demande confiée à ${text(after?.handled_by)}`;
    case 'request.decide':
    case 'request.status':
    case 'request.setStatus':
    case 'request.close':
      return `Demande ${REQUEST_TYPES[text(after?.type ?? before?.type)] ?? ''}\u00a0: ${
        REQUEST_STATUSES[text(after?.status)] ?? text(after?.status)
      }`.replace('  ', ' ');
    case 'credit.pending':
      return `Avoir à imputer sur la prochaine facture\u00a0: ${cents(Math.abs(Number(after?.amount_cents ?? 0)))}${
        after?.reason ? ` (${text(after.reason)})` : ''
      }`;
    case 'document.create':
      return after?.is_health ? 'Certificat médical déposé' : 'Document déposé';
    case 'document.open':
      return 'Certificat médical consulté';
    case 'billing.reissue':
      return `Facture réémise\u00a0: ${text(after?.number)} (${cents(after?.total_cents)})`;
    default:
      return action in AUDIT_ACTION_LABELS ? AUDIT_ACTION_LABELS[action as AuditAction] : 'Modification';
  }
}
