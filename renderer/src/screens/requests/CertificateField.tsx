import { Field } from '../../components/fields.js';
import { FileChooser } from '../../components/FileChooser.js';
import { CERTIFICATE_ACCEPT, certificateProblem } from './certificate.js';

/**
 * A scanned certificate chosen in a form (the request form, the « Joindre » dialog): « Parcourir… »,
 * the file's name, and a first look at it (type, size) shown beside the field.
 */
export function CertificateField(props: {
  label: string;
  path: string;
  errors: Record<string, string>;
  file: File | null;
  problem: string | null;
  testId: string;
  onChange(file: File | null, problem: string | null): void;
}) {
  return (
    <Field label={props.label} path={props.path} errors={props.errors} error={props.problem}>
      {({ id, ...control }) => (
        <label className="file-pick" htmlFor={id}>
          <FileChooser
            id={id}
            control={control}
            fileName={props.file?.name ?? null}
            accept={CERTIFICATE_ACCEPT}
            testId={props.testId}
            onFile={(chosen) => props.onChange(chosen ?? null, chosen ? certificateProblem(chosen) : null)}
          />
        </label>
      )}
    </Field>
  );
}
