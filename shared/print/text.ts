/**
 * French typography for printed documents (pure). Everything drawn on a PDF goes through
 * `frenchText`, so a template author writes ordinary spaces and the document still gets its
 * no-break spaces before « : ; ! ? » and inside guillemets. The no-break space is always U+00A0
 * (never U+202F, which standard fonts cannot encode and which some viewers print as a box).
 */
import { formatCents } from '../domain/money.js';
import { formatFrenchDate } from '../domain/dates.js';

export const NBSP = '\u00a0';

/**
 * NFC, thin/narrow no-break spaces → U+00A0, a space before « : ; ! ? » or inside « » made
 * unbreakable, an apostrophe between letters made typographic (l’école, L’Hôte).
 * Spaces are only converted, never added: « 14:00 » and URLs stay as they are.
 */
export function frenchText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u202f\u2009\u2007]/g, NBSP)
    .replace(/[ \t]+([:;!?»])/g, `${NBSP}$1`)
    .replace(/«[ \t]+/g, `«${NBSP}`)
    .replace(/(\p{L})'(\p{L})/gu, '$1’$2');
}

/** Amount for a document: « 1 234,56 € », negative with a true minus sign: « −3,62 € ». */
export function formatAmount(cents: number): string {
  if (cents < 0) return `\u2212${formatCents(-cents)}`;
  return formatCents(cents);
}

/** `HH:MM` → « 14h00 » (French administrative style). */
function formatHour(time: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return time;
  return `${Number(m[1])}h${m[2]}`;
}

/** « le 02/04/2026 à 14h00 » from `2026-04-02` and `14:00` (or a `YYYY-MM-DDTHH:MM` value). */
export function formatDateAndHour(date: string, time?: string): string {
  let day = date;
  let hour = time;
  if (hour === undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(date)) {
    day = date.slice(0, 10);
    hour = date.slice(11, 16);
  }
  const base = formatFrenchDate(day);
  return hour ? `${base} à ${formatHour(hour)}` : base;
}

/** A postal address as printed in an envelope window (NF Z 10-011: at most 6 lines). */
export interface PostalAddressParts {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  /** Abroad only: the country, printed in capitals on the last line (null or absent: France). */
  country?: string | null;
}

/**
 * Address lines for the window: street lines as entered, then « 75011 PARIS » (the postal
 * norm asks for capitals on the last line; accents are kept, La Poste reads them); abroad, the
 * locality line (« 1000 BRUXELLES », or the city alone without a postcode) and the country in
 * capitals last, as the Universal Postal Union asks of mail leaving France.
 */
export function postalAddressLines(address: PostalAddressParts): string[] {
  const lines = [address.line1.trim()];
  if (address.line2?.trim()) lines.push(address.line2.trim());
  lines.push(`${address.postalCode.trim()} ${address.city.trim().toLocaleUpperCase('fr-FR')}`.trim());
  if (address.country?.trim()) lines.push(address.country.trim().toLocaleUpperCase('fr-FR'));
  return lines.filter((l) => l !== '');
}

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix',
  'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99 in French words (traditional spelling: « vingt et un », « quatre-vingts »). */
function below100(n: number, final: boolean): string {
  if (n < 20) return UNITS[n]!;
  if (n < 70) {
    const ten = Math.floor(n / 10);
    const unit = n % 10;
    if (unit === 0) return TENS[ten]!;
    if (unit === 1) return `${TENS[ten]!} et un`;
    return `${TENS[ten]!}-${UNITS[unit]!}`;
  }
  if (n < 80) {
    const rest = n - 60;
    return rest === 11 ? 'soixante et onze' : `soixante-${UNITS[rest]!}`;
  }
  const rest = n - 80;
  if (rest === 0) return final ? 'quatre-vingts' : 'quatre-vingt';
  return `quatre-vingt-${UNITS[rest]!}`;
}

/** 0–999. `final`: nothing follows (« deux cents » but « deux cent mille »). */
function below1000(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds === 1) parts.push('cent');
  else if (hundreds > 1) parts.push(`${UNITS[hundreds]!} ${rest === 0 && final ? 'cents' : 'cent'}`);
  if (rest > 0 || hundreds === 0) parts.push(below100(rest, final));
  return parts.join(' ');
}

/** A non-negative integer in French words: 1 234 567 → « un million deux cent trente-quatre mille cinq cent soixante-sept ». */
export function numberInWords(value: number): string {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`Nombre non représentable : ${value}`);
  if (value === 0) return 'zéro';
  const millions = Math.floor(value / 1_000_000);
  const thousands = Math.floor((value % 1_000_000) / 1000);
  const rest = value % 1000;
  const parts: string[] = [];
  // « deux cents millions » (million is a noun) but « deux cent mille » (mille is not).
  if (millions > 0) parts.push(millions === 1 ? 'un million' : `${below1000(millions, true)} millions`);
  if (thousands > 0) parts.push(thousands === 1 ? 'mille' : `${below1000(thousands, false)} mille`);
  if (rest > 0) parts.push(below1000(rest, true));
  return parts.join(' ');
}

/** 12345 → « cent vingt-trois euros et quarante-cinq centimes »; 100 → « un euro ». */
export function amountInWords(cents: number): string {
  if (!Number.isInteger(cents) || cents < 0) throw new RangeError(`Montant non représentable : ${cents}`);
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const euroWords = numberInWords(euros);
  // « un million d’euros », « deux millions d’euros »
  const euroUnit = euros >= 1_000_000 && euros % 1_000_000 === 0 ? 'd’euros' : euros > 1 ? 'euros' : 'euro';
  const main = `${euroWords} ${euroUnit}`;
  if (rest === 0) return main;
  const centWords = `${numberInWords(rest)} ${rest > 1 ? 'centimes' : 'centime'}`;
  return euros === 0 ? centWords : `${main} et ${centWords}`;
}
