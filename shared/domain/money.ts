/** Money is integer cents. Formatting uses a plain no-break space (U+00A0), never U+202F. */
const formatter = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** 123456 → « 1 234,56 € » with no-break spaces (U+00A0) that every font has. */
export function formatCents(cents: number): string {
  const text = formatter.format(cents / 100).replace(/[\u202f\u00a0\s]/g, '\u00a0');
  return `${text}\u00a0€`;
}

/** 1234 → « 1 234 » (counts), no-break space as thousands separator. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat('fr-FR').format(value).replace(/[\u202f\u00a0\s]/g, '\u00a0');
}
