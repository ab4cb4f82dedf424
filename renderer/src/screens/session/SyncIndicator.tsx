import { syncText } from '../../lib/syncText.js';
import { useSync, useSyncPolling } from '../../state/sync.js';

/**
 * The status strip's sync state, always visible, and « Synchroniser maintenant » once the desk has
 * a server; a long pull (a new desk's first sync) shows its progress bar.
 */
export function SyncIndicator() {
  useSyncPolling();
  const status = useSync((s) => s.status);
  const syncNow = useSync((s) => s.syncNow);
  const text = syncText(status ?? { state: 'none', server: null, lastSyncAt: null, pending: 0, error: null, progress: null });
  return (
    <>
      <span className={`sync-dot sync-dot--${text.tone === 'ok' ? 'ok' : text.tone}`} aria-hidden="true" />
      {text.progress ? <progress className="sync-progress" max={100} value={text.progress.percent} aria-label={text.progress.label} data-testid="sync-progress" /> : null}
      <span className="status-strip__sync" data-testid="sync-state" title={text.detail}>
        {text.label}
        {status?.state === 'error' || status?.state === 'offline' ? <span className="visually-hidden"> — {text.detail}</span> : null}
      </span>
      {status && status.state !== 'none' ? (
        <>
          <span aria-hidden="true">·</span>
          <button type="button" className="link-button" onClick={() => void syncNow()} disabled={status.state === 'running'} data-testid="sync-now">
            Synchroniser maintenant
          </button>
        </>
      ) : null}
    </>
  );
}
