import { formatCount } from '../../../shared/domain/money.js';
import { Button } from './form.js';

/** « 101–150 sur 471 » with the previous and next pages. */
export function Pager({
  offset,
  limit,
  total,
  onChange,
  busy,
  testId,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange(offset: number): void;
  busy?: boolean;
  testId?: string;
}) {
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label="Pages" data-testid={testId}>
      <Button variant="secondary" disabled={busy || offset === 0} onClick={() => onChange(0)} aria-label="Première page">
        «
      </Button>
      <Button
        variant="secondary"
        disabled={busy || offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
        data-testid={testId ? `${testId}-previous` : undefined}
      >
        ‹ Précédente
      </Button>
      <span className="pager__text" aria-live="polite">
        {formatCount(first)}–{formatCount(last)} sur {formatCount(total)}
        <span className="muted"> · page {formatCount(page)}/{formatCount(pages)}</span>
      </span>
      <Button
        variant="secondary"
        disabled={busy || last >= total}
        onClick={() => onChange(offset + limit)}
        data-testid={testId ? `${testId}-next` : undefined}
      >
        Suivante ›
      </Button>
      <Button
        variant="secondary"
        disabled={busy || last >= total}
        onClick={() => onChange((pages - 1) * limit)}
        aria-label="Dernière page"
      >
        »
      </Button>
    </nav>
  );
}
