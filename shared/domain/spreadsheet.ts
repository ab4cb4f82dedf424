/**
 * Spreadsheet formula injection guard for the export: an apostrophe before a cell that a
 * spreadsheet would run as a formula (=, @, tab, CR, or + / - not followed by a digit).
 */
export function protectCell(value: string): string {
  if (/^[=@\t\r]/.test(value) || /^[+-](?!\d)/.test(value)) return `'${value}`;
  return value;
}

/** The import's inverse of protectCell. */
export function unprotectCell(value: string): string {
  if (/^'[=@\t\r]/.test(value) || /^'[+-](?!\d)/.test(value)) return value.slice(1);
  return value;
}
