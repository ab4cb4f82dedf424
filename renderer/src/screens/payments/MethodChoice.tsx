import type { KeyboardEvent, Ref } from 'react';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/contract/payments.js';
import { COUNTER_METHODS, type CounterMethod } from './counterForm.js';

/** The payment method, a radio group that the keyboard drives: C E V P B, or 1 to 5. */
export function MethodChoice({ value, onChange, ref }: { value: CounterMethod; onChange(method: CounterMethod): void; ref?: Ref<HTMLFieldSetElement> }) {
  function onKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const key = event.key.toUpperCase();
    const index = /^[1-5]$/.test(key) ? Number(key) - 1 : COUNTER_METHODS.findIndex((m) => m.key === key);
    const method = COUNTER_METHODS[index];
    if (!method) return;
    event.preventDefault();
    onChange(method.value);
    const group = event.currentTarget;
    window.requestAnimationFrame(() => group.querySelector<HTMLInputElement>(`input[value="${method.value}"]`)?.focus());
  }

  return (
    <fieldset className="methods" ref={ref} onKeyDown={onKeyDown} data-field="method">
      <legend>
        Mode de paiement <span className="muted small">(touches C E V P B ou 1 à 5)</span>
      </legend>
      <div className="methods__options" role="radiogroup" aria-label="Mode de paiement">
        {COUNTER_METHODS.map((m, i) => (
          <label key={m.value} className={`method${value === m.value ? ' method--on' : ''}`}>
            <input
              type="radio"
              name="method"
              value={m.value}
              checked={value === m.value}
              onChange={() => onChange(m.value)}
              data-testid={`method-${m.value}`}
            />
            <span>{PAYMENT_METHOD_LABELS[m.value]}</span>
            <kbd aria-hidden="true">{m.key}</kbd>
            <span className="visually-hidden">(touche {m.key} ou {i + 1})</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
