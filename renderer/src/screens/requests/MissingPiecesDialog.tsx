import { useState } from 'react';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextAreaField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import type { RequestDialogProps } from './dialog.js';

/** The pieces the family must still send, one per line. */
export function MissingPiecesDialog({ request, onClose, onDone }: RequestDialogProps) {
  const [text, setText] = useState(request.missingPieces.join('\n'));
  const pieces = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const m = useMutation((): Promise<unknown> =>
    request.type === 'refund'
      ? invoke('requests.decideRefund', { requestId: request.id, decision: 'missing_documents', missingPieces: pieces })
      : request.type === 'radiation'
        ? invoke('requests.decideRadiation', { requestId: request.id, decision: 'missing_documents', missingPieces: pieces })
        : invoke('requests.setStatus', { requestId: request.id, status: 'missing_documents', missingPieces: pieces }),
  );
  async function submit() {
    if ((await m.run()) !== undefined) onDone('Demande en attente de pièces.');
  }
  return (
    <FormDialog title="Pièces manquantes" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Enregistrer" testId="missing-pieces-dialog">
      <TextAreaField
        label="Pièces à fournir (une par ligne)"
        path="missingPieces"
        errors={fieldErrors(m.error)}
        value={text}
        onChange={setText}
        rows={5}
        hint="Par exemple «\u00a0certificat médical original\u00a0»."
      />
    </FormDialog>
  );
}
