import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract/sync-desk.js';
import { syncText } from '../../renderer/src/lib/syncText.js';

const NOW = new Date('2026-12-01T14:00:00Z');
const base: SyncStatus = { state: 'synced', server: { url: 'https://guichet.cde11.paris', deskName: 'Accueil 1' }, lastSyncAt: '2026-12-01T09:42:00Z', pending: 0, error: null, progress: null };

describe('the status strip’s sync text', () => {
  it.each<[string, Partial<SyncStatus>, string]>([
    ['never enrolled', { state: 'none', server: null, lastSyncAt: null }, 'Non relié au serveur'],
    ['synced today (Paris time)', {}, 'Synchronisé à 10\u00a0h\u00a042'],
    ['synced another day', { lastSyncAt: '2026-11-30T22:30:00Z' }, 'Synchronisé le 30/11/2026 à 23\u00a0h\u00a030'],
    ['just after midnight in Paris, the day before in UTC', { lastSyncAt: '2026-11-30T23:10:00Z' }, 'Synchronisé à 00\u00a0h\u00a010'],
    ['one change waiting', { pending: 1 }, 'Synchronisé à 10\u00a0h\u00a042 · 1 modification en attente'],
    ['changes waiting, offline', { state: 'offline', pending: 1234, error: 'Serveur injoignable.' }, 'Hors connexion · 1\u00a0234 modifications en attente'],
    ['an error', { state: 'error', error: 'L’horloge de ce poste avance de 6 minutes.' }, 'Erreur de synchronisation'],
    ['running', { state: 'running' }, 'Synchronisation en cours…'],
    ['a new desk’s first sync, under way', { state: 'running', progress: { done: 420, total: 1000, first: true } }, 'Première synchronisation\u00a0: 42\u00a0%'],
    ['a long later pull, nearly done', { state: 'running', progress: { done: 999_999, total: 1_000_000, first: false }, pending: 2 }, 'Synchronisation\u00a0: 99\u00a0% · 2 modifications en attente'],
  ])('%s', (_label, change, expected) => {
    expect(syncText({ ...base, ...change }, NOW).label).toBe(expected);
  });

  it('gives a progress bar only while a long pull runs', () => {
    expect(syncText({ ...base, state: 'running', progress: { done: 1, total: 3, first: true } }, NOW).progress).toEqual({ percent: 33, label: 'Première synchronisation\u00a0: 33\u00a0%' });
    expect(syncText({ ...base, state: 'running' }, NOW).progress).toBeNull();
    expect(syncText(base, NOW).progress).toBeNull();
  });

  it('gives the reason of an error in the detail', () => {
    expect(syncText({ ...base, state: 'error', error: 'L’horloge de ce poste avance de 6 minutes.' }, NOW).detail).toBe('L’horloge de ce poste avance de 6 minutes.');
  });
});
