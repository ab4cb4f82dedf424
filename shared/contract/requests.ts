import { z } from 'zod';
import { refundCheckSchema, refundVerdictSchema } from '../rules/refund.js';
import { id, isoDate, ok, op, optionalText, personName, trimmed, weekdays } from './common.js';
import { accountEmail } from './family-accounts.js';
import { uploadedFile } from './uploads.js';

/**
 * Requests (demandes) from families — refund, rhythm change, radiation, correction, contact, and
 * from Mon Espace Famille the link of a parent's espace to a family file —, their instruction and
 * decisions.
 */

export const requestType = z.enum(['refund', 'rhythm', 'radiation', 'correction', 'contact', 'account_link'], {
  error: 'Type de demande inconnu.',
});
export type RequestType = z.infer<typeof requestType>;
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  refund: 'Remboursement pour maladie',
  rhythm: 'Changement de rythme',
  radiation: 'Radiation',
  correction: 'Correction du dossier',
  contact: 'Message',
  account_link: 'Rattachement d’un espace famille',
};

/** The types an agent records at the desk (« Nouvelle demande »); the link of an espace only comes from the portal. */
export const deskRequestType = requestType.exclude(['account_link']);
export type DeskRequestType = z.infer<typeof deskRequestType>;

/** Where a request was made: at a desk, or on Mon Espace Famille (the server writes those rows). */
export const requestSource = z.enum(['desk', 'portal']);
export type RequestSource = z.infer<typeof requestSource>;

export const requestStatus = z.enum(['received', 'in_review', 'missing_documents', 'accepted', 'refused', 'done'], {
  error: 'Statut de demande inconnu.',
});
export type RequestStatus = z.infer<typeof requestStatus>;
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Reçue',
  in_review: 'En instruction',
  missing_documents: 'Pièces manquantes',
  accepted: 'Acceptée',
  refused: 'Refusée',
  done: 'Traitée',
};
/** Statuses that still wait for an agent (the dashboard counts them). */
export const WAITING_REQUEST_STATUSES: readonly RequestStatus[] = ['received', 'in_review', 'missing_documents'];

const yes = (required: string) => z.boolean({ error: required });

/** Kinds of request that concern one child (the child is required, and a similar request is one of the same child). */
export const PER_CHILD_REQUEST_TYPES: ReadonlySet<RequestType> = new Set(['refund', 'rhythm']);

/**
 * The number an agent reads and quotes of a request (« n° 3F2A9C1B »): the first eight characters
 * of its identifier (random UUID), as the decision letters' reference already carries them.
 */
export const requestNumber = (requestId: string): string => requestId.slice(0, 8).toUpperCase();

/**
 * Where the family lives after moving out: in France (5-digit postcode), or abroad, the country
 * named (its postcode as that country writes it, or none). Printed as an envelope address.
 */
const newAddress = z
  .object({
    line1: trimmed(120, 'Numéro et voie obligatoires.'),
    line2: optionalText(120),
    postalCode: z.string({ error: 'Code postal invalide.' }).trim().max(12, { error: '12 caractères au plus.' }).default(''),
    city: trimmed(80, 'Ville obligatoire.'),
    /** Null (or « France »): in France. */
    country: optionalText(60).transform((v) => (v !== null && /^france$/i.test(v) ? null : v)),
  }, { error: (issue) => (issue.code === 'invalid_type' ? 'Nouvelle adresse obligatoire.' : undefined) })
  .superRefine((a, ctx) => {
    if (a.country === null && !/^\d{5}$/.test(a.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'Code postal à 5 chiffres en France (à l’étranger, indiquez le pays).' });
    }
    if (a.country !== null && a.postalCode !== '' && !/^[\p{L}\d][\p{L}\d -]*$/u.test(a.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'Code postal\u00a0: lettres, chiffres, espaces et traits d’union seulement.' });
    }
  });

/* ---------- details, per type ---------- */

/** The details of a type: unknown keys refused; missing altogether, one clear message. */
const details = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'invalid_type' ? 'Détails de la demande obligatoires.' : undefined) });

export const refundDetails = details({
  absenceFrom: isoDate,
  absenceTo: isoDate,
  reason: trimmed(200, 'Motif de l’absence obligatoire (par exemple «\u00a0maladie\u00a0»).'),
  certificateOriginal: yes('Certificat original\u00a0: oui ou non.'),
  certificateNoErasures: yes('Certificat sans rature ni surcharge\u00a0: oui ou non.'),
  schoolHeadVisa: yes('Visa du directeur\u00a0: oui ou non.'),
  schoolHeadVisaOn: isoDate.nullable().optional().transform((v) => v ?? null),
}).refine((d) => d.absenceTo >= d.absenceFrom, {
  path: ['absenceTo'],
  error: 'Le dernier jour d’absence précède le premier.',
});
const rhythmDetails = details({ weekdays });
const radiationDetails = details({
  movingDate: isoDate,
  newAddress,
  certificateReceived: z.boolean().default(false),
});
const correctionDetails = details({
  concerns: trimmed(200, 'Objet de la correction obligatoire.'),
  text: trimmed(2000, 'Texte de la demande obligatoire.'),
});
const contactDetails = details({ text: trimmed(2000, 'Texte du message obligatoire.') });
/**
 * A parent asks to link their espace (`accountId`) to the family file whose dossier number they
 * give, with a proof: a child's birth date (null when none given). The server writes it; the
 * request's `family_id` is the family whose number matched, or null.
 */
export const accountLinkDetails = details({
  accountId: id,
  email: accountEmail,
  lastName: personName('Nom'),
  firstName: personName('Prénom'),
  dossierNumber: trimmed(20, 'Numéro de dossier obligatoire.'),
  childBirthDate: isoDate.nullable(),
});

export type RefundDetails = z.output<typeof refundDetails>;

/* ---------- decisions, per type: what the decision keeps in the store (`requests.decision`) ---------- */

const note = z.string().nullable();
const ids = z.array(z.string());

/** Refund: the verdict of the rule as it was when the agent decided. */
export const refundDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), verdict: refundVerdictSchema, pendingCreditIds: ids, note }),
  z.object({ decision: z.literal('refuse'), verdict: refundVerdictSchema, failedChecks: z.array(refundCheckSchema), note }),
]);
/** Rhythm change: the new rhythm entry and the day it takes effect. */
export const rhythmDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), weekdays, effectiveFrom: z.string(), rhythmId: z.string(), note }),
  z.object({ decision: z.literal('refuse'), note }),
]);
/** Radiation: the last billed day, the days credited after it, and when the file is purged. */
export const radiationDecision = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('accept'),
    movingDate: z.string(),
    lastBilledDay: z.string(),
    creditedDays: z.number().int(),
    pendingCreditIds: ids,
    purgeAfter: z.string(),
    note,
  }),
  z.object({ decision: z.literal('refuse'), note }),
]);
/** Correction or contact message: what the agent did. */
export const closedDecision = z.object({ decision: z.literal('done'), note: z.string() });
/** Link of an espace: accepted to the family it was linked to; refused with the note the parent reads. */
export const accountLinkDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), familyId: z.string(), note }),
  z.object({ decision: z.literal('refuse'), note: z.string() }),
]);

export type RefundDecision = z.output<typeof refundDecision>;
export type RhythmDecision = z.output<typeof rhythmDecision>;
export type RadiationDecision = z.output<typeof radiationDecision>;
export type ClosedDecision = z.output<typeof closedDecision>;
export type AccountLinkDecision = z.output<typeof accountLinkDecision>;

/** Per type, the schemas of its details and of its decision (the stored JSON is read with these). */
export const REQUEST_SCHEMAS = {
  refund: { details: refundDetails, decision: refundDecision },
  rhythm: { details: rhythmDetails, decision: rhythmDecision },
  radiation: { details: radiationDetails, decision: radiationDecision },
  correction: { details: correctionDetails, decision: closedDecision },
  contact: { details: contactDetails, decision: closedDecision },
  account_link: { details: accountLinkDetails, decision: accountLinkDecision },
} as const satisfies Record<RequestType, { details: z.ZodType; decision: z.ZodType }>;

/* ---------- rows ---------- */

export const requestRow = z.object({
  id: z.string(),
  /** `requestNumber(id)`. */
  number: z.string(),
  type: requestType,
  typeLabel: z.string(),
  status: requestStatus,
  statusLabel: z.string(),
  source: requestSource,
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

const requestDocument = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string().nullable(),
  mime: z.string(),
  size: z.number(),
  isHealth: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});

const requestDetailBase = requestRow.extend({
  missingPieces: z.array(z.string()),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  letterNote: z.string().nullable(),
  documents: z.array(requestDocument),
});

/** A request with its typed details and decision (null until decided or closed): `type` tells which. */
export const requestDetail = z.discriminatedUnion('type', [
  requestDetailBase.extend({ type: z.literal('refund'), details: refundDetails, decision: refundDecision.nullable() }),
  requestDetailBase.extend({ type: z.literal('rhythm'), details: rhythmDetails, decision: rhythmDecision.nullable() }),
  requestDetailBase.extend({ type: z.literal('radiation'), details: radiationDetails, decision: radiationDecision.nullable() }),
  requestDetailBase.extend({ type: z.literal('correction'), details: correctionDetails, decision: closedDecision.nullable() }),
  requestDetailBase.extend({ type: z.literal('contact'), details: contactDetails, decision: closedDecision.nullable() }),
  requestDetailBase.extend({ type: z.literal('account_link'), details: accountLinkDetails, decision: accountLinkDecision.nullable() }),
]);
export type RequestDetail = z.output<typeof requestDetail>;
/** The request of one type: `RequestDetailOf<'rhythm'>` has rhythm details and decision. */
export type RequestDetailOf<T extends RequestType> = Extract<RequestDetail, { type: T }>;
export type { RefundVerdict } from '../rules/refund.js';

/* ---------- inputs ---------- */

const newRequest = z.object({
  familyId: id,
  childId: id.nullable().optional().transform((v) => v ?? null),
  receivedOn: isoDate,
  /** The agent saw the similar request the service named and saves this one all the same (the audit keeps it). */
  confirmDuplicate: z.boolean({ error: 'Demande semblable\u00a0: oui ou non.' }).default(false),
});
/**
 * A new request: its type and the details of that type, checked here at the boundary. A refund may carry its
 * scanned medical certificate, a radiation its certificat de radiation, stored with the request in one operation.
 */
export const createRequestInput = z.discriminatedUnion(
  'type',
  [
    newRequest
      .extend({
        type: z.literal('refund'),
        details: refundDetails,
        certificate: uploadedFile.nullable().optional().transform((v) => v ?? null),
      })
      .strict(),
    newRequest.extend({ type: z.literal('rhythm'), details: rhythmDetails }).strict(),
    newRequest
      .extend({
        type: z.literal('radiation'),
        details: radiationDetails,
        certificate: uploadedFile.nullable().optional().transform((v) => v ?? null),
      })
      .strict(),
    newRequest.extend({ type: z.literal('correction'), details: correctionDetails }).strict(),
    newRequest.extend({ type: z.literal('contact'), details: contactDetails }).strict(),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'Type de demande inconnu.' : undefined) },
);

const listRequestsInput = z
  .object({
    status: requestStatus.optional(),
    type: requestType.optional(),
    familyId: id.optional(),
    /** `waited`: the longest waiting first; `received`: the newest first. */
    sort: z.enum(['waited', 'received'], { error: 'Tri inconnu.' }).default('waited'),
  })
  .strict()
  .default({ sort: 'waited' });

/** The request a new one would duplicate, as the form shows it (« Une demande semblable existe déjà (n° …) »). */
export const similarRequest = z.object({ id: z.string(), number: z.string(), typeLabel: z.string(), statusLabel: z.string(), receivedOn: z.string() });
export type SimilarRequest = z.infer<typeof similarRequest>;

/**
 * What an agent checks before linking an espace: the family the dossier number designates (null:
 * none bears it), its guardians (is the e-mail one of theirs?), and its children born on the day
 * the parent gave (empty: none; null: no date given, or no family).
 */
export const accountLinkFacts = z.object({
  family: z.object({ id: z.string(), familyName: z.string(), dossierNumber: z.number() }).nullable(),
  guardians: z.array(z.object({ name: z.string(), sameEmail: z.boolean() })),
  childrenBornThatDay: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
});
export type AccountLinkFacts = z.infer<typeof accountLinkFacts>;

export const requestOperations = {
  'requests.list': op(listRequestsInput, z.array(requestRow)),
  /** The open (or, for a refund, accepted and overlapping) request a new one would duplicate; null if none. */
  'requests.similar': op(createRequestInput, similarRequest.nullable()),
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
  'requests.refundVerdict': op(z.object({ requestId: id }), refundVerdictSchema),
  'requests.decideRefund': op(
    z.object({
      requestId: id,
      decision: z.enum(['accept', 'refuse', 'missing_documents'], { error: 'Décision inconnue.' }),
      note: optionalText(2000),
      missingPieces: z.array(trimmed(200, 'Pièce manquante\u00a0: texte obligatoire.')).max(20).default([]),
    }),
    z.object({ status: requestStatus, verdict: refundVerdictSchema, pendingCreditIds: z.array(z.string()) }),
  ),
  'requests.decideRhythm': op(
    z.object({ requestId: id, decision: z.enum(['accept', 'refuse'], { error: 'Décision inconnue.' }), note: optionalText(2000) }),
    z.object({ status: requestStatus, effectiveFrom: z.string().nullable() }),
  ),
  'requests.closeCorrection': op(z.object({ requestId: id, note: trimmed(2000, 'Note obligatoire.') }), ok),
  'requests.accountLinkFacts': op(z.object({ requestId: id }), accountLinkFacts),
  /** « Rattacher l’espace au dossier » (the request's family) or « Refuser » (the note, required, is read by the parent). */
  'requests.decideAccountLink': op(
    z.object({ requestId: id, decision: z.enum(['accept', 'refuse'], { error: 'Décision inconnue.' }), note: optionalText(2000) }),
    z.object({ status: requestStatus }),
  ),
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
