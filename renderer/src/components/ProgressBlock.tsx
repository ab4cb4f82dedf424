import { formatCount } from '../../../shared/domain/money.js';
import { Button } from './form.js';

export type ProgressState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number; cancelling?: boolean; detail?: string }
  | { phase: 'done'; done: number; total: number; message: string }
  | { phase: 'cancelled'; done: number; total: number }
  | { phase: 'failed'; done: number; total: number; message: string };

/**
 * A long job seen from the screen (the PDFs of a period): a progress bar with its count, the
 * cancel button while it runs, the outcome when it ends. Pure display: the caller owns the job.
 */
export function ProgressBlock({
  state,
  label,
  onCancel,
  unit = ['document', 'documents'],
  testId,
}: {
  state: ProgressState;
  label: string;
  onCancel?(): void;
  unit?: readonly [string, string];
  testId?: string;
}) {
  if (state.phase === 'idle') return null;
  const total = Math.max(0, state.total);
  const done = Math.min(Math.max(0, state.done), total || state.done);
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const countText = `${formatCount(done)} / ${formatCount(total)} ${total >= 2 ? unit[1] : unit[0]}`;
  return (
    <div className={`progress progress--${state.phase}`} data-testid={testId} data-phase={state.phase}>
      <div className="progress__head">
        <span className="progress__label">{label}</span>
        <span className="progress__count num" aria-hidden="true">
          {countText} · {percent}&nbsp;%
        </span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${countText} (${percent}\u00a0%)`}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <div className="progress__foot" aria-live="polite">
        {state.phase === 'running' ? (
          <>
            <span className="muted">{state.cancelling ? 'Annulation en cours…' : (state.detail ?? 'En cours…')}</span>
            {onCancel ? (
              <Button onClick={onCancel} disabled={state.cancelling} data-testid={testId ? `${testId}-cancel` : undefined}>
                Annuler
              </Button>
            ) : null}
          </>
        ) : state.phase === 'done' ? (
          <span className="text-ok">{state.message}</span>
        ) : state.phase === 'cancelled' ? (
          <span className="muted">Annulé après {countText}.</span>
        ) : (
          <span className="text-danger">{state.message}</span>
        )}
      </div>
    </div>
  );
}
