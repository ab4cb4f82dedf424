/**
 * The national identifier of a school (UAI, « unité administrative immatriculée », formerly RNE):
 * seven digits — the department on three, then a number — and a check letter, « 0751234A ».
 * The letter is the seven digits taken as a number, modulo 23, in an alphabet without I, O and Q
 * (they look like 1 and 0). A typing mistake in the digits almost always breaks the letter.
 */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** Seven digits and a letter: what a UAI looks like (its letter unchecked). */
export function looksLikeUai(code: string): boolean {
  return /^\d{7}[A-Z]$/.test(code);
}

/** The check letter of seven digits. */
export function uaiCheckLetter(digits: string): string {
  return CHECK_LETTERS[Number(digits) % 23]!;
}

/** A UAI whose letter matches its digits. */
export function isValidUai(code: string): boolean {
  return looksLikeUai(code) && uaiCheckLetter(code.slice(0, 7)) === code[7];
}
