import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates.js';

/** Building blocks with French messages; every input of every operation is made of these. */

/** One operation of the contract: its input and output schemas. */
export const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
/** No input. */
export const empty = z.object({}).strict().default({});
/** The answer of an operation that returns nothing else. */
export const ok = z.object({ ok: z.literal(true) });

export const isoDate = z
  .string({ error: 'Date obligatoire.' })
  .min(1, { error: 'Date obligatoire.', abort: true })
  .refine(isValidIsoDate, { error: 'Date invalide (attendu\u00a0: une date réelle).' });

export const id = z.string({ error: 'Identifiant obligatoire.' }).min(1, { error: 'Identifiant obligatoire.' }).max(64);

/**
 * What no typed text holds: control characters (tab and line breaks excepted, for notes), the
 * invisible marks that reverse the direction of text (a name shown backwards on a letter), lone
 * halves of a surrogate pair, and more than three combining marks on one letter.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const MARK_PILE = /\p{M}{4,}/u;

/** The French message for text that holds what no typed text should, or null when it is clean. */
function textFault(value: string): string | null {
  if (CONTROL_OR_BIDI.test(value) || LONE_SURROGATE.test(value)) return 'Caractère invisible ou de contrôle interdit.';
  if (MARK_PILE.test(value)) return 'Trop de signes diacritiques sur une même lettre.';
  return null;
}

const cleanText = <T extends z.ZodType<string>>(schema: T) =>
  schema.superRefine((value, context) => {
    const fault = textFault(value);
    if (fault) context.addIssue({ code: 'custom', message: fault, abort: true });
  });

/** A required text, trimmed, with its French messages. */
export const trimmed = (max: number, required: string) =>
  cleanText(
    z
      .string({ error: required })
      .trim()
      .min(1, { error: required })
      .max(max, { error: `${max} caractères au plus.` }),
  );

/** An optional text: empty becomes null. */
export const optionalText = (max: number) =>
  cleanText(
    z
      .string()
      .trim()
      .max(max, { error: `${max} caractères au plus.` }),
  )
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const personName = (what: string) =>
  trimmed(80, `${what} obligatoire.`).refine((v) => /^[\p{L}][\p{L}\p{M}'’ .-]*$/u.test(v), {
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

/** `YYYY-MM`. */
export const month = z
  .string({ error: 'Mois obligatoire.' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Mois invalide (attendu\u00a0: AAAA-MM).' });

/** Paris local date and time, `YYYY-MM-DDTHH:mm` (« à partir du 02/04/2026 à 14h00 »). */
export const localDateTime = z
  .string({ error: 'Date et heure obligatoires.' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: 'Date et heure invalides (attendu\u00a0: AAAA-MM-JJTHH:MM).' })
  .refine((v) => isValidIsoDate(v.slice(0, 10)), { error: 'Date invalide (attendu\u00a0: une date réelle).' });

export const cents = z
  .number({ error: 'Montant obligatoire (en centimes).' })
  .int({ error: 'Montant en centimes entiers.' })
  .min(0, { error: 'Le montant ne peut pas être négatif.' })
  .max(100_000_000, { error: 'Montant trop élevé.' });

export const reason = trimmed(500, 'Motif obligatoire.');

export const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
};

/** One problem of an imported file, at its line (1 = the header) and column (as the file names it). */
export const importIssue = z.object({ line: z.number(), column: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof importIssue>;

/** An imported file's bytes, base64 (the import detects UTF-8 or Windows-1252); 30 Mo at most. */
export const importedFile = z.string().max(40_000_000, { error: 'Fichier trop volumineux (30\u00a0Mo au plus).' });
