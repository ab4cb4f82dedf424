import type { BillingPeriod } from '../../../../shared/contract/billing.js';
import { ProgressBlock } from '../../components/ProgressBlock.js';
import { SoonButton } from '../../components/Soon.js';
import { plural } from '../../lib/text.js';

/**
 * PDF generation of a period: the PDF engine is not in the contract yet. The button is in place
 * (disabled, « bientôt ») with the progress block it will drive: wire `state` and `onCancel` to
 * the generation operation when it arrives.
 */
export function PdfBlock({ period, documents }: { period: BillingPeriod; documents: number }) {
  const issued = period.issuedAt !== null;
  return (
    <section className="section" aria-labelledby="pdf-title" data-testid="pdf-block">
      <div className="section__header">
        <h2 id="pdf-title">Documents PDF</h2>
      </div>
      <div className="panel pdf-block">
        <p className="muted">
          {issued
            ? `Les PDF des ${plural(documents, 'document', 'documents')} de la période, à envoyer aux familles et à publier sur le portail.`
            : 'Les PDF seront générés après l’émission des factures.'}
        </p>
        <div className="pdf-block__actions">
          <SoonButton testId="generate-pdfs">Générer les PDF de la période</SoonButton>
        </div>
        {/* Idle until the PDF operation exists: { phase: 'running', done, total } while it runs. */}
        <ProgressBlock state={{ phase: 'idle' }} label="Génération des PDF" testId="pdf-progress" />
      </div>
    </section>
  );
}
