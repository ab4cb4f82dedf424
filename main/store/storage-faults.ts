/**
 * What a failure of the disk or of the base means for the agent, in French: the disk is full, the
 * base is read-only, damaged or held by another program. Every business operation is one
 * transaction, so in each case nothing was written; the message says so and what to do.
 */
const RESTORE_HINT = 'Restaurez la dernière sauvegarde vérifiée (écran «\u00a0Sauvegardes\u00a0»), ou prévenez le support.';

const FAULTS: { codes: RegExp; message: string }[] = [
  { codes: /^(SQLITE_FULL|ENOSPC|EDQUOT)$/, message: 'Le disque est plein\u00a0: rien n’a été enregistré. Libérez de la place, puis recommencez.' },
  {
    codes: /^(SQLITE_READONLY.*|EROFS|EACCES|EPERM)$/,
    message: 'La base est en lecture seule (droits du dossier de données, disque protégé)\u00a0: rien n’a été enregistré.',
  },
  { codes: /^(SQLITE_CORRUPT.*|SQLITE_NOTADB)$/, message: `La base de données est endommagée\u00a0: rien n’a été enregistré. ${RESTORE_HINT}` },
  {
    codes: /^(SQLITE_BUSY.*|SQLITE_LOCKED.*)$/,
    message: 'La base est occupée par un autre programme (une sauvegarde, un autre Guichet)\u00a0: rien n’a été enregistré. Réessayez dans un instant.',
  },
  { codes: /^(SQLITE_IOERR.*|EIO)$/, message: 'Le disque n’a pas pu être lu ou écrit\u00a0: rien n’a été enregistré. Vérifiez le disque, ou prévenez le support.' },
];

/** The agent's message for a storage failure, or null when the error is something else. */
export function storageFaultMessage(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return null;
  return FAULTS.find((f) => f.codes.test(code))?.message ?? null;
}
