import { z } from 'zod';
import { address, email, id, importedFile, importIssue, isoDate, ok, op, optionalText, personName, phone, weekdays } from './common.js';

/** The family file (dossier famille): statuses, diet, guardians, children, rhythms, QF, search, CSV import and export. */

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
    error: "La date de sortie précède la date d’entrée.",
    path: ['enrolledTo'],
  })
  .refine((c) => c.birthDate < c.enrolledFrom, {
    error: "La date de naissance doit précéder la date d’entrée.",
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

const rhythmEntry = z.object({
  id: z.string(),
  weekdays: z.array(z.number()),
  effectiveFrom: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});

const qfEntry = z.object({
  id: z.string(),
  value: z.number(),
  tranche: z.number(),
  proofReceivedOn: z.string().nullable(),
  validFrom: z.string(),
});

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

const auditEntry = z.object({
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

export const searchScope = z.enum(['current', 'all', 'pending', 'active', 'radiated', 'archived'], {
  error: 'Filtre de statut inconnu.',
});
export type SearchScope = z.infer<typeof searchScope>;

const searchInput = z.object({
  query: z.string().max(200, { error: '200 caractères au plus.' }).default(''),
  /** `current` = actif + en attente (archived files are out of the active lists). */
  scope: searchScope.default('current'),
  limit: z.number().int().min(1).max(50_000).default(50_000),
});


/** The family file: search, the file itself with its guardians, children, rhythms and QF, CSV import and export, its lifecycle. */
export const familyOperations = {
  'families.search': op(
    searchInput,
    z.object({
      total: z.number(),
      rows: z.array(familyRow),
      /** True when a typed query matched more files than are shown (the screen asks to narrow it). */
      capped: z.boolean(),
    }),
  ),
  'families.get': op(z.object({ id: id }), family),
  'families.create': op(familyInput, z.object({ id: z.string(), dossierNumber: z.number() })),
  'families.update': op(
    z.object({
      id: id,
      familyName: personName('Nom de famille'),
      address: address,
      notes: z.string().trim().max(2000).nullable().default(null),
    })
    // A status is not edited here (families/lifecycle.ts): sending one is an error, not ignored.
    .strict(),
    z.object({ id: z.string() }),
  ),
  'guardians.save': op(z.object({ familyId: id, guardian: guardianInput }), z.object({ id: z.string() })),
  'guardians.remove': op(z.object({ familyId: id, guardianId: id }), ok),
  'children.save': op(z.object({ familyId: id, child: childInput }), z.object({ id: z.string() })),
  'children.setRhythm': op(
    z.object({
      childId: id,
      weekdays: weekdays,
      effectiveFrom: isoDate,
      /** Why the new rhythm starts inside a period already billed (its invoices keep the old days). */
      overrideReason: optionalText(300),
    }),
    z.object({ id: z.string() }),
  ),
  'qf.record': op(
    z.object({
      familyId: id,
      value: z.number({ error: 'Quotient familial obligatoire.' }).int().min(0).max(100_000),
      proofReceivedOn: isoDate,
    }),
    z.object({ id: z.string(), tranche: z.number(), validFrom: z.string() }),
  ),

  'import.csv': op(
    z.object({
      content: importedFile,
      dryRun: z.boolean().default(true),
    }),
    importReport,
  ),
  'export.csv': op(
    z.object({ query: z.string().max(200).default(''), scope: searchScope.default('current') }),
    z.object({ fileName: z.string(), content: z.string(), rows: z.number() }),
  ),
  /** En attente → actif (families/lifecycle.ts owns every status change). */
  'families.validate': op(z.object({ familyId: id }), ok),
  'families.archive': op(z.object({ familyId: id }), z.object({ ok: z.literal(true), purgeAfter: z.string().nullable() })),
} as const;
