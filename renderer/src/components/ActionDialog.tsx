import { useEffect, useRef } from 'react';
import { useMutation } from '../lib/useMutation.js';
import { toast } from '../state/toasts.js';
import { FormDialog, type FormDialogProps } from './Dialog.js';

/**
 * A dialog that asks to confirm one action (FormDialog: Esc closes, Enter submits). When it has
 * no field to type in, the confirm button takes the focus, so Enter confirms at once.
 */
export function ActionDialog(props: FormDialogProps) {
  const { children, ...rest } = props;
  return (
    <FormDialog {...rest}>
      <FocusSubmitWhenNoField />
      {children}
    </FormDialog>
  );
}

function FocusSubmitWhenNoField() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    // The dialog focuses its first field (or its close button) after this effect: wait a frame.
    const frame = window.requestAnimationFrame(() => {
      const form = ref.current?.closest('form');
      if (!form) return;
      const field = form.querySelector('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
      if (field) return;
      form.querySelector<HTMLButtonElement>('button[type=submit]')?.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, []);
  return <span ref={ref} hidden />;
}

/**
 * An ActionDialog around one call: busy and error while it runs; once it succeeds, a toast
 * (`success` phrases it from the result) and onDone. The dialog stays open on an error.
 */
export function MutationDialog<R>({
  action,
  success,
  onDone,
  ...rest
}: Omit<FormDialogProps, 'onSubmit' | 'busy' | 'error'> & {
  action(): Promise<R>;
  success(result: R): string;
  onDone(): void;
}) {
  const { busy, error, run } = useMutation(action);
  async function submit() {
    const result = await run();
    if (result === undefined) return;
    toast.success(success(result));
    onDone();
  }
  return <ActionDialog {...rest} onSubmit={() => void submit()} busy={busy} error={error} />;
}
