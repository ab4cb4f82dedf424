import { useEffect, useRef, useState } from 'react';
import type { BillingPeriod } from '../../../../shared/contract/billing.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Button } from '../../components/form.js';
import { ProgressBlock, type ProgressState } from '../../components/ProgressBlock.js';
import { plural } from '../../lib/text.js';
import { useCan } from '../../state/session.js';
import { toast } from '../../state/toasts.js';

const POLL_MS = 300;

/**
 * PDF generation of a period: « Générer les PDF de la période » starts a job in the main process
 * (documents.startPeriodPdf), whose progress is read every 300 ms (documents.job) until it ends;
 * « Annuler » stops it (the files already finished are kept). The outcome says where the files
 * are, with the one file to print for the families without e-mail.
 */
export function PdfBlock({ period, documents }: { period: BillingPeriod; documents: number }) {
  const issued = period.issuedAt !== null;
  const canGenerate = useCan('documents.startPeriodPdf');
  const [jobId, setJobId] = useState<string | null>(null);
  const [state, setState] = useState<ProgressState>({ phase: 'idle' });
  const [where, setWhere] = useState<{ outDir: string; combinedFile: string | null } | null>(null);
  const [starting, setStarting] = useState(false);
  const cancelling = useRef(false);

  // A new period on the same screen: forget the previous outcome.
  useEffect(() => {
    setJobId(null);
    setState({ phase: 'idle' });
    setWhere(null);
  }, [period.id]);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      try {
        const job = await invoke('documents.job', { jobId });
        if (stopped) return;
        if (job.status === 'running') {
          setState({ phase: 'running', done: job.done, total: job.total, cancelling: cancelling.current });
          timer = window.setTimeout(() => void tick(), POLL_MS);
          return;
        }
        setJobId(null);
        if (job.status === 'done') {
          setWhere({ outDir: job.outDir ?? '', combinedFile: job.combinedFile ?? null });
          setState({ phase: 'done', done: job.done, total: job.total, message: `Terminé\u00a0: ${plural(job.done, 'PDF généré', 'PDF générés')}.` });
        } else if (job.status === 'cancelled') {
          setState({ phase: 'cancelled', done: job.done, total: job.total });
        } else {
          setState({ phase: 'failed', done: job.done, total: job.total, message: job.message ?? 'La génération des PDF a échoué.' });
        }
      } catch (error) {
        if (stopped) return;
        setJobId(null);
        setState({ phase: 'failed', done: 0, total: 0, message: errorMessage(error) });
      }
    };
    void tick();
    return () => {
      stopped = true;
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [jobId]);

  const start = async () => {
    setStarting(true);
    setWhere(null);
    cancelling.current = false;
    try {
      const answer = await invoke('documents.startPeriodPdf', { periodId: period.id });
      setState({ phase: 'running', done: 0, total: documents });
      setJobId(answer.jobId);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    cancelling.current = true;
    setState((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    try {
      await invoke('documents.cancelJob', { jobId });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  // The whole block starts the period's PDF run: hidden from an agent who may not.
  if (!canGenerate) return null;
  const running = state.phase === 'running';
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
          <Button onClick={() => void start()} busy={starting} disabled={!issued || running || starting || documents === 0} data-testid="generate-pdfs">
            Générer les PDF de la période
          </Button>
        </div>
        <ProgressBlock state={state} label="Génération des PDF" onCancel={() => void cancel()} testId="pdf-progress" />
        {state.phase === 'done' && where ? (
          <div className="small" data-testid="pdf-result">
            <p>
              PDF générés dans <code className="mono">{where.outDir}</code>
            </p>
            <p>
              {where.combinedFile ? (
                <>
                  Fichier à imprimer (familles sans adresse e-mail)&nbsp;: <code className="mono" data-testid="pdf-combined">{where.combinedFile}</code>
                </>
              ) : (
                'Aucun document à imprimer\u00a0: toutes les familles ont une adresse e-mail.'
              )}
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
