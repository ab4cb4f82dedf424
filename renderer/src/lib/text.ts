import { formatCount } from '../../../shared/domain/money.js';

/** « 1 famille », « 9 000 familles » (French plural: 0 and 1 are singular). */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatCount(count)}\u00a0${Math.abs(count) >= 2 ? pluralForm : singular}`;
}

/** « Marie DUPONT »: given name as typed, family name in capitals. */
export function personLabel(firstName: string, lastName: string): string {
  return `${firstName} ${lastName.toLocaleUpperCase('fr-FR')}`;
}

export function upper(text: string): string {
  return text.toLocaleUpperCase('fr-FR');
}
