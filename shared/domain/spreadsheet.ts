/**
 * Spreadsheet formula injection guard for the exports (OWASP « CSV Injection »): an apostrophe
 * before every cell that starts with = + - @, a tab or a carriage return, except a value that is
 * wholly a number (« -12 », « 196,00 ») or a phone number (« +33 6 12 34 56 78 »), which a
 * spreadsheet reads as data and the Caisse needs as it is. « -2+3+cmd|' /C calc'!A0 » starts with
 * a digit after its sign and is still guarded: only the whole value decides.
 */
const TRIGGER = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const PHONE = /^\+\d{1,3}(?:[ .]?\d{1,4}){2,6}$/;

function needsGuard(value: string): boolean {
  return TRIGGER.test(value) && !NUMBER.test(value) && !PHONE.test(value);
}

export function protectCell(value: string): string {
  return needsGuard(value) ? `'${value}` : value;
}

/** The import's inverse of protectCell: the apostrophe goes only where the export put it. */
export function unprotectCell(value: string): string {
  return value.startsWith("'") && needsGuard(value.slice(1)) ? value.slice(1) : value;
}
