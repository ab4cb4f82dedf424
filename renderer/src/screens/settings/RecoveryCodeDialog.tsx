import { useId, useState } from 'react';
import type { OpOutput } from '../../../../shared/contract/operations.js';
import { Dialog } from '../../components/Dialog.js';
import { DocumentViewer } from '../../components/DocumentViewer.js';
import { Button } from '../../components/form.js';

type RecoveryIssued = OpOutput<'documentKeys.setupRecovery'>;

/**
 * The recovery code, shown once: big, in groups of four, with « Imprimer la feuille » (the PDF
 * opens in the in-app viewer) and « J’ai imprimé ou noté le code », without which the dialog does
 * not close (Esc and × included): once closed, nobody can show the code again.
 */
export function RecoveryCodeDialog({ issued, renewed, onClose }: { issued: RecoveryIssued; renewed: boolean; onClose(): void }) {
  const [kept, setKept] = useState(false);
  const [viewing, setViewing] = useState(false);
  const hintId = useId();
  return (
    <Dialog title={renewed ? 'Nouveau code de secours' : 'Code de secours'} onClose={onClose} busy={!kept} wide testId="recovery-code-dialog">
      <div className="dialog__body">
        <p>
          Voici le code de secours des certificats médicaux. <strong>Il ne sera plus jamais affiché</strong>&nbsp;: imprimez la feuille ou recopiez-le, puis
          rangez-le dans le coffre de la Caisse.
        </p>
        <p className="keys-code" data-testid="recovery-code" aria-label={`Code de secours\u00a0: ${issued.code}`}>
          {issued.code.split('-').map((group, i) => (
            <span key={i}>{group}</span>
          ))}
        </p>
        <p className="muted" id={hintId}>
          Il sert à ouvrir les certificats sur un nouvel ordinateur ou après la restauration d’une sauvegarde sur un autre poste.
          {renewed ? ' L’ancien code et sa feuille ne servent plus à rien\u00a0: détruisez-les.' : ''}
        </p>
        <div>
          <Button variant="primary" onClick={() => setViewing(true)} data-testid="print-recovery-sheet">
            Imprimer la feuille
          </Button>
        </div>
        <label className="check check--block">
          <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} aria-describedby={hintId} data-testid="recovery-kept" />
          <span>J’ai imprimé ou noté le code</span>
        </label>
      </div>
      <footer className="dialog__footer">
        <Button variant="primary" onClick={onClose} disabled={!kept} data-testid="recovery-close" title={kept ? undefined : 'Cochez d’abord «\u00a0J’ai imprimé ou noté le code\u00a0».'}>
          Fermer
        </Button>
      </footer>
      {viewing ? (
        <DocumentViewer
          file={{ fileName: issued.sheet.fileName, base64: issued.sheet.base64, mime: 'application/pdf' }}
          title="Feuille du code de secours"
          printable
          onClose={() => setViewing(false)}
        />
      ) : null}
    </Dialog>
  );
}
