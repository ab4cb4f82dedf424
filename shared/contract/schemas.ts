import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates.js';

/** Building blocks with French messages; every input of every operation is made of these. */

export const isoDate = z
  .string({ error: 'Date obligatoire.' })
  .min(1, { error: 'Date obligatoire.', abort: true })
  .refine(isValidIsoDate, { error: 'Date invalide (attendu : une date réelle).' });

export const id = z.string({ error: 'Identifiant obligatoire.' }).min(1, { error: 'Identifiant obligatoire.' }).max(64);

/** A required text, trimmed, with its French messages. */
export const trimmed = (max: number, required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: `${max} caractères au plus.` });

/** An optional text: empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au plus.` })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const personName = (what: string) =>
  trimmed(80, `${what} obligatoire.`).refine((v) => /^[\p{L}][\p{L}\p{M}' .-]*$/u.test(v), {
    error: 'Lettres, espaces, apostrophes et traits d’union seulement.',
  });

export const email = z
  .string()
  .trim()
  .max(254)
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .nullable()
  .optional()
  .transform((v) => v ?? null)
  .refine((v) => v === null || z.email().safeParse(v).success, { error: 'Adresse e-mail invalide.' });

/** French phone numbers: 10 digits starting with 0, or +33 and 9 digits; stored as typed, normalised. */
export const phone = z
  .string()
  .trim()
  .max(30)
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional()
  .transform((v) => v ?? null)
  .refine((v) => v === null || /^(0\d{9}|\+\d{8,15})$/.test(v.replace(/[\s.-]/g, '')), {
    error: 'Numéro de téléphone invalide (10 chiffres, ou +33…).',
  })
  .transform((v) => (v === null ? null : formatPhone(v)));

function formatPhone(raw: string): string {
  const digits = raw.replace(/[\s.-]/g, '');
  if (/^0\d{9}$/.test(digits)) return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  return digits;
}

export const familyStatus = z.enum(['pending', 'active', 'radiated', 'archived'], {
  error: 'Statut inconnu.',
});
export type FamilyStatus = z.infer<typeof familyStatus>;

export const FAMILY_STATUS_LABELS: Record<FamilyStatus, string> = {
  pending: 'En attente de validation',
  active: 'Actif',
  radiated: 'Radié',
  archived: 'Archivé',
};

/** Diet needs limited to what the CNIL allows a Caisse to record: nothing about religion. */
export const dietNeed = z.enum(['none', 'no_meat', 'pai'], { error: 'Régime inconnu.' });
export type DietNeed = z.infer<typeof dietNeed>;
export const DIET_LABELS: Record<DietNeed, string> = {
  none: 'Aucun',
  no_meat: 'Repas sans viande',
  pai: 'PAI (projet d’accueil individualisé)',
};

/** ISO weekdays Monday to Friday (1–5), at least one, no duplicate, sorted; `what` names them. */
export const weekdayList = (what: string) =>
  z
    .array(z.number().int().min(1).max(5), { error: `Jours ${what} invalides.` })
    .min(1, { error: `Au moins un jour ${what}.` })
    .max(5)
    .refine((d) => new Set(d).size === d.length, { error: 'Un jour est en double.' })
    .transform((d) => [...d].sort((a, b) => a - b));

export const weekdays = weekdayList('de cantine');

export const address = z.object({
  line1: trimmed(120, 'Adresse obligatoire.'),
  line2: optionalText(120),
  postalCode: z
    .string({ error: 'Code postal obligatoire.' })
    .trim()
    .regex(/^\d{5}$/, { error: 'Code postal à 5 chiffres.' }),
  city: trimmed(80, 'Ville obligatoire.'),
});
export type Address = z.infer<typeof address>;

export const guardianInput = z.object({
  id: id.optional(),
  rank: z.union([z.literal(1), z.literal(2)], { error: 'Rang 1 ou 2.' }),
  lastName: personName('Nom'),
  firstName: personName('Prénom'),
  isPayer: z.boolean(),
  email,
  phoneMobile: phone,
  phoneHome: phone,
  phoneWork: phone,
  /** Null when the guardian lives at the family's address. */
  address: address.nullable().optional().transform((v) => v ?? null),
});
export type GuardianInput = z.input<typeof guardianInput>;

export const childInput = z
  .object({
    id: id.optional(),
    lastName: personName('Nom'),
    firstName: personName('Prénom'),
    birthDate: isoDate,
    schoolId: id.nullable().optional().transform((v) => v ?? null),
    className: optionalText(20),
    enrolledFrom: isoDate,
    enrolledTo: isoDate.nullable().optional().transform((v) => v ?? null),
    dietNeed: dietNeed.default('none'),
    /** Rhythm at creation; later changes go through `children.setRhythm` to keep history. */
    weekdays: weekdays.optional(),
  })
  .refine((c) => c.enrolledTo === null || c.enrolledTo >= c.enrolledFrom, {
    error: "La date de sortie précède la date d'entrée.",
    path: ['enrolledTo'],
  })
  .refine((c) => c.birthDate < c.enrolledFrom, {
    error: "La date de naissance doit précéder la date d'entrée.",
    path: ['birthDate'],
  });
export type ChildInput = z.input<typeof childInput>;

export const familyInput = z
  .object({
    familyName: personName('Nom de famille'),
    status: familyStatus.default('active'),
    address,
    notes: optionalText(2000),
    guardians: z.array(guardianInput).min(1, { error: 'Au moins un responsable légal.' }).max(2),
    children: z.array(childInput).max(12).default([]),
  })
  .superRefine((f, ctx) => {
    const payers = f.guardians.filter((g) => g.isPayer).length;
    if (payers !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['guardians', 0, 'isPayer'],
        message: 'Un et un seul responsable doit être le payeur.',
      });
    }
    const ranks = f.guardians.map((g) => g.rank);
    if (new Set(ranks).size !== ranks.length) {
      ctx.addIssue({ code: 'custom', path: ['guardians', 1, 'rank'], message: 'Deux responsables ont le même rang.' });
    }
  });
export type FamilyInput = z.input<typeof familyInput>;
export type FamilyData = z.output<typeof familyInput>;

/* ---------- outputs ---------- */

export const school = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['maternelle', 'elementaire', 'polyvalente']),
  address: z.string(),
  headName: z.string().nullable(),
});
export type School = z.infer<typeof school>;

export const familyRow = z.object({
  id: z.string(),
  dossierNumber: z.number(),
  familyName: z.string(),
  status: familyStatus,
  guardians: z.string(),
  children: z.string(),
  childCount: z.number(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  postalCode: z.string(),
});
export type FamilyRow = z.infer<typeof familyRow>;

export const rhythmEntry = z.object({
  id: z.string(),
  weekdays: z.array(z.number()),
  effectiveFrom: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type RhythmEntry = z.infer<typeof rhythmEntry>;

export const qfEntry = z.object({
  id: z.string(),
  value: z.number(),
  tranche: z.number(),
  proofReceivedOn: z.string().nullable(),
  validFrom: z.string(),
});
export type QfEntry = z.infer<typeof qfEntry>;

export const guardian = z.object({
  id: z.string(),
  rank: z.union([z.literal(1), z.literal(2)]),
  lastName: z.string(),
  firstName: z.string(),
  isPayer: z.boolean(),
  email: z.string().nullable(),
  phoneMobile: z.string().nullable(),
  phoneHome: z.string().nullable(),
  phoneWork: z.string().nullable(),
  address: address.nullable(),
});
export type Guardian = z.infer<typeof guardian>;

export const child = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  className: z.string().nullable(),
  enrolledFrom: z.string(),
  enrolledTo: z.string().nullable(),
  dietNeed,
  /** Rhythm in force today (empty when none recorded). */
  weekdays: z.array(z.number()),
  rhythmHistory: z.array(rhythmEntry),
});
export type Child = z.infer<typeof child>;

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** French one-line summary of what changed. */
  summary: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const family = z.object({
  id: z.string(),
  dossierNumber: z.number(),
  familyName: z.string(),
  status: familyStatus,
  address,
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  guardians: z.array(guardian),
  children: z.array(child),
  qf: z.array(qfEntry),
  /** Tranche in force today (10 without a valid QF proof). */
  tranche: z.number(),
  history: z.array(auditEntry),
});
export type Family = z.infer<typeof family>;

export const dashboard = z.object({
  families: z.object({ active: z.number(), pending: z.number(), radiated: z.number(), archived: z.number() }),
  children: z.number(),
  requestsWaiting: z.number(),
  outboxPending: z.number(),
});
export type Dashboard = z.infer<typeof dashboard>;

export const importIssue = z.object({ line: z.number(), column: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof importIssue>;

export const importReport = z.object({
  dryRun: z.boolean(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  lines: z.number(),
  families: z.number(),
  children: z.number(),
  errors: z.array(importIssue),
  /** True when the rows were written (never on a dry run, never with errors). */
  imported: z.boolean(),
});
export type ImportReport = z.infer<typeof importReport>;
