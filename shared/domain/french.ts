/** « de Léa », « d’Élodie », « d’Yanis »: French elision of « de » before a vowel sound. */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(name.normalize('NFC')) ? `d’${name}` : `de ${name}`;
}

/** A label inside a sentence: « Chèque » → « chèque » (« Paiement enregistré : chèque de 47,06 € »); acronyms kept. */
export function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase('fr-FR') + label.slice(1) : label;
}

/** Ends a sentence with one full stop: « lun., ven. » already has its own (never « ven.. »). */
export function withFullStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
