import { useState } from 'react';
import { ApiError } from '../../api/errors.js';
import { FormDialog } from '../../components/Dialog.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { uploadCertificate } from './certificate.js';
import { CertificateField } from './CertificateField.js';
import type { RequestDialogProps } from './dialog.js';

/** Attaching a scanned certificate to a waiting request: medical (refund) or of radiation. */
export function UploadDialog({ request, onClose, onDone }: RequestDialogProps) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const m = useMutation(async () => {
    if (!file || !request.familyId) throw new ApiError({ code: 'VALIDATION', message: 'Choisissez un fichier.', field: 'base64' });
    return uploadCertificate(
      file,
      { familyId: request.familyId, childId: request.childId, requestId: request.id },
      request.type === 'radiation' ? 'radiation' : 'medical',
    );
  });
  async function submit() {
    if (problem) return;
    if (await m.run()) onDone('Certificat joint à la demande.');
  }
  return (
    <FormDialog
      title={request.type === 'radiation' ? 'Joindre le certificat de radiation' : 'Joindre un certificat'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={m.busy}
      error={m.error}
      submitLabel="Joindre"
      testId="upload-dialog"
    >
      <CertificateField
        label="Certificat scanné (PDF, JPEG ou PNG, 10 Mo au plus)"
        path="base64"
        errors={fieldErrors(m.error)}
        file={file}
        problem={problem}
        testId="upload-certificate-file"
        onChange={(chosen, found) => {
          setFile(chosen);
          setProblem(found);
        }}
      />
    </FormDialog>
  );
}
