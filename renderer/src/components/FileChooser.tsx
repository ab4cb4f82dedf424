import type { Ref } from 'react';
import { Icon } from './Icon.js';

/**
 * The inside of a `file-drop` label: « Parcourir… », the chosen file's name, and the hidden CSV
 * input the label opens (families CSV, schools' directory).
 */
export function FileChooser(props: {
  id: string;
  fileName: string | null;
  ariaLabel: string;
  testId: string;
  disabled: boolean;
  inputRef: Ref<HTMLInputElement>;
  onFile(file: File | undefined): void;
}) {
  return (
    <>
      <span className="file-drop__row">
        <span className="btn btn--secondary file-drop__button" aria-hidden="true">
          <Icon name="upload" />
          Parcourir…
        </span>
        <span className={props.fileName ? 'file-drop__name' : 'muted'}>{props.fileName ?? 'Aucun fichier choisi'}</span>
      </span>
      <input
        ref={props.inputRef}
        id={props.id}
        className="visually-hidden"
        type="file"
        accept=".csv,text/csv"
        aria-label={props.ariaLabel}
        data-testid={props.testId}
        disabled={props.disabled}
        onChange={(e) => props.onFile(e.target.files?.[0])}
      />
    </>
  );
}
