import { useState } from 'react';
import type { OpOutput } from '../../../../shared/contract/operations.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { useMutation } from '../../lib/useMutation.js';
import { useDocumentKeys } from '../../state/documentKeys.js';
import { RecoveryCodeDialog } from '../settings/RecoveryCodeDialog.js';
import { Card } from './SessionForms.js';

/**
 * First start, right after the administrator's account: the recovery code of the certificates,
 * proposed now (it can be made later in Réglages › Clé des documents, and the desk reminds it).
 */
export function FirstRecoveryStep({ onDone }: { onDone(): void }) {
  const [issued, setIssued] = useState<OpOutput<'documentKeys.setupRecovery'> | null>(null);
  const setup = useMutation(() => invoke('documentKeys.setupRecovery', {}));
  async function create() {
    const result = await setup.run();
    if (!result) return;
    useDocumentKeys.getState().set(result.status);
    setIssued(result);
  }
  return (
    <Card
      title="Code de secours des certificats"
      lead={'Les certificats médicaux sont chiffrés avec une clé gardée sur ce poste. Un code de secours, imprimé et rangé dans le coffre, permet de les ouvrir sur un nouvel ordinateur ou après la restauration d’une sauvegarde ailleurs.'}
    >
      <div className="session-form" data-testid="first-recovery-step">
        {setup.error ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(setup.error)}
          </p>
        ) : null}
        <Button variant="primary" busy={setup.busy} onClick={() => void create()} data-testid="first-create-recovery">
          Créer le code de secours
        </Button>
        <Button onClick={onDone} disabled={setup.busy} data-testid="first-recovery-later">
          Plus tard
        </Button>
        <p className="muted small">Il pourra être créé à tout moment dans Réglages › Clé des documents.</p>
      </div>
      {issued ? <RecoveryCodeDialog issued={issued} renewed={false} onClose={onDone} /> : null}
    </Card>
  );
}
