/** « de Léa », « d’Élodie », « d’Yanis »: French elision of « de » before a vowel sound. */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(name.normalize('NFC')) ? `d’${name}` : `de ${name}`;
}
