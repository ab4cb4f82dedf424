import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button, ErrorSummary, submitOnEnter } from './form.js';

const FOCUSABLE_FIELD =
  'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * A modal dialog on the native <dialog>: Esc closes it (unless busy), the first field takes the
 * focus on open, focus returns to where it was on close.
 */
export function Dialog({
  title,
  onClose,
  busy,
  wide,
  children,
  testId,
}: {
  title: string;
  onClose(): void;
  busy?: boolean;
  wide?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>(FOCUSABLE_FIELD);
    (first ?? dialog.querySelector<HTMLElement>('button'))?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previous?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busyRef.current) onClose();
      }}
    >
      <header className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="dialog__close"
          onClick={onClose}
          disabled={busy}
          aria-label="Fermer"
          title="Fermer (Échap)"
        >
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

export interface FormDialogProps {
  title: string;
  onClose(): void;
  onSubmit(): void;
  busy?: boolean;
  error?: unknown;
  submitLabel: string;
  submitVariant?: 'primary' | 'danger';
  /** Wrapper of the operation's field paths (`guardian`, `child`), stripped to find the inputs. */
  errorPrefix?: string;
  wide?: boolean;
  children: ReactNode;
  testId?: string;
}

/** A dialog holding one form: Enter submits, the error summary sits at the top. */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  busy,
  error,
  submitLabel,
  submitVariant = 'primary',
  errorPrefix,
  wide,
  children,
  testId,
}: FormDialogProps) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) onSubmit();
  }
  return (
    <Dialog title={title} onClose={onClose} busy={busy} wide={wide} testId={testId}>
      <form className="dialog__form" onSubmit={handleSubmit} onKeyDown={submitOnEnter} noValidate>
        <div className="dialog__body">
          <ErrorSummary error={error} prefix={errorPrefix} />
          {children}
        </div>
        <footer className="dialog__footer">
          <Button onClick={onClose} disabled={busy}>
            Annuler
          </Button>
          <Button type="submit" variant={submitVariant} busy={busy}>
            {submitLabel}
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
