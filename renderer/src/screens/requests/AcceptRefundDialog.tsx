import type { RefundVerdict } from '../../../../shared/contract/requests.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { plural } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import type { RequestDialogProps } from './dialog.js';

/**
 * Where the refund goes: the next invoice of the family, or, for days of a period not billed yet,
 * that period's invoice (billing deducts it when it issues the period).
 */
function whereDeducted(verdict: RefundVerdict): string {
  const periods = verdict.notBilledYet;
  if (periods.length === 0) return 'apparaîtra en avoir sur la prochaine facture de la famille';
  if (periods.length === 1) return `sera déduit de la facture de la période ${periods[0]} (pas encore facturée), à son émission`;
  return `sera déduit des factures des périodes ${periods.slice(0, -1).join(', ')} et ${periods[periods.length - 1]} (pas encore facturées), à leur émission`;
}

/** Accepting a refund: the amount the verdict gives becomes a credit on the next invoice. */
export function AcceptRefundDialog({ request, verdict, onClose, onDone }: RequestDialogProps & { verdict: RefundVerdict }) {
  const m = useMutation(() => invoke('requests.decideRefund', { requestId: request.id, decision: 'accept', missingPieces: [] }));
  async function submit() {
    const answer = await m.run();
    if (answer) onDone(`Remboursement accepté\u00a0: ${formatCents(answer.verdict.amountCents)} ${whereDeducted(answer.verdict)}.`);
  }
  return (
    <ActionDialog
      title="Accepter le remboursement"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={m.busy}
      error={m.error}
      submitLabel="Accepter le remboursement"
      testId="accept-refund-dialog"
    >
      <p data-testid="accept-refund-summary">
        {plural(verdict.refundedDays.length, 'jour', 'jours')} de repas remboursé{verdict.refundedDays.length >= 2 ? 's' : ''} pour{' '}
        {request.childName ?? 'l’enfant'}, soit <strong>{formatCents(verdict.amountCents)}</strong>.
      </p>
      <p data-testid="accept-refund-where">Ce montant {whereDeducted(verdict)}.</p>
    </ActionDialog>
  );
}
