import type { Ref } from 'react';
import type { ControlProps } from './fields.js';
import { Icon } from './Icon.js';

/**
 * The inside of a label around a file input: « Parcourir… », the chosen file's name, and the
 * hidden input the label opens — never the browser's own widget, whose « Choose file » / « No file
 * chosen » follow the system's language. Used by every screen where a file is chosen: the families
 * CSV and the schools' directory (in a `file-drop` label) and the certificates of the requests
 * (FileField).
 */
export function FileChooser(props: {
  id: string;
  fileName: string | null;
  /** The input's name when the label around it does not give one. */
  ariaLabel?: string;
  testId: string;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** The file types offered by the picker; CSV unless told. */
  accept?: string;
  /** The field's error and required state, when the chooser is a form field. */
  control?: Omit<ControlProps, 'id'>;
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
        {...props.control}
        ref={props.inputRef}
        id={props.id}
        className="visually-hidden"
        type="file"
        accept={props.accept ?? '.csv,text/csv'}
        aria-label={props.ariaLabel}
        data-testid={props.testId}
        disabled={props.disabled}
        onChange={(e) => props.onFile(e.target.files?.[0])}
      />
    </>
  );
}
