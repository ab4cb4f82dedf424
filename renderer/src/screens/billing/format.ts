import type { DraftLine, InvoiceLine } from '../../../../shared/contract/billing.js';
import { formatFrenchDate, parisToday } from '../../../../shared/domain/dates.js';
import { formatCents, formatCount } from '../../../../shared/domain/money.js';

/**
 * Billing helpers of the screens: French amounts typed by an agent, Paris dates and times,
 * invoice lines as one readable sentence. Amounts are parsed from the string (never through a
 * float), so « 0,1 + 0,2 » problems cannot happen.
 */

export type AmountParse = { ok: true; cents: number } | { ok: false; message: string };

const MAX_CENTS = 100_000_000;

/**
 * « 47,06 », « 47.06 », « 1 234,5 », « 47 € » → cents. Empty → a « obligatoire » message.
 * A comma is the decimal separator; a point too when there is no comma (« 47.06 »). With a comma,
 * points are thousands separators (« 1.234,56 »).
 */
export function parseEuros(text: string, { allowZero = false }: { allowZero?: boolean } = {}): AmountParse {
  let t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|eur|euros?)$/i, '');
  if (t === '') return { ok: false, message: 'Montant obligatoire.' };
  if (t.startsWith('-')) return { ok: false, message: 'Le montant ne peut pas être négatif.' };
  if (t.includes(',')) t = t.replace(/\./g, '');
  const m = /^(\d{1,9})?(?:[.,](\d*))?$/.exec(t);
  if (!m || (m[1] === undefined && (m[2] ?? '') === '')) {
    return { ok: false, message: 'Montant invalide (exemple\u00a0: 47,06).' };
  }
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: 'Deux chiffres après la virgule au plus.' };
  const euros = m[1] === undefined ? 0 : Number.parseInt(m[1], 10);
  const cents = euros * 100 + (fraction === '' ? 0 : Number.parseInt(fraction.padEnd(2, '0'), 10));
  if (cents > MAX_CENTS) return { ok: false, message: 'Montant trop élevé.' };
  if (cents === 0 && !allowZero) return { ok: false, message: 'Le montant doit être positif.' };
  return { ok: true, cents };
}

/** 4706 → « 47,06 » (the form of an editable field: no thousands separator, no €). */
export function centsToInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** `2026-04-02T14:00` (Paris local) → « 02/04/2026 à 14h00 ». */
export function formatOpening(local: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  return `${formatFrenchDate(m[1])} à ${m[2]}h${m[3]}`;
}

/** The Paris calendar day of a UTC timestamp, « JJ/MM/AAAA ». */
export function formatParisDay(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return formatFrenchDate(parisToday(date));
}

const monthFormatter = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-03` → « mars 2026 ». */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthFormatter.format(new Date(Date.UTC(y, m - 1, 1)));
}

/** `2026-03` + 1 → `2026-04`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The child of a draft line: its first name, from the line's label « Repas de Léa Martin ». */
export function draftChildName(line: DraftLine): string | null {
  const m = /^Repas (?:de |d’)(.+)$/.exec(line.label);
  return m ? (m[1] ?? null) : null;
}

/** « Léa — 13 repas × 3,62 € = 47,06 € »; credit lines keep their label. */
export function lineText(line: DraftLine | InvoiceLine, childName: string | null): string {
  if (line.kind === 'meals') {
    const who = childName ?? line.label;
    const meals = `${formatCount(line.quantity)}\u00a0repas`;
    return `${who} — ${meals} × ${formatCents(line.unitPriceCents)} = ${formatCents(line.amountCents)}`;
  }
  return line.label;
}

/** « 3 jours de retard ». */
export function daysLate(days: number): string {
  return days >= 2 ? `${formatCount(days)}\u00a0jours` : `${days}\u00a0jour`;
}

/** An idempotency key, made once per payment form (a double click or a retry sends the same one). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
