import { formatFrenchDate, isValidIsoDate, parseFrenchDate } from '../../../shared/domain/dates.js';

/**
 * What the agent typed in a date field (DateField): dates are typed and shown `JJ/MM/AAAA`, the
 * code gets `YYYY-MM-DD`. « 1/12/2026 » and « 01122026 » are read as the 1st of December 2026; an
 * ISO date pasted from elsewhere (`2026-12-01`) is read too.
 */
export type TypedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  /** `JJ/MM/AAAA` that is no day of the calendar (31/02/2026). */
  | { kind: 'no-such-day'; text: string }
  /** Not a date at all. */
  | { kind: 'invalid'; text: string };

const FR_SHAPE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DIGITS = /^(\d{2})(\d{2})(\d{4})$/;

export function readTypedDate(typed: string): TypedDate {
  const text = typed.trim();
  if (text === '') return { kind: 'empty' };
  const digits = DIGITS.exec(text);
  const french = digits ? `${digits[1]}/${digits[2]}/${digits[3]}` : text;
  const iso = parseFrenchDate(french) ?? (isValidIsoDate(text) ? text : null);
  if (iso) return { kind: 'date', iso };
  return FR_SHAPE.test(french) ? { kind: 'no-such-day', text } : { kind: 'invalid', text };
}

/** The value handed to the form: the ISO date, '' when empty, else the text as typed (the contract refuses it). */
export function typedDateValue(typed: TypedDate): string {
  switch (typed.kind) {
    case 'empty':
      return '';
    case 'date':
      return typed.iso;
    default:
      return typed.text;
  }
}

/** What the field shows for a value of the form: `JJ/MM/AAAA` for a date, anything else as it is. */
export function shownDate(value: string): string {
  return isValidIsoDate(value) ? formatFrenchDate(value) : value;
}

/** The message beside a field whose text is no date, naming the field. */
export function typedDateError(label: string, typed: TypedDate): string | null {
  if (typed.kind === 'no-such-day') return `${label}\u00a0: le ${typed.text} n’existe pas dans le calendrier.`;
  if (typed.kind === 'invalid') {
    return `${label}\u00a0: «\u00a0${typed.text}\u00a0» n’est pas une date\u00a0; tapez-la au format JJ/MM/AAAA (par exemple 01/12/2026).`;
  }
  return null;
}

const TIME = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/;

/** « 14:00 », « 9h », « 9h30 » → `HH:mm`; anything else is handed on as typed (the contract refuses it). */
export function typedTimeValue(typed: string): string {
  const text = typed.trim();
  const m = TIME.exec(text);
  if (!m) return text;
  const [hours, minutes] = [Number(m[1]), Number(m[2] ?? '0')];
  if (hours > 23 || minutes > 59) return text;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
