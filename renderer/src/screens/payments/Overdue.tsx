import { useState } from 'react';
import { Link } from 'react-router';
import { formatFrenchDate, isValidIsoDate } from '../../../../shared/domain/dates.js';
import { formatCents, formatCount } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { DateInput } from '../../components/DateField.js';
import { Button } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { Pager } from '../../components/Pager.js';
import { PdfButton } from '../../components/PdfButton.js';
import { navBodyProps, navRowProps } from '../../components/tableNav.js';
import { readTypedDate, typedDateError } from '../../lib/dateField.js';
import { downloadText } from '../../lib/files.js';
import { plural, upper } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { daysLate } from '../billing/format.js';
import { InvoiceDialog } from '../billing/InvoiceDialog.js';
import { deskToday } from '../../lib/today.js';
import { useCan } from '../../state/session.js';

const PAGE_SIZE = 100;

/** Impayés: invoices past their due date with something left to pay, and the treasury export. */
export function Overdue() {
  const [asOf, setAsOf] = useState(deskToday());
  const canExport = useCan('treasury.export');
  /** The last real date typed: the list stays on it while the field holds a date being typed. */
  const [listedAsOf, setListedAsOf] = useState(asOf);
  const [offset, setOffset] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const validDate = isValidIsoDate(asOf);
  // Explained once the agent leaves the field, not while the date is being typed.
  const [asOfLeft, setAsOfLeft] = useState(false);
  const asOfError = asOfLeft ? typedDateError('À la date du', readTypedDate(asOf)) : null;
  const overdue = useOperation('overdue.list', { asOf: listedAsOf, offset, limit: PAGE_SIZE }, { keepPrevious: true });
  const { data, loading } = overdue;
  const error = overdue.error?.message ?? null;

  async function exportCsv() {
    setExporting(true);
    try {
      const answer = await invoke('treasury.export', { asOf });
      downloadText(answer.fileName, answer.content);
      toast.success(
        `Export pour le Trésor public prêt\u00a0: ${plural(answer.rows, 'facture', 'factures')}, ${formatCents(answer.totalRemainingCents)}, dans «\u00a0${answer.fileName}\u00a0».`,
      );
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Impayés</h1>
          <p className="muted">Factures dont l’échéance est passée et qui ne sont pas entièrement réglées.</p>
        </div>
        <div className="page__actions">
          {canExport ? (
            <Button onClick={() => void exportCsv()} busy={exporting} disabled={!data || data.total === 0 || !validDate} data-testid="treasury-export">
              <Icon name="download" />
              Exporter pour le Trésor public (CSV)
            </Button>
          ) : null}
        </div>
      </header>

      <div className="toolbar">
        <label className="inline-select">
          <span>À la date du</span>
          <DateInput
            value={asOf}
            onChange={(next) => {
              setAsOf(next);
              if (isValidIsoDate(next)) setListedAsOf(next);
              setOffset(0);
            }}
            onLeave={() => setAsOfLeft(true)}
            aria-invalid={!validDate || undefined}
            aria-describedby={asOfError ? 'overdue-as-of-error' : undefined}
            testId="overdue-as-of"
          />
        </label>
        {asOfError ? (
          <p className="field__error" id="overdue-as-of-error">
            {asOfError}
          </p>
        ) : null}
        {loading ? <span className="spinner spinner--dark" aria-hidden="true" /> : null}
      </div>

      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}

      {data ? (
        <>
          <dl className="report-figures report-figures--3" data-testid="overdue-totals">
            <div>
              <dt>Factures en retard</dt>
              <dd data-testid="overdue-count">{formatCount(data.total)}</dd>
            </div>
            <div>
              <dt>Reste dû total</dt>
              <dd className={data.totalRemainingCents > 0 ? 'text-danger' : undefined} data-testid="overdue-total">
                {formatCents(data.totalRemainingCents)}
              </dd>
            </div>
            <div>
              <dt>Au</dt>
              <dd>{formatFrenchDate(data.asOf)}</dd>
            </div>
          </dl>
          {data.total === 0 ? (
            <div className="panel empty-panel" data-testid="overdue-empty">
              <p>Aucune facture impayée après son échéance au {formatFrenchDate(data.asOf)}.</p>
            </div>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="overdue-table">
                  <thead>
                    <tr>
                      <th scope="col">Facture</th>
                      <th scope="col">Famille</th>
                      <th scope="col">Période</th>
                      <th scope="col">Échéance</th>
                      <th scope="col" className="num-col">
                        Retard
                      </th>
                      <th scope="col" className="num-col">
                        Total
                      </th>
                      <th scope="col" className="num-col">
                        Reste dû
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Relance</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody {...navBodyProps}>
                    {data.rows.map((r, i) => (
                      <tr
                        key={r.invoiceId}
                        {...navRowProps(i)}
                        className="row-link"
                        data-testid="overdue-row"
                        data-invoice-id={r.invoiceId}
                        onClick={(e) => {
                          if ((e.target as HTMLElement).closest('a')) return;
                          setOpen(r.invoiceId);
                        }}
                      >
                        <td className="mono">
                          <button type="button" className="link-button" data-row-open tabIndex={-1} onClick={() => setOpen(r.invoiceId)}>
                            {r.number}
                          </button>
                        </td>
                        <td>
                          <Link to={`/familles/${r.familyId}`} tabIndex={-1}>
                            n°&nbsp;{r.dossierNumber} — {upper(r.familyName)}
                          </Link>
                          <div className="muted small">{r.payerName}</div>
                        </td>
                        <td>{r.periodLabel ?? '—'}</td>
                        <td className="nowrap text-danger">{formatFrenchDate(r.dueDate)}</td>
                        <td className="num num-col">{daysLate(r.daysLate)}</td>
                        <td className="num num-col">{formatCents(r.totalCents)}</td>
                        <td className="num num-col strong text-danger">{formatCents(r.remainingCents)}</td>
                        <td className="row-actions" onClick={(e) => e.stopPropagation()}>
                          <PdfButton
                            variant="ghost"
                            testId="reminder-letter"
                            title={`Lettre de relance pour le dossier n°\u00a0${r.dossierNumber} (PDF)`}
                            load={() => invoke('documents.reminderPdf', { invoiceId: r.invoiceId })}
                          >
                            Lettre de relance
                          </PdfButton>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onChange={setOffset} busy={loading} testId="overdue-pager" />
            </>
          )}
        </>
      ) : null}

      {open ? <InvoiceDialog invoiceId={open} onClose={() => setOpen(null)} onChanged={() => void overdue.reload()} /> : null}
    </div>
  );
}
