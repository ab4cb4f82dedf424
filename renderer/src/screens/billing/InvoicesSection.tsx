import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { OpOutput } from '../../../../shared/contract/operations.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCents, formatCount } from '../../../../shared/domain/money.js';
import { foldText } from '../../../../shared/domain/search.js';
import { invoke } from '../../api/client.js';
import { Pager } from '../../components/Pager.js';
import { navBodyProps, navRowProps } from '../../components/tableNav.js';
import { upper } from '../../lib/text.js';
import { useLoad } from '../../lib/useOperation.js';
import { InvoiceDialog } from './InvoiceDialog.js';
import { InvoiceStatusBadge } from './InvoiceStatus.js';

type InvoiceRow = OpOutput<'billing.invoices'>['rows'][number];

const FETCH = 1000;
const PAGE_SIZE = 50;

/**
 * The invoices of an issued period. billing.invoices has no search: the rows are read by chunks
 * of 1 000 and searched here (number, dossier number, family name).
 */
export function InvoicesSection({ periodId, onChanged }: { periodId: string; onChanged(): void }) {
  const [total, setTotal] = useState(0);
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);

  const invoices = useLoad(periodId, async (isLatest) => {
    const all: InvoiceRow[] = [];
    for (let at = 0; ; at += FETCH) {
      const answer = await invoke('billing.invoices', { periodId, offset: at, limit: FETCH });
      if (!isLatest()) break;
      all.push(...answer.rows);
      setTotal(answer.total);
      if (answer.rows.length < FETCH || all.length >= answer.total) break;
    }
    return all;
  });
  const rows = invoices.data;
  const error = invoices.error?.message ?? null;

  const filtered = useMemo(() => {
    if (!rows) return [];
    const q = foldText(query.trim());
    if (!q) return rows;
    return rows.filter(
      (r) => foldText(r.number).includes(q) || String(r.dossierNumber).startsWith(q) || foldText(r.familyName).includes(q),
    );
  }, [rows, query]);
  const shown = filtered.slice(offset, offset + PAGE_SIZE);

  return (
    <section className="section" aria-labelledby="invoices-title" data-testid="period-invoices">
      <div className="section__header">
        <h2 id="invoices-title">Factures de la période</h2>
        <span className="muted" aria-live="polite" data-testid="invoices-count">
          {rows
            ? query.trim()
              ? `${formatCount(filtered.length)} sur ${formatCount(rows.length)}`
              : `${formatCount(rows.length)} ${rows.length >= 2 ? 'documents' : 'document'}`
            : `Chargement… ${total ? formatCount(total) : ''}`}
        </span>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="toolbar__search"
          aria-label="Chercher une facture"
          placeholder="N° de facture, n° de dossier ou nom de famille"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOffset(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="invoices-table"] tr[data-nav-row]')?.focus();
            } else if (e.key === 'Enter' && shown[0]) {
              e.preventDefault();
              setOpen(shown[0].id);
            }
          }}
          data-testid="invoice-search"
        />
        <span className="muted small">↓ pour parcourir la liste, Entrée pour ouvrir</span>
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {rows ? (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="invoices-table">
              <thead>
                <tr>
                  <th scope="col">Numéro</th>
                  <th scope="col">Dossier</th>
                  <th scope="col">Famille</th>
                  <th scope="col">Échéance</th>
                  <th scope="col" className="num-col">
                    Total
                  </th>
                  <th scope="col" className="num-col">
                    Payé
                  </th>
                  <th scope="col" className="num-col">
                    Reste dû
                  </th>
                  <th scope="col">Statut</th>
                </tr>
              </thead>
              <tbody {...navBodyProps}>
                {shown.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="muted empty-cell">
                      Aucune facture ne correspond.
                    </td>
                  </tr>
                ) : null}
                {shown.map((r, i) => (
                  <tr
                    key={r.id}
                    {...navRowProps(i)}
                    className={`row-link${r.overdue ? ' row--overdue' : ''}`}
                    data-testid="invoice-row"
                    data-invoice-id={r.id}
                    data-number={r.number}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a')) return;
                      setOpen(r.id);
                    }}
                  >
                    <td className="mono">
                      <button type="button" className="link-button" data-row-open tabIndex={-1} onClick={() => setOpen(r.id)}>
                        {r.number}
                      </button>
                    </td>
                    <td className="num">{r.dossierNumber}</td>
                    <td>
                      <Link to={`/familles/${r.familyId}`} tabIndex={-1}>
                        {upper(r.familyName)}
                      </Link>
                    </td>
                    <td className={r.overdue ? 'text-danger nowrap' : 'nowrap'}>{formatFrenchDate(r.dueDate)}</td>
                    <td className="num num-col">{formatCents(r.totalCents)}</td>
                    <td className="num num-col">{formatCents(r.paidCents)}</td>
                    <td className={`num num-col${r.remainingCents > 0 ? ' strong' : ''}`}>{formatCents(r.remainingCents)}</td>
                    <td>
                      <InvoiceStatusBadge invoice={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={PAGE_SIZE} total={filtered.length} onChange={setOffset} testId="invoices-pager" />
        </>
      ) : null}
      {open ? (
        <InvoiceDialog
          invoiceId={open}
          onClose={() => setOpen(null)}
          onChanged={() => {
            onChanged();
            void invoices.reload();
          }}
        />
      ) : null}
    </section>
  );
}
