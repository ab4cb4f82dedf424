import type { DocumentKeyStatus } from '../../../shared/contract/keys.js';
import type { AppContext } from '../../context.js';
import { all } from '../../store/sql.js';
import { keyRows, recoveryRow, vaultKeys, vaultProblem } from './keyring.js';
import { pendingDocuments, rotationState } from './rotation.js';

/** The keys' state as the « Clé des documents » screen and the desk's banner show it. */
export function documentKeyStatus(ctx: AppContext): DocumentKeyStatus {
  const recovery = recoveryRow(ctx);
  const rows = keyRows(ctx);
  const problem = vaultProblem(ctx);
  const held = problem === null ? vaultKeys(ctx) : new Map<string, Buffer>();
  const counts = new Map(
    all<{ keyId: string | null; n: number }>(ctx, 'SELECT key_id AS keyId, COUNT(*) AS n FROM documents WHERE is_health = 1 GROUP BY key_id').map((c) => [c.keyId, c.n]),
  );
  const legacyId = rows.find((r) => r.isLegacy === 1)?.id ?? null;
  const keys = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    onThisDesk: held.has(r.id),
    documents: (counts.get(r.id) ?? 0) + (r.id === legacyId ? (counts.get(null) ?? 0) : 0),
    current: r.isCurrent === 1,
  }));
  const missing = keys.filter((k) => !k.onThisDesk && (k.current || k.documents > 0));
  const orphanLegacy = legacyId === null && (counts.get(null) ?? 0) > 0;
  const state = problem !== null ? 'none' : missing.length > 0 || orphanLegacy ? 'locked' : 'ready';
  const reason =
    problem ??
    (missing.length > 0
      ? `${missing.length > 1 ? 'Les clés' : 'La clé'} ${missing.map((k) => k.id).join(', ')} ${missing.length > 1 ? 'ne sont' : 'n’est'} pas sur ce poste.`
      : orphanLegacy
        ? 'La clé des certificats enregistrés par les premières versions est introuvable sur ce poste.'
        : null);
  const rotation = rotationState(ctx);
  return {
    state,
    reason,
    recovery: { setUp: recovery !== null, createdAt: recovery?.createdAt ?? null, createdBy: recovery?.createdBy ?? null },
    keys,
    rotation: { pending: pendingDocuments(ctx), running: rotation.running, lastError: rotation.lastError },
  };
}
