import { useId, type ReactNode, type Ref } from 'react';
import type { FieldErrors } from '../lib/issues.js';

/**
 * Fields the billing screens need beside those of form.tsx (same look, same error display):
 * an amount in euros typed the French way, a Paris date and time, and a free shell for any input.
 */

export interface ControlProps {
  id: string;
  name: string;
  'data-field': string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

export function Field({
  label,
  path,
  errors,
  error: ownError,
  required,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  path: string;
  errors?: FieldErrors;
  /** A message found by the screen itself (a typed amount that does not parse). */
  error?: string | null;
  required?: boolean;
  hint?: ReactNode;
  className?: string;
  children(props: ControlProps): ReactNode;
}) {
  const id = useId();
  const error = ownError ?? errors?.[path];
  const props: ControlProps = {
    id,
    name: path,
    'data-field': path,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? id + '-error' : hint ? id + '-hint' : undefined,
    'aria-required': required ? true : undefined,
  };
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ' ' + className : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children(props)}
      {hint && !error ? (
        <p className="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={id + '-error'}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** « 47,06 » with a € after it; the screen parses the text (parseEuros) and shows its own error. */
export function AmountField({
  label,
  path,
  errors,
  error,
  required,
  hint,
  className,
  value,
  onChange,
  onBlur,
  inputRef,
  testId,
}: {
  label: ReactNode;
  path: string;
  errors?: FieldErrors;
  error?: string | null;
  required?: boolean;
  hint?: ReactNode;
  className?: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
}) {
  return (
    <Field label={label} path={path} errors={errors} error={error} required={required} hint={hint} className={className}>
      {(props) => (
        <span className="amount-input">
          <input
            {...props}
            ref={inputRef}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onBlur={onBlur}
            onFocus={(e) => e.currentTarget.select()}
            placeholder="0,00"
            data-testid={testId}
          />
          <span className="amount-input__unit" aria-hidden="true">
            €
          </span>
        </span>
      )}
    </Field>
  );
}

/** Paris local date and time, `YYYY-MM-DDTHH:mm` — the value of a native datetime-local input. */
export function DateTimeField({
  label,
  path,
  errors,
  required,
  hint,
  className,
  value,
  onChange,
}: {
  label: ReactNode;
  path: string;
  errors?: FieldErrors;
  required?: boolean;
  hint?: ReactNode;
  className?: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <Field label={label} path={path} errors={errors} required={required} hint={hint} className={className}>
      {(props) => (
        <input {...props} type="datetime-local" step={60} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
