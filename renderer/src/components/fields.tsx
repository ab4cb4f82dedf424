import { useId, type ReactNode, type Ref } from 'react';
import { FieldShell, type BaseProps } from './form.js';

/**
 * Fields the billing screens need beside those of form.tsx (same look, same error display):
 * an amount in euros typed the French way and a free shell for any input (dates: DateField.tsx).
 */

export interface ControlProps {
  id: string;
  name: string;
  'data-field': string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

/** What every field takes: its label, its contract path and where its error comes from. */
type FieldFrameProps = Omit<BaseProps, 'label' | 'hint'> & {
  label: ReactNode;
  hint?: ReactNode;
};

export function Field({
  label,
  path,
  errors,
  error: ownError,
  required,
  hint,
  className,
  children,
}: FieldFrameProps & {
  /** A message found by the screen itself (a typed amount that does not parse). */
  error?: string | null;
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
    <FieldShell
      id={id}
      label={label}
      required={required}
      error={error}
      hint={hint}
      hintId={id + '-hint'}
      className={className}
    >
      {children(props)}
    </FieldShell>
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
}: FieldFrameProps & {
  error?: string | null;
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
