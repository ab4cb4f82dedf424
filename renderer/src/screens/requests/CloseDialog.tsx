import { useState } from 'react';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextAreaField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import type { RequestDialogProps } from './dialog.js';

/** Closing a correction or a contact message, with what was done. */
export function CloseDialog({ request, onClose, onDone }: RequestDialogProps) {
  const [note, setNote] = useState('');
  const m = useMutation(() => invoke('requests.closeCorrection', { requestId: request.id, note }));
  async function submit() {
    if (await m.run()) onDone('Demande close.');
  }
  return (
    <FormDialog title="Clore la demande" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Clore la demande" testId="close-dialog">
      <TextAreaField label="Note (ce qui a été fait)" path="note" errors={fieldErrors(m.error)} required value={note} onChange={setNote} rows={4} />
    </FormDialog>
  );
}
