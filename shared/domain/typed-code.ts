/**
 * Codes that people read aloud and type (the recovery code, a desk's enrolment code): Crockford's
 * alphabet (no I, L, O, U), grouped by four, read tolerantly — case, spaces and dashes do not
 * matter, and O, I, L are read as the digits they look like. Pure: the caller draws the random
 * indexes (node:crypto on the desk and the server).
 */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` characters drawn with `randomIndex(32)`, in groups of four joined by dashes. */
export function newTypedCode(length: number, randomIndex: (max: number) => number): string {
  const chars = Array.from({ length }, () => CODE_ALPHABET[randomIndex(CODE_ALPHABET.length)]).join('');
  return groupTypedCode(chars);
}

export function groupTypedCode(chars: string): string {
  return chars.match(/.{1,4}/g)!.join('-');
}

/** The code as typed, its characters only (ungrouped); null when it cannot be a code of `length`. */
export function readTypedCode(typed: string, length: number): string | null {
  const chars = typed.toUpperCase().replace(/[\s\-‐‑–—.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== length || [...chars].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return chars;
}
