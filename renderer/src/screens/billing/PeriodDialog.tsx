import { useState } from 'react';
import type { BillingPeriod } from '../../../../shared/contract/billing.js';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';
import { DateField, DateTimeField } from '../../components/DateField.js';

/** Edits a billing period while it is not issued (periods.update). */
export function PeriodDialog({ period, onClose, onSaved }: { period: BillingPeriod; onClose(): void; onSaved(): void }) {
  const [label, setLabel] = useState(period.label);
  const [start, setStart] = useState(period.start);
  const [end, setEnd] = useState(period.end);
  const [issueDate, setIssueDate] = useState(period.issueDate);
  const [opensAt, setOpensAt] = useState(period.onlinePaymentOpensAt);
  const [dueDate, setDueDate] = useState(period.dueDate);
  const { busy, error, run } = useMutation(() =>
    invoke('periods.update', { id: period.id, label, start, end, issueDate, onlinePaymentOpensAt: opensAt, dueDate }),
  );
  const errors = fieldErrors(error);

  async function submit() {
    if (await run()) {
      toast.success(`Période «\u00a0${label.trim()}\u00a0» enregistrée.`);
      onSaved();
    }
  }

  return (
    <FormDialog
      title={`Modifier la période ${period.label}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Enregistrer"
      testId="period-dialog"
      wide
    >
      <div className="grid grid--2">
        <TextField className="span-2" label="Libellé" path="label" errors={errors} required value={label} onChange={setLabel} />
        <DateField label="Premier jour facturé" path="start" errors={errors} required value={start} onChange={setStart} />
        <DateField label="Dernier jour facturé" path="end" errors={errors} required value={end} onChange={setEnd} />
        <DateField label="Date d’émission" path="issueDate" errors={errors} required value={issueDate} onChange={setIssueDate} />
        <DateField label="Échéance" path="dueDate" errors={errors} required value={dueDate} onChange={setDueDate} />
        <DateTimeField
          className="span-2"
          label="Ouverture du paiement en ligne (heure de Paris)"
          path="onlinePaymentOpensAt"
          errors={errors}
          required
          value={opensAt}
          onChange={setOpensAt}
          hint="Imprimé sur la facture&nbsp;: «&nbsp;Le paiement en ligne est disponible à partir du … à …&nbsp;»."
        />
      </div>
    </FormDialog>
  );
}
