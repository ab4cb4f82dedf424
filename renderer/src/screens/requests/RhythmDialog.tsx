import type { RequestDetailOf } from '../../../../shared/contract/requests.js';
import { formatWeekdays } from '../../../../shared/domain/weekdays.js';
import { ofName, withFullStop } from '../../../../shared/domain/french.js';
import { invoke } from '../../api/client.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { useMutation } from '../../lib/useMutation.js';
import type { RequestDialogProps } from './dialog.js';

/** Validating a rhythm change: it takes effect at the start of the next billing period. */
export function RhythmDialog({
  request,
  onClose,
  onDone,
}: Omit<RequestDialogProps<RequestDetailOf<'rhythm'>>, 'onDone'> & { onDone(effectiveFrom: string | null): void }) {
  const m = useMutation(() => invoke('requests.decideRhythm', { requestId: request.id, decision: 'accept' }));
  async function submit() {
    const answer = await m.run();
    if (answer) onDone(answer.effectiveFrom);
  }
  const days = formatWeekdays(request.details.weekdays);
  return (
    <ActionDialog title="Valider le changement de rythme" onClose={onClose} onSubmit={() => void submit()} busy={m.busy} error={m.error} submitLabel="Valider le changement" testId="rhythm-dialog">
      <p>
        Nouveau rythme {request.childName ? ofName(request.childName) : 'de l’enfant'}&nbsp;: <strong>{days}</strong>
        {withFullStop(days).slice(days.length)}
      </p>
      <p>Il s’appliquera au début de la prochaine période de facturation.</p>
    </ActionDialog>
  );
}
