import { useState } from 'react';
import type { Family } from '../../../../shared/contract/families.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { MutationDialog } from '../../components/ActionDialog.js';
import { Button } from '../../components/form.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';
import { useCan } from '../../state/session.js';

/**
 * The status changes an agent makes from the file's header (the service owns the rules and says
 * why it refuses): « Valider le dossier » for a file waiting for validation, « Archiver le
 * dossier » (after a confirmation: an archived file is read-only for good) for a radiated file
 * whose account is settled. Other changes come from requests.
 */
export function LifecycleActions({ family, onDone }: { family: Family; onDone(): void }) {
  const [confirmArchive, setConfirmArchive] = useState(false);
  const canValidate = useCan('families.validate');
  const canArchive = useCan('families.archive');
  const validate = useMutation(async () => {
    try {
      await invoke('families.validate', { familyId: family.id });
      toast.success('Dossier validé\u00a0: il est maintenant actif.');
      onDone();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  });

  if (family.status === 'pending') {
    if (!canValidate) return null;
    return (
      <Button onClick={() => void validate.run()} busy={validate.busy} data-testid="validate-family">
        Valider le dossier
      </Button>
    );
  }
  if (family.status !== 'radiated' || !canArchive) return null;
  return (
    <>
      <Button onClick={() => setConfirmArchive(true)} data-testid="archive-family">
        Archiver le dossier
      </Button>
      {confirmArchive ? (
        <MutationDialog
          title={`Archiver le dossier n°\u00a0${family.dossierNumber}`}
          onClose={() => setConfirmArchive(false)}
          action={() => invoke('families.archive', { familyId: family.id })}
          success={(result) =>
            result.purgeAfter
              ? `Dossier archivé\u00a0: il est en lecture seule et sera purgé après le ${formatFrenchDate(result.purgeAfter)}.`
              : 'Dossier archivé\u00a0: il est maintenant en lecture seule.'
          }
          onDone={() => {
            setConfirmArchive(false);
            onDone();
          }}
          submitLabel="Archiver"
          testId="archive-family-dialog"
        >
          <p>
            Le compte de la famille doit être soldé. Une fois archivé, le dossier ne peut plus être modifié ni recevoir de
            paiement&nbsp;; il sera purgé à la fin de la durée de conservation.
          </p>
        </MutationDialog>
      ) : null}
    </>
  );
}
