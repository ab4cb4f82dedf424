import { AppError } from '../../shared/contract/errors.js';
import { lastGoodBackup, type BackupEntry } from './backup.js';

/**
 * Why a desk could not open its data folder, in French, for the start's error (web host, CLI,
 * Electron's dialog): a damaged base names the last verified backup and how to restore it.
 */
export interface OpenFailure {
  message: string;
  /** Set when the base is damaged and a verified backup exists: what the start offers to restore. */
  offer: BackupEntry | null;
}

const CORRUPT = /^(SQLITE_CORRUPT.*|SQLITE_NOTADB)$/;

export function explainOpenFailure(dataDir: string, error: unknown): OpenFailure {
  if (error instanceof AppError) return { message: error.message, offer: null };
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (!CORRUPT.test(code)) return { message: `Les données de ${dataDir} n’ont pas pu être ouvertes\u00a0: ${(error as Error).message}`, offer: null };
  const offer = lastGoodBackup(dataDir);
  const base = `La base de données de ${dataDir} est endommagée\u00a0: Guichet ne peut pas l’ouvrir.`;
  if (offer === null) {
    return { message: `${base} Aucune sauvegarde vérifiée n’a été trouvée\u00a0: prévenez le support (ne supprimez pas le fichier).`, offer };
  }
  const when = new Date(offer.at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
  return {
    message:
      `${base} La dernière sauvegarde vérifiée date du ${when} (${offer.counts.families} familles, ${offer.counts.invoices} factures)\u00a0: ${offer.folder}. ` +
      `Pour la restaurer\u00a0: npm run cli -- restore "${offer.folder}" --data "${dataDir}" (la base endommagée est conservée à côté).`,
    offer,
  };
}
