import type { Family } from '../../../../shared/contract/families.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';

/**
 * The status changes an agent makes from the file's header (the service owns the rules and says
 * why it refuses): « Valider le dossier » for a file waiting for validation, « Archiver le
 * dossier » for a radiated file whose account is settled. Other changes come from requests.
 */
export function LifecycleActions({ family, onDone }: { family: Family; onDone(): void }) {
  const change = (call: () => Promise<unknown>, success: string) => async () => {
    try {
      await call();
      toast.success(success);
      onDone();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const validate = useMutation(change(() => invoke('families.validate', { familyId: family.id }), 'Dossier validé\u00a0: il est maintenant actif.'));
  const archive = useMutation(
    change(() => invoke('families.archive', { familyId: family.id }), 'Dossier archivé\u00a0: il est maintenant en lecture seule.'),
  );

  if (family.status === 'pending') {
    return (
      <Button onClick={() => void validate.run()} busy={validate.busy} data-testid="validate-family">
        Valider le dossier
      </Button>
    );
  }
  if (family.status === 'radiated') {
    return (
      <Button onClick={() => void archive.run()} busy={archive.busy} data-testid="archive-family">
        Archiver le dossier
      </Button>
    );
  }
  return null;
}
