import { z } from 'zod';
import { AppError } from './errors.js';
import { fieldLabel } from './labels.js';

// zod's own messages in French for every rule that carries no message of ours.
z.config(z.locales.fr());

/** Dotted path of a zod issue: `guardians.0.email`. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Turns a zod failure into the one error shape, each message naming its field in French. */
export function toAppError(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => {
    const field = issuePath(issue.path);
    const label = fieldLabel(field);
    // zod's own French for an unknown field keeps straight quotes; say it our way.
    const text = issue.code === 'unrecognized_keys' ? `champ inconnu (${issue.keys.map((k) => `«\u00a0${k}\u00a0»`).join(', ')}).` : issue.message;
    const message = label ? `${label}\u00a0: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
    return { field, message };
  });
  const first = issues[0] ?? { field: '', message: 'Données invalides.' };
  const shape = { code: 'VALIDATION' as const, message: first.message, issues };
  return new AppError(first.field ? { ...shape, field: first.field } : shape);
}

/** Parses untrusted input at a boundary; throws the French AppError on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw toAppError(result.error);
  return result.data;
}
