import { useToasts } from '../state/toasts.js';

/** The toast area: polite live region, newest at the bottom. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite" aria-atomic="false" role="status" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} data-testid="toast">
          <span className="toast__message">{t.message}</span>
          <button type="button" className="toast__close" onClick={() => dismiss(t.id)} aria-label="Masquer le message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
