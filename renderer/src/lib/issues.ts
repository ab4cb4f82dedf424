import { fieldLabel } from '../../../shared/contract/labels.js';
import { ApiError } from '../api/errors.js';

/** Messages by field path (`guardians.0.email`), ready to be shown beside each input. */
export type FieldErrors = Record<string, string>;

export interface SummaryItem {
  /** Field path as the form names it (prefix stripped), '' when the problem has no field. */
  field: string;
  message: string;
}

function issuesOf(error: unknown): { field: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  if (error.issues && error.issues.length > 0) return error.issues;
  return [{ field: error.field ?? '', message: error.message }];
}

function stripPrefix(field: string, prefix: string): string {
  if (prefix && field.startsWith(prefix + '.')) return field.slice(prefix.length + 1);
  return field;
}

/**
 * Beside its input a message needs no field name: « Code postal : Code postal à 5 chiffres. »
 * becomes « Code postal à 5 chiffres. » (the label is right above).
 */
function shortMessage(field: string, message: string): string {
  const label = fieldLabel(field);
  if (label) {
    for (const sep of ['\u00a0: ', ' : ', ': ']) {
      const head = label + sep;
      if (message.startsWith(head)) return message.slice(head.length);
    }
  }
  return message;
}

/**
 * The issues of a failed call, by field path (first message of each field). `prefix` strips the
 * operation's wrapper (`guardian` for guardians.save, `child` for children.save).
 */
export function fieldErrors(error: unknown, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issuesOf(error)) {
    const field = stripPrefix(issue.field, prefix);
    if (field && out[field] === undefined) out[field] = shortMessage(issue.field, issue.message);
  }
  return out;
}

/** One line per field (its first problem), in the order of the answer, for the form's summary. */
export function summaryItems(error: unknown, prefix = ''): SummaryItem[] {
  if (!error) return [];
  if (!(error instanceof ApiError)) {
    return [{ field: '', message: 'Erreur inattendue\u00a0: l’opération n’a pas abouti.' }];
  }
  const seen = new Set<string>();
  const items: SummaryItem[] = [];
  for (const issue of issuesOf(error)) {
    const field = stripPrefix(issue.field, prefix);
    const key = field || issue.message;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ field, message: issue.message });
  }
  return items;
}
