import { useState, type KeyboardEvent } from 'react';
import { addDays } from '../../../shared/domain/calendar.js';
import { Field, type ControlProps } from './fields.js';
import type { BaseProps } from './form.js';
import { readTypedDate, shownDate, typedDateError, typedDateValue, typedTimeValue } from '../lib/dateField.js';

/**
 * The one date field of the desk: typed and shown `JJ/MM/AAAA` whatever the browser's language
 * (the native date input of Chromium showed mm/dd/yyyy and « September 2025 »), handed to the code
 * as `YYYY-MM-DD`. ↑ and ↓ move a day, Page précédente / suivante a month's worth of 30 days.
 * A text that is no date is handed on as typed (the contract refuses it) and, once the agent leaves
 * the field, explained beside it in a message that names the field.
 */
export function DateField({
  label,
  path,
  errors,
  required,
  hint,
  className,
  value,
  onChange,
  testId,
}: BaseProps & {
  /** `YYYY-MM-DD`, '' when empty, or the text as typed when it is no date. */
  value: string;
  onChange(value: string): void;
  testId?: string;
}) {
  const [left, setLeft] = useState(false);
  const typed = readTypedDate(value);
  const ownError = left ? typedDateError(label, typed) : null;
  return (
    <Field label={label} path={path} errors={errors} error={ownError} required={required} hint={hint} className={className}>
      {(props) => (
        <DateInput {...props} value={value} onChange={onChange} onLeave={() => setLeft(true)} testId={testId} />
      )}
    </Field>
  );
}

/** The text input alone, for a date inside a toolbar (its label around it). */
export function DateInput({
  value,
  onChange,
  onLeave,
  testId,
  ...control
}: Partial<ControlProps> & {
  value: string;
  onChange(value: string): void;
  onLeave?(): void;
  testId?: string;
  'aria-label'?: string;
}) {
  // The text as typed (« 1/12/2026 »), kept while it still reads as the form's value.
  const [text, setText] = useState(() => shownDate(value));
  if (typedDateValue(readTypedDate(text)) !== value) setText(shownDate(value));

  function type(next: string) {
    setText(next);
    onChange(typedDateValue(readTypedDate(next)));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const step = { ArrowUp: 1, ArrowDown: -1, PageUp: 30, PageDown: -30 }[event.key];
    if (step === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const typed = readTypedDate(text);
    if (typed.kind !== 'date') return;
    event.preventDefault();
    type(shownDate(addDays(typed.iso, step)));
  }

  return (
    <input
      {...control}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={10}
      placeholder="JJ/MM/AAAA"
      className="date-input"
      value={text}
      onChange={(e) => type(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => {
        // « 1/12/2026 » becomes « 01/12/2026 » once the agent leaves the field.
        const typed = readTypedDate(text);
        if (typed.kind === 'date') setText(shownDate(typed.iso));
        onLeave?.();
      }}
      data-testid={testId}
    />
  );
}

/**
 * Paris local date and time, `YYYY-MM-DDTHH:mm`: the French date field (JJ/MM/AAAA) and the time
 * typed « 14:00 » (or « 14h00 »), instead of the native datetime-local input in the browser's language.
 */
export function DateTimeField({
  label,
  path,
  errors,
  required,
  hint,
  className,
  value,
  onChange,
}: BaseProps & {
  value: string;
  onChange(value: string): void;
}) {
  const [date = '', time = ''] = value.split('T');
  const [timeText, setTimeText] = useState(time);
  if (typedTimeValue(timeText) !== time) setTimeText(time);
  const join = (d: string, t: string) => (d || t ? `${d}T${t}` : '');
  return (
    <Field label={label} path={path} errors={errors} required={required} hint={hint} className={className}>
      {(props) => (
        <span className="datetime-input">
          <DateInput {...props} value={date} onChange={(d) => onChange(join(d, time))} />
          <span aria-hidden="true">à</span>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={5}
            placeholder="HH:MM"
            className="time-input"
            aria-label={`${label} — heure`}
            aria-invalid={props['aria-invalid']}
            value={timeText}
            onChange={(e) => {
              setTimeText(e.target.value);
              onChange(join(date, typedTimeValue(e.target.value)));
            }}
          />
        </span>
      )}
    </Field>
  );
}
