import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { BillingPeriod, BillingSummary, IssueResult } from '../../../../shared/contract/billing.js';
import { formatFrenchDate, formatTimestamp } from '../../../../shared/domain/dates.js';
import { formatCents, formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { Button } from '../../components/form.js';
import { plural } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import { useLoad } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { PeriodStatus } from './BillingPeriods.js';
import { formatOpening } from './format.js';
import { InvoicesSection } from './InvoicesSection.js';
import { PdfBlock } from './PdfBlock.js';
import { PeriodDialog } from './PeriodDialog.js';
import { PreviewSection } from './PreviewSection.js';
import { useCan } from '../../state/session.js';
import { useSync } from '../../state/sync.js';

/** One billing period: what the run will bill (preview), the issue, then its invoices. */
export function PeriodPage() {
  const { periodId = '' } = useParams();
  const [dialog, setDialog] = useState<'issue' | 'edit' | null>(null);
  // Dates, the preview and the run belong to the facturation role (the screen hides what the agent may not do).
  const canEditDates = useCan('periods.update');
  const canIssue = useCan('billing.issue');
  const canPreview = useCan('billing.preview');
  // A desk linked to the server takes its invoice numbers from it: no run while it does not answer.
  const serverDown = useSync((s) => s.status?.state === 'offline');
  const [result, setResult] = useState<IssueResult | null>(null);
  const [warningFilter, setWarningFilter] = useState<{ on: boolean; bump: number }>({ on: false, bump: 0 });
  // The period and its summary arrive together (the page shows both or neither).
  const page = useLoad(periodId, async () => {
    const [list, summary] = await Promise.all([invoke('periods.list', {}), invoke('billing.summary', { periodId })]);
    return { period: list.find((p) => p.id === periodId) ?? null, summary };
  });
  const period = page.data?.period ?? null;
  const summary = page.data?.summary ?? null;
  const error = page.error
    ? { message: page.error.message, notFound: page.error.code === 'NOT_FOUND' }
    : page.data && !period
      ? { message: 'Cette période de facturation n’existe pas (ou plus).', notFound: true }
      : null;
  const load = page.reload;

  useEffect(() => {
    setResult(null);
  }, [periodId]);

  useEffect(() => {
    if (period) document.title = `${period.label} — Facturation · Guichet`;
    return () => {
      document.title = 'Guichet — Caisse des écoles du 11e';
    };
  }, [period]);

  if (error && !period) {
    return (
      <div className="page">
        <BackLink />
        <h1>{error.notFound ? 'Période introuvable' : 'Impossible d’ouvrir la période'}</h1>
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
        {error.notFound ? null : <Button onClick={() => void load()}>Réessayer</Button>}
      </div>
    );
  }
  if (!period || !summary) {
    return (
      <div className="page" aria-busy="true">
        <BackLink />
        <p className="muted">
          <span className="spinner spinner--dark" aria-hidden="true" /> Calcul de la facturation de la période…
        </p>
      </div>
    );
  }

  const issued = period.issuedAt !== null;
  const documents = summary.invoices + summary.creditNotes;

  return (
    <div className="page">
      <BackLink />
      <header className="page__header">
        <div>
          <h1 data-testid="period-title">
            {period.label} <span className="muted h1-sub">· {period.schoolYearLabel}</span>
          </h1>
          <div className="period-meta">
            <PeriodStatus period={period} />
            <span>
              Jours facturés du {formatFrenchDate(period.start)} au {formatFrenchDate(period.end)}
            </span>
            <span>
              Émission {issued ? '' : 'prévue '}
              {formatFrenchDate(period.issueDate)}
            </span>
            <span>Paiement en ligne à partir du {formatOpening(period.onlinePaymentOpensAt)}</span>
            <span>Échéance {formatFrenchDate(period.dueDate)}</span>
          </div>
          {period.nextRun && period.nextRun.daysLate > 0 ? (
            <p className="alert alert--warn period-late" data-testid="period-late">
              Émission en retard sur la date prévue&nbsp;: émises aujourd’hui, les factures seront datées du{' '}
              {formatFrenchDate(period.nextRun.issueDate)}, avec une échéance au {formatFrenchDate(period.nextRun.dueDate)} et le
              paiement en ligne à partir du {formatOpening(period.nextRun.onlinePaymentOpensAt)}.
            </p>
          ) : null}
        </div>
        <div className="page__actions">
          {!issued && canEditDates ? (
            <Button onClick={() => setDialog('edit')} data-testid="edit-period">
              Modifier les dates
            </Button>
          ) : null}
          {!issued && canIssue ? (
            <>
              <Button
                variant="primary"
                onClick={() => setDialog('issue')}
                disabled={documents === 0 || serverDown}
                title={documents === 0 ? 'Rien à facturer sur cette période.' : serverDown ? 'Le serveur ne répond pas.' : undefined}
                data-testid="issue-button"
              >
                Émettre les factures
              </Button>
            </>
          ) : null}
        </div>
      </header>

      {!issued && canIssue && serverDown ? (
        <p className="alert alert--warn" role="status" data-testid="issue-needs-server">
          L’émission d’une période demande le serveur, qui donne les numéros des factures&nbsp;: il ne répond pas à ce poste pour
          l’instant. Les factures pourront être émises dès qu’il répondra (voir l’état de la synchronisation).
        </p>
      ) : null}

      {result ? <IssueResultPanel result={result} /> : null}

      <SummaryPanel
        summary={summary}
        issued={issued}
        onWarnings={canPreview ? () => setWarningFilter((w) => ({ on: true, bump: w.bump + 1 })) : null}
      />

      {issued ? (
        <InvoicesSection periodId={period.id} onChanged={() => void load()} />
      ) : canPreview ? (
        <PreviewSection periodId={period.id} warningFilter={warningFilter} />
      ) : null}

      <PdfBlock period={period} documents={documents} />

      {dialog === 'issue' ? (
        <IssueDialog
          period={period}
          summary={summary}
          onClose={() => setDialog(null)}
          onIssued={(r) => {
            setDialog(null);
            setResult(r);
            void load();
          }}
        />
      ) : null}
      {dialog === 'edit' ? (
        <PeriodDialog
          period={period}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/facturation" className="back-link">
      ← Retour aux périodes de facturation
    </Link>
  );
}

function SummaryPanel({ summary, issued, onWarnings }: { summary: BillingSummary; issued: boolean; onWarnings: (() => void) | null }) {
  const warningsTotal = summary.warnings.reduce((n, w) => n + w.count, 0);
  return (
    <section className="panel summary" aria-labelledby="summary-title" data-testid="billing-summary">
      <h2 id="summary-title" className="panel__label">
        {issued ? 'Facturation émise' : 'Ce que l’émission produira'}
      </h2>
      <dl className="report-figures report-figures--summary">
        <div>
          <dt>Factures</dt>
          <dd data-testid="summary-invoices">{formatCount(summary.invoices)}</dd>
        </div>
        <div>
          <dt>Avoirs</dt>
          <dd data-testid="summary-credit-notes">{formatCount(summary.creditNotes)}</dd>
        </div>
        <div>
          <dt>Lignes (enfants et crédits)</dt>
          <dd data-testid="summary-lines">{formatCount(summary.lines)}</dd>
        </div>
        <div>
          <dt>Repas</dt>
          <dd data-testid="summary-meals">{formatCount(summary.meals)}</dd>
        </div>
        <div>
          <dt>Montant total</dt>
          <dd data-testid="summary-amount">{formatCents(summary.amountCents)}</dd>
        </div>
      </dl>
      {!issued ? (
        <div className="summary__warnings" data-testid="summary-warnings">
          {warningsTotal === 0 ? (
            <p className="text-ok">Aucun avertissement.</p>
          ) : (
            <>
              <p>
                {onWarnings ? (
                  <button type="button" className="link-button" onClick={onWarnings} data-testid="show-warnings">
                    {plural(summary.familiesWithWarnings, 'famille a', 'familles ont')} au moins un avertissement
                  </button>
                ) : (
                  plural(summary.familiesWithWarnings, 'famille a', 'familles ont') + ' au moins un avertissement'
                )}
                &nbsp;:
              </p>
              <ul className="warning-kinds">
                {summary.warnings.map((w) => (
                  <li key={w.code} data-code={w.code}>
                    <span className="warning-dot" aria-hidden="true" />
                    {w.label}&nbsp;: <strong>{formatCount(w.count)}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      {summary.byTranche.length > 0 ? (
        <details className="by-tranche">
          <summary>Détail par tranche</summary>
          <table className="table table--inner table--compact">
            <thead>
              <tr>
                <th scope="col">Tranche</th>
                <th scope="col" className="num-col">
                  Factures
                </th>
                <th scope="col" className="num-col">
                  Repas
                </th>
                <th scope="col" className="num-col">
                  Montant
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.byTranche.map((t) => (
                <tr key={t.tranche}>
                  <td>{t.tranche}</td>
                  <td className="num num-col">{formatCount(t.invoices)}</td>
                  <td className="num num-col">{formatCount(t.meals)}</td>
                  <td className="num num-col">{formatCents(t.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

function IssueDialog({
  period,
  summary,
  onClose,
  onIssued,
}: {
  period: BillingPeriod;
  summary: BillingSummary;
  onClose(): void;
  onIssued(result: IssueResult): void;
}) {
  const { busy, error, run } = useMutation(() => invoke('billing.issue', { periodId: period.id }));
  async function submit() {
    const result = await run();
    if (result) {
      toast.success(`${plural(result.invoices, 'facture émise', 'factures émises')} pour ${period.label}.`);
      onIssued(result);
    }
  }
  const invoicesText = `${plural(summary.invoices, 'facture sera émise', 'factures seront émises')}`;
  // The server's dates for a run today (shared/domain/periods.ts `runDates`); a period already
  // issued (never asked here) has its run's dates.
  const dates = period.nextRun ?? { ...period, daysLate: 0 };
  return (
    <ActionDialog
      title={`Émettre les factures — ${period.label}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel={busy ? 'Émission en cours…' : 'Émettre les factures'}
      testId="issue-dialog"
    >
      <p className="issue-text" data-testid="issue-text">
        <strong>
          {invoicesText} pour un total de {formatCents(summary.amountCents)}.
        </strong>
        {summary.creditNotes > 0 ? ` ${plural(summary.creditNotes, 'avoir sera émis', 'avoirs seront émis')} aussi.` : ''}{' '}
        Une facture émise n’est jamais supprimée ni modifiée&nbsp;: une erreur se corrige par un avoir.
      </p>
      <ul className="issue-facts" data-testid="issue-dates">
        <li>
          Date d’émission&nbsp;: {formatFrenchDate(dates.issueDate)}, échéance&nbsp;: {formatFrenchDate(dates.dueDate)}.
        </li>
        <li>Paiement en ligne à partir du {formatOpening(dates.onlinePaymentOpensAt)}.</li>
        {dates.daysLate > 0 ? (
          <li>
            L’émission était prévue le {formatFrenchDate(period.issueDate)}&nbsp;: avec {plural(dates.daysLate, 'jour', 'jours')} de
            retard, l’échéance et l’ouverture du paiement en ligne sont reportées d’autant, pour laisser aux familles le délai
            prévu.
          </li>
        ) : null}
        <li>Les numéros suivent la série de l’année, sans trou.</li>
        <li>Les avoirs disponibles des familles sont imputés sur leurs nouvelles factures.</li>
      </ul>
      {summary.familiesWithWarnings > 0 ? (
        <p className="alert alert--warn">
          {plural(summary.familiesWithWarnings, 'famille a', 'familles ont')} un avertissement (voir l’aperçu). Elles seront
          facturées telles quelles.
        </p>
      ) : null}
    </ActionDialog>
  );
}

function IssueResultPanel({ result }: { result: IssueResult }) {
  return (
    <section className="alert alert--success issue-result" role="status" data-testid="issue-result">
      <p className="strong">
        {plural(result.invoices, 'facture émise', 'factures émises')}
        {result.creditNotes > 0 ? ` et ${plural(result.creditNotes, 'avoir', 'avoirs')}` : ''} le {formatTimestamp(result.issuedAt)}
        &nbsp;: {formatCents(result.amountCents)}.
      </p>
      <p data-testid="issue-result-dates">
        Datées du {formatFrenchDate(result.issuedOn)}, échéance le {formatFrenchDate(result.dueDate)}, paiement en ligne à partir du{' '}
        {formatOpening(result.onlinePaymentOpensAt)}.
      </p>
      {result.firstNumber && result.lastNumber ? (
        <p data-testid="issue-range">
          Numéros {result.firstNumber === result.lastNumber ? result.firstNumber : `${result.firstNumber} à ${result.lastNumber}`}.
        </p>
      ) : null}
      {result.creditAppliedCents > 0 ? (
        <p>{formatCents(result.creditAppliedCents)} d’avoirs des familles imputés sur ces factures.</p>
      ) : null}
    </section>
  );
}
