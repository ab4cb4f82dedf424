import type { SyncStatus } from '../../../shared/contract/sync-desk.js';
import { formatFrenchDate, formatFrenchTime, parisToday } from '../../../shared/domain/dates.js';
import { formatCount } from '../../../shared/domain/money.js';

/**
 * What the status strip says of sync, in the agent's words: « Synchronisé à 10 h 42 · 3
 * modifications en attente », « Hors connexion », « Erreur de synchronisation » (the reason in
 * `detail`), « Non relié au serveur ».
 */
export interface SyncText {
  label: string;
  detail: string;
  tone: 'ok' | 'pending' | 'offline';
  /** A long pull under way: its share done (0–100) and how to say it (« Première synchronisation : 42 % »). */
  progress: { percent: number; label: string } | null;
}

export function syncText(status: SyncStatus, now: Date = new Date()): SyncText {
  const waiting = status.pending > 0 ? ` · ${formatCount(status.pending)} modification${status.pending > 1 ? 's' : ''} en attente` : '';
  const when = (iso: string) => (parisToday(new Date(iso)) === parisToday(now) ? `à ${formatFrenchTime(iso)}` : `le ${formatFrenchDate(iso.slice(0, 10))} à ${formatFrenchTime(iso)}`);
  switch (status.state) {
    case 'none':
      return { label: 'Non relié au serveur', detail: 'Les modifications sont enregistrées sur ce poste.', tone: 'offline', progress: null };
    case 'running': {
      const progress = pullProgress(status.progress);
      return { label: `${progress?.label ?? 'Synchronisation en cours…'}${waiting}`, detail: status.server?.url ?? '', tone: 'pending', progress };
    }
    case 'offline':
      return { label: `Hors connexion${waiting}`, detail: `${status.error ?? ''} Le travail continue sur ce poste.`.trim(), tone: 'offline', progress: null };
    case 'error':
      return { label: `Erreur de synchronisation${waiting}`, detail: status.error ?? '', tone: 'pending', progress: null };
    case 'synced':
      return {
        label: status.lastSyncAt ? `Synchronisé ${when(status.lastSyncAt)}${waiting}` : `Relié au serveur${waiting}`,
        detail: status.server ? `${status.server.url} (poste «\u00a0${status.server.deskName}\u00a0»)` : '',
        tone: status.pending > 0 ? 'pending' : 'ok',
        progress: null,
      };
  }
}

function pullProgress(progress: SyncStatus['progress']): SyncText['progress'] {
  if (!progress || progress.total <= 0) return null;
  // Never 100 % while it runs: the last page is still to come.
  const percent = Math.min(99, Math.floor((progress.done / progress.total) * 100));
  return { percent, label: `${progress.first ? 'Première synchronisation' : 'Synchronisation'}\u00a0: ${percent}\u00a0%` };
}
