import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { SCHOOL_WEEKDAYS, weekdayName } from '../../../shared/domain/weekdays.js';
import { summaryItems, type FieldErrors } from '../lib/issues.js';

export interface BaseProps {
  label: string;
  /** Field path as the contract names it (`address.postalCode`); finds its error message. */
  path: string;
  errors?: FieldErrors;
  required?: boolean;
  hint?: string;
  className?: string;
}

/** Label, control, hint or error: the frame of every field (here and in fields.tsx). */
export function FieldShell({
  id,
  label,
  required,
  error,
  hint,
  hintId,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  required?: boolean;
  error?: string | null;
  hint?: ReactNode;
  /** Given when the control points at the hint (aria-describedby). */
  hintId?: string;
  className?: string;
  children: ReactNode;
}) {
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
      {children}
      {hint && !error ? (
        <p className="field__hint" id={hintId}>
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

export function TextField({
  label,
  path,
  errors,
  required,
  hint,
  className,
  value,
  onChange,
  onBlur,
  type = 'text',
  placeholder,
  autoComplete,
  inputMode,
  maxLength,
}: BaseProps & {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  type?: 'text' | 'email' | 'tel' | 'number' | 'password';
  placeholder?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  maxLength?: number;
}) {
  const id = useId();
  const error = errors?.[path];
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint} className={className}>
      <input
        id={id}
        name={path}
        data-field={path}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        placeholder={placeholder}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id + '-error' : undefined}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  path,
  errors,
  required,
  hint,
  className,
  value,
  onChange,
  rows = 3,
}: BaseProps & { value: string; onChange(value: string): void; rows?: number }) {
  const id = useId();
  const error = errors?.[path];
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint} className={className}>
      <textarea
        id={id}
        name={path}
        data-field={path}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id + '-error' : undefined}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  path,
  errors,
  required,
  hint,
  className,
  value,
  onChange,
  options,
}: BaseProps & {
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
}) {
  const id = useId();
  const error = errors?.[path];
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint} className={className}>
      <select
        id={id}
        name={path}
        data-field={path}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id + '-error' : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Five checkboxes « lundi » … « vendredi ». */
export function WeekdayChecks({
  legend,
  path,
  errors,
  value,
  onChange,
}: {
  legend: string;
  path: string;
  errors?: FieldErrors;
  value: readonly number[];
  onChange(days: number[]): void;
}) {
  const error = errors?.[path];
  const errorId = useId();
  return (
    <fieldset
      className={`weekdays${error ? ' field--invalid' : ''}`}
      data-field={path}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{legend}</legend>
      <div className="weekdays__days">
        {SCHOOL_WEEKDAYS.map((day) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              name={`${path}.${day}`}
              checked={value.includes(day)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? [...value, day].sort((a, b) => a - b)
                    : value.filter((d) => d !== day),
                )
              }
            />
            <span>{weekdayName(day)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Focuses the input of a field path (or the first control of a fieldset). */
export function focusField(root: ParentNode, field: string): void {
  const target = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  if (!target) return;
  const control =
    target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input, select, textarea') : target;
  control?.focus();
  control?.scrollIntoView({ block: 'center' });
}

/** The list of every problem, at the top of a form; each one leads to its field. */
export function ErrorSummary({ error, prefix, title }: { error: unknown; prefix?: string; title?: string }) {
  if (!error) return null;
  const items = summaryItems(error, prefix);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <p className="error-summary__title">
        {title ??
          (items.length > 1 ? 'Le formulaire contient des erreurs\u00a0:' : 'Le formulaire contient une erreur\u00a0:')}
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.field + item.message}>
            {item.field ? (
              <a
                href={`#${item.field}`}
                onClick={(e) => {
                  e.preventDefault();
                  const form = e.currentTarget.closest('form, dialog, .page') ?? document;
                  focusField(form, item.field);
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Enter submits the form from any single-line control (checkboxes, radios and selects too,
 * which browsers do not submit on their own). Textareas and buttons keep their own behaviour.
 */
export function submitOnEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
  if (target instanceof HTMLInputElement && ['button', 'submit', 'reset', 'file'].includes(target.type)) return;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

export function Button({
  children,
  busy,
  variant = 'secondary',
  type = 'button',
  disabled,
  onClick,
  className,
  title,
  ...rest
}: {
  children: ReactNode;
  busy?: boolean;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  type?: 'button' | 'submit';
  disabled?: boolean;
  onClick?(): void;
  className?: string;
  title?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  return (
    <button
      type={type}
      className={`btn btn--${variant}${busy ? ' btn--busy' : ''}${className ? ' ' + className : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      onClick={onClick}
      title={title}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
