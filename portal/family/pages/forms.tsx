import type { ReactNode } from 'react';

/**
 * Form parts of the family pages (RGAA): every field has its label; an error sits beside its field,
 * tied to it by `aria-describedby`, and a summary at the top of the form links to each.
 */
export type FieldErrors = Record<string, string>;

export function ErrorSummary(props: { errors: FieldErrors; labels: Record<string, string>; idPrefix?: string }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={`erreurs-titre${props.idPrefix ?? ''}`}>
      <h2 id={`erreurs-titre${props.idPrefix ?? ''}`}>{entries.length === 1 ? 'Un champ est à corriger' : `${entries.length} champs sont à corriger`}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#champ-${props.idPrefix ?? ''}${field}`}>{summaryLine(props.labels[field] ?? field, message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A message that names its field stands alone; another gets the field's label before it. */
function summaryLine(label: string, message: string): string {
  return message.toLocaleLowerCase('fr').startsWith(label.toLocaleLowerCase('fr')) ? message : `${label}\u00a0: ${message}`;
}

export function Field(props: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  autoComplete?: string;
  value?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  /** For a page with two forms that share a field name (ids stay unique). */
  idPrefix?: string;
}) {
  const id = `champ-${props.idPrefix ?? ''}${props.name}`;
  const described = [props.hint ? `${id}-aide` : null, props.error ? `${id}-erreur` : null].filter(Boolean).join(' ');
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.required === false ? <span className="optional"> (facultatif)</span> : null}
      </label>
      {props.hint ? (
        <p className="hint" id={`${id}-aide`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="error" id={`${id}-erreur`}>
          {props.error}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        defaultValue={props.type === 'password' ? undefined : props.value}
        required={props.required !== false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

/** A POST form with its CSRF token. */
export function PostForm(props: { action: string; csrf: string; children: ReactNode; label?: string }) {
  return (
    <form method="post" action={props.action} noValidate aria-label={props.label}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

export function Notice(props: { kind: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`notice notice-${props.kind}`} role={props.kind === 'warning' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
