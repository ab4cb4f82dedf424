import { useState } from 'react';
import type { RequestDetailOf } from '../../../../shared/contract/requests.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextAreaField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import type { RequestDialogProps } from './dialog.js';

/** Accepting a radiation: billing stops after the last billed day, the file is radiated. */
export function RadiationDialog({ request, onClose, onDone }: RequestDialogProps<RequestDetailOf<'radiation'>>) {
  const [note, setNote] = useState('');
  const m = useMutation(() => invoke('requests.decideRadiation', { requestId: request.id, decision: 'accept', note, missingPieces: [] }));
  async function submit() {
    const answer = await m.run();
    if (answer) {
      onDone(
        answer.lastBilledDay
          ? `Radiation acceptée\u00a0: dernier jour facturé le ${formatFrenchDate(answer.lastBilledDay)}.`
          : 'Radiation acceptée.',
      );
    }
  }
  return (
    <FormDialog title="Accepter la radiation" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Accepter la radiation" testId="radiation-dialog">
      <p>La famille sera radiée à la date du déménagement ({formatFrenchDate(request.details.movingDate)}).</p>
      <TextAreaField label="Note" path="note" errors={fieldErrors(m.error)} value={note} onChange={setNote} rows={3} />
    </FormDialog>
  );
}
