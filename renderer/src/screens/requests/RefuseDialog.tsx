import { useState } from 'react';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextAreaField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import type { RequestDialogProps } from './dialog.js';

/**
 * Refusing a refund, a rhythm change or a radiation, with the note the letter repeats; or the link
 * of an espace, with the note (required) the parent reads in their espace.
 */
export function RefuseDialog({ request, onClose, onDone }: RequestDialogProps) {
  const [note, setNote] = useState('');
  const link = request.type === 'account_link';
  const m = useMutation((): Promise<unknown> =>
    request.type === 'rhythm'
      ? invoke('requests.decideRhythm', { requestId: request.id, decision: 'refuse', note })
      : request.type === 'radiation'
        ? invoke('requests.decideRadiation', { requestId: request.id, decision: 'refuse', note, missingPieces: [] })
        : link
          ? invoke('requests.decideAccountLink', { requestId: request.id, decision: 'refuse', note })
          : invoke('requests.decideRefund', { requestId: request.id, decision: 'refuse', note, missingPieces: [] }),
  );
  async function submit() {
    if ((await m.run()) !== undefined) onDone('Demande refusée.');
  }
  return (
    <FormDialog title="Refuser la demande" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Refuser" submitVariant="danger" testId="refuse-dialog">
      <TextAreaField
        label={link ? 'Note à la famille (motif du refus, lue dans son espace)' : 'Note (motif du refus, reprise dans le courrier)'}
        path="note"
        errors={fieldErrors(m.error)}
        required={link}
        value={note}
        onChange={setNote}
        rows={4}
      />
    </FormDialog>
  );
}
