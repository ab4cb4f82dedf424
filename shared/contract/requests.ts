import { z } from 'zod';
import { id, isoDate, ok, op, optionalText, trimmed, weekdays } from './common.js';

/**
 * Requests (demandes) from families — refund, rhythm change, radiation, correction, contact —,
 * their instruction and decisions.
 */

export const requestType = z.enum(['refund', 'rhythm', 'radiation', 'correction', 'contact'], {
  error: 'Type de demande inconnu.',
});
export type RequestType = z.infer<typeof requestType>;
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  refund: 'Remboursement pour maladie',
  rhythm: 'Changement de rythme',
  radiation: 'Radiation',
  correction: 'Correction du dossier',
  contact: 'Message',
};

export const requestStatus = z.enum(['received', 'in_review', 'missing_documents', 'accepted', 'refused', 'done'], {
  error: 'Statut de demande inconnu.',
});
export type RequestStatus = z.infer<typeof requestStatus>;
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'reçue',
  in_review: 'en instruction',
  missing_documents: 'pièces manquantes',
  accepted: 'acceptée',
  refused: 'refusée',
  done: 'traitée',
};
/** Statuses that still wait for an agent (the dashboard counts them). */
export const WAITING_REQUEST_STATUSES: readonly RequestStatus[] = ['received', 'in_review', 'missing_documents'];

const yes = (required: string) => z.boolean({ error: required });

/* ---------- details, per type ---------- */

export const refundDetails = z
  .object({
    absenceFrom: isoDate,
    absenceTo: isoDate,
    reason: trimmed(200, 'Motif de l’absence obligatoire (par exemple «\u00a0maladie\u00a0»).'),
    certificateOriginal: yes('Certificat original\u00a0: oui ou non.'),
    certificateNoErasures: yes('Certificat sans rature ni surcharge\u00a0: oui ou non.'),
    schoolHeadVisa: yes('Visa du directeur\u00a0: oui ou non.'),
    schoolHeadVisaOn: isoDate.nullable().optional().transform((v) => v ?? null),
  })
  .strict()
  .refine((d) => d.absenceTo >= d.absenceFrom, {
    path: ['absenceTo'],
    error: 'Le dernier jour d’absence précède le premier.',
  });
export const rhythmDetails = z.object({ weekdays }).strict();
export const radiationDetails = z
  .object({
    movingDate: isoDate,
    newAddress: trimmed(300, 'Nouvelle adresse obligatoire.'),
    certificateReceived: z.boolean().default(false),
  })
  .strict();
export const correctionDetails = z
  .object({
    concerns: trimmed(200, 'Objet de la correction obligatoire.'),
    text: trimmed(2000, 'Texte de la demande obligatoire.'),
  })
  .strict();
export const contactDetails = z.object({ text: trimmed(2000, 'Texte du message obligatoire.') }).strict();

export const REQUEST_DETAILS = {
  refund: refundDetails,
  rhythm: rhythmDetails,
  radiation: radiationDetails,
  correction: correctionDetails,
  contact: contactDetails,
} as const;

export type RefundDetails = z.output<typeof refundDetails>;
export type RhythmDetails = z.output<typeof rhythmDetails>;

/* ---------- rows ---------- */

export const refundCheck = z.object({ rule: z.string(), ok: z.boolean(), message: z.string() });
export const refundVerdictOutput = z.object({
  eligible: z.boolean(),
  refundedDays: z.array(z.string()),
  amountCents: z.number(),
  checks: z.array(refundCheck),
});
export type RefundVerdictOutput = z.infer<typeof refundVerdictOutput>;

export const requestRow = z.object({
  id: z.string(),
  type: requestType,
  typeLabel: z.string(),
  status: requestStatus,
  statusLabel: z.string(),
  familyId: z.string().nullable(),
  familyName: z.string().nullable(),
  dossierNumber: z.number().nullable(),
  childId: z.string().nullable(),
  childName: z.string().nullable(),
  receivedOn: z.string(),
  /** Days since reception (today − received on). */
  waitedDays: z.number(),
  handledBy: z.string().nullable(),
});
export type RequestRow = z.infer<typeof requestRow>;

export const requestDocument = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string().nullable(),
  mime: z.string(),
  size: z.number(),
  isHealth: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const requestDetail = requestRow.extend({
  details: z.record(z.string(), z.unknown()),
  missingPieces: z.array(z.string()),
  decision: z.record(z.string(), z.unknown()).nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  letterNote: z.string().nullable(),
  documents: z.array(requestDocument),
});
export type RequestDetail = z.infer<typeof requestDetail>;

/* ---------- inputs ---------- */

export const createRequestInput = z
  .object({
    type: requestType,
    familyId: id,
    childId: id.nullable().optional().transform((v) => v ?? null),
    receivedOn: isoDate,
    details: z.record(z.string(), z.unknown(), { error: 'Détails de la demande obligatoires.' }).default({}),
  })
  .strict();
export type CreateRequestInput = z.output<typeof createRequestInput>;

export const listRequestsInput = z
  .object({
    status: requestStatus.optional(),
    type: requestType.optional(),
    familyId: id.optional(),
    /** `waited`: the longest waiting first; `received`: the newest first. */
    sort: z.enum(['waited', 'received'], { error: 'Tri inconnu.' }).default('waited'),
  })
  .strict()
  .default({ sort: 'waited' });

export const requestOperations = {
  'requests.list': op(listRequestsInput, z.array(requestRow)),
  'requests.get': op(z.object({ requestId: id }), requestDetail),
  'requests.create': op(createRequestInput, z.object({ id: z.string() })),
  'requests.setStatus': op(
    z
      .object({
        requestId: id,
        status: z.enum(['in_review', 'missing_documents'], { error: 'Statut\u00a0: en instruction ou pièces manquantes.' }),
        missingPieces: z.array(trimmed(200, 'Pièce manquante\u00a0: texte obligatoire.')).max(20).default([]),
      })
      .refine((v) => v.status !== 'missing_documents' || v.missingPieces.length > 0, {
        path: ['missingPieces'],
        error: 'Indiquez au moins une pièce manquante.',
      }),
    ok,
  ),
  'requests.assign': op(z.object({ requestId: id, agent: trimmed(80, 'Agent obligatoire.') }), ok),
  'requests.refundVerdict': op(z.object({ requestId: id }), refundVerdictOutput),
  'requests.decideRefund': op(
    z.object({
      requestId: id,
      decision: z.enum(['accept', 'refuse', 'missing_documents'], { error: 'Décision inconnue.' }),
      note: optionalText(2000),
      missingPieces: z.array(trimmed(200, 'Pièce manquante\u00a0: texte obligatoire.')).max(20).default([]),
    }),
    z.object({ status: requestStatus, verdict: refundVerdictOutput, pendingCreditIds: z.array(z.string()) }),
  ),
  'requests.decideRhythm': op(
    z.object({ requestId: id, decision: z.enum(['accept', 'refuse'], { error: 'Décision inconnue.' }), note: optionalText(2000) }),
    z.object({ status: requestStatus, effectiveFrom: z.string().nullable() }),
  ),
  'requests.closeCorrection': op(z.object({ requestId: id, note: trimmed(2000, 'Note obligatoire.') }), ok),
  'requests.decideRadiation': op(
    z.object({
      requestId: id,
      decision: z.enum(['accept', 'refuse', 'missing_documents'], { error: 'Décision inconnue.' }),
      note: optionalText(2000),
      missingPieces: z.array(trimmed(200, 'Pièce manquante\u00a0: texte obligatoire.')).max(20).default([]),
    }),
    z.object({
      status: requestStatus,
      lastBilledDay: z.string().nullable(),
      purgeAfter: z.string().nullable(),
      pendingCreditIds: z.array(z.string()),
    }),
  ),
} as const;
