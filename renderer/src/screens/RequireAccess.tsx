import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { OperationName } from '../../../shared/contract/operations.js';
import { useCanAny } from '../state/session.js';

/**
 * A route whose screen is made only of operations the agent may not call (by the contract's access
 * table, as `useCan`): the screen is replaced by the refusal, before it loads anything.
 */
export function RequireAccess({ operations, children }: { operations: readonly OperationName[]; children: ReactNode }) {
  const allowed = useCanAny(operations);
  return allowed ? <>{children}</> : <Forbidden />;
}

function Forbidden() {
  return (
    <div className="page" data-testid="forbidden">
      <header className="page__header">
        <h1>Vous n’avez pas accès à cette page</h1>
      </header>
      <p className="alert alert--error" role="alert">
        Votre compte n’a pas le rôle que demande cet écran. Si vous en avez besoin, demandez-le à un administrateur.
      </p>
      <p>
        <Link to="/">Revenir à l’accueil</Link>
      </p>
    </div>
  );
}
