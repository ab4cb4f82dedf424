import { z } from 'zod';
import { isValidUai, looksLikeUai, uaiCheckLetter } from '../domain/uai.js';
import { empty, id, importedFile, importIssue, isoDate, ok, op, optionalText, trimmed, weekdayList } from './common.js';

/** The schools' register (établissements): where children eat, who signs the visas, when meals are served. */

export const schoolKind = z.enum(['maternelle', 'elementaire', 'polyvalente'], {
  error: 'Type inconnu (maternelle, élémentaire ou polyvalente).',
});
export type SchoolKind = z.infer<typeof schoolKind>;
export const SCHOOL_KIND_LABELS: Record<SchoolKind, string> = {
  maternelle: 'Maternelle',
  elementaire: 'Élémentaire',
  polyvalente: 'Polyvalente',
};

export const school = z.object({
  id: z.string(),
  /** The national identifier (UAI, « 0751234A ») for a school of the directory, or the Caisse's own code. */
  code: z.string(),
  name: z.string(),
  kind: schoolKind,
  /** One line: « 34 rue Godefroy-Cavaignac, 75011 Paris ». */
  address: z.string(),
  /** The head (directeur ou directrice) who signs the visas, « Mme Girard ». */
  headName: z.string().nullable(),
  /** ISO weekdays with catering (1 = lundi … 5 = vendredi). */
  serviceWeekdays: z.array(z.number()),
  /** The day the school closed (no new child from then on); null while it is open. */
  closedOn: z.string().nullable(),
  /** Children placed in the school whose enrolment has not ended before today (future starts included). */
  enrolledChildren: z.number(),
});
export type School = z.infer<typeof school>;

/**
 * A school's code: upper case letters, digits and hyphens. A code shaped like a UAI (seven digits
 * and a letter) must have the right check letter: a typo in an identifier would never match the
 * directory again.
 */
const schoolCode = z
  .string({ error: 'Code obligatoire.' })
  .trim()
  .toUpperCase()
  .min(1, { error: 'Code obligatoire.', abort: true })
  .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, {
    error: '2 à 20 lettres, chiffres ou traits d’union (par exemple l’UAI de l’école, 0751234A).',
    abort: true,
  })
  .superRefine((code, ctx) => {
    if (looksLikeUai(code) && !isValidUai(code)) {
      const digits = code.slice(0, 7);
      ctx.addIssue({
        code: 'custom',
        message: `la lettre clé de l’UAI ne correspond pas à ses chiffres (${digits} demande la lettre ${uaiCheckLetter(digits)}).`,
      });
    }
  });

const schoolFields = {
  code: schoolCode,
  name: trimmed(120, 'Nom obligatoire.'),
  kind: schoolKind,
  address: trimmed(200, 'Adresse obligatoire.'),
  headName: optionalText(80),
  serviceWeekdays: weekdayList('de service'),
};

export const schoolInput = z.object(schoolFields);
export type SchoolInput = z.output<typeof schoolInput>;

/** What the directory says of a school to create or update, and what changes. */
export const directorySchool = z.object({
  line: z.number(),
  code: z.string(),
  name: z.string(),
  kind: schoolKind,
  address: z.string(),
  /** For an update: the fields that change, with their stored and new values (the code when a school typed with a code of the Caisse is recognised by its name). */
  changes: z.array(z.object({ field: z.enum(['code', 'name', 'kind', 'address']), before: z.string(), after: z.string() })),
  /** Set when the school is closed in the register (an update keeps it closed). */
  closedOn: z.string().nullable(),
});
export type DirectorySchool = z.infer<typeof directorySchool>;

export const directoryReport = z.object({
  dryRun: z.boolean(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  arrondissement: z.number(),
  /** Data lines read (the header not counted). */
  lines: z.number(),
  /** Lines of other communes or arrondissements, left aside. */
  outside: z.number(),
  create: z.array(directorySchool),
  update: z.array(directorySchool),
  /** Schools of the file already in the register as the file says. */
  unchanged: z.number(),
  /** Lines of the arrondissement that are not imported, and why (a collège, a private school…). */
  ignored: z.array(z.object({ line: z.number(), code: z.string(), name: z.string(), reason: z.string() })),
  errors: z.array(importIssue),
  /** True when the schools were written (never on a dry run, never with errors). */
  imported: z.boolean(),
});
export type DirectoryReport = z.infer<typeof directoryReport>;

export const schoolOperations = {
  'schools.list': op(empty, z.array(school)),
  'schools.create': op(schoolInput, z.object({ id: z.string() })),
  'schools.update': op(z.object({ id, ...schoolFields }), ok),
  /** A closed school stays (history and invoices refer to it) but takes no new child. */
  'schools.close': op(z.object({ id, closedOn: isoDate }), ok),
  'schools.reopen': op(z.object({ id }), ok),
  /** The national schools directory (« Annuaire de l’éducation », CSV): dry run, then import. */
  'schools.importDirectory': op(
    z.object({
      content: importedFile,
      arrondissement: z
        .number({ error: 'un nombre de 1 à 20.' })
        .int({ error: 'un nombre de 1 à 20.' })
        .min(1, { error: 'un nombre de 1 à 20.' })
        .max(20, { error: 'un nombre de 1 à 20.' })
        .default(11),
      /** Private schools under contract with the State too (never those outside a contract). */
      includePrivate: z.boolean().default(false),
      dryRun: z.boolean().default(true),
    }),
    directoryReport,
  ),
} as const;
