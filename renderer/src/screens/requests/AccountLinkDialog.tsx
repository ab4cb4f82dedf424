import { useState } from 'react';
import type { RequestDetailOf } from '../../../../shared/contract/requests.js';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextAreaField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { upper } from '../../lib/text.js';
import type { RequestDialogProps } from './dialog.js';

/** « Rattacher l’espace au dossier »: the parent's espace gets the file of the request's family. */
export function AccountLinkDialog({ request, onClose, onDone }: RequestDialogProps<RequestDetailOf<'account_link'>>) {
  const [note, setNote] = useState('');
  const m = useMutation(() => invoke('requests.decideAccountLink', { requestId: request.id, decision: 'accept', note }));
  async function submit() {
    if (await m.run()) onDone('Espace rattaché au dossier.');
  }
  const { firstName, lastName, email } = request.details;
  return (
    <FormDialog
      title="Rattacher l’espace au dossier"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={m.busy}
      error={m.error}
      submitLabel="Rattacher l’espace au dossier"
      testId="account-link-dialog"
    >
      <p>
        L’espace de {firstName} {upper(lastName)} ({email}) sera rattaché au dossier n°&nbsp;{request.dossierNumber} — {upper(request.familyName ?? '')}.
      </p>
      <TextAreaField label="Note (facultative)" path="note" errors={fieldErrors(m.error)} value={note} onChange={setNote} rows={3} />
    </FormDialog>
  );
}
