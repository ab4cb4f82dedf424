import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type InvoiceDraft, LINE_KIND_LABELS } from '../../../../shared/contract/billing.js';
import { formatCents, formatCount } from '../../../../shared/domain/money.js';
import { Pager } from '../../components/Pager.js';
import { upper } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { draftChildName, lineText } from './format.js';

const PAGE_SIZE = 50;

/** The invoices the run would issue, family by family (billing.preview, by pages). */
export function PreviewSection({ periodId, warningFilter }: { periodId: string; warningFilter: { on: boolean; bump: number } }) {
  const [query, setQuery] = useState('');
  const [onlyWarnings, setOnlyWarnings] = useState(false);
  const [offset, setOffset] = useState(0);
  const sectionRef = useRef<HTMLElement>(null);

  // « N familles ont un avertissement » in the summary turns the filter on.
  useEffect(() => {
    if (warningFilter.bump === 0) return;
    setOnlyWarnings(warningFilter.on);
    setOffset(0);
    sectionRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [warningFilter]);

  // The page shown stays while the next one loads; typing waits a little before asking.
  const preview = useOperation(
    'billing.preview',
    { periodId, offset, limit: PAGE_SIZE, onlyWarnings, query: query.trim() },
    { keepPrevious: true, delayMs: query ? 150 : 0 },
  );
  const { data: page, loading } = preview;
  const error = preview.error?.message ?? null;

  return (
    <section className="section" aria-labelledby="preview-title" ref={sectionRef} data-testid="billing-preview">
      <div className="section__header">
        <h2 id="preview-title">Aperçu des factures</h2>
        <span className="muted" aria-live="polite" data-testid="preview-count">
          {page ? `${formatCount(page.total)} ${page.total >= 2 ? 'familles' : 'famille'}` : ''}
        </span>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="toolbar__search"
          aria-label="Chercher une famille dans l’aperçu"
          placeholder="N° de dossier ou début du nom de famille"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOffset(0);
          }}
          data-testid="preview-search"
          maxLength={100}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={onlyWarnings}
            onChange={(e) => {
              setOnlyWarnings(e.target.checked);
              setOffset(0);
            }}
            data-testid="preview-only-warnings"
          />
          <span>Avertissements seulement</span>
        </label>
        {loading ? <span className="spinner spinner--dark" aria-hidden="true" /> : null}
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {page ? (
        <>
          <div className="table-wrap">
            <table className="table preview-table" data-testid="preview-table" aria-busy={loading || undefined}>
              <thead>
                <tr>
                  <th scope="col">Dossier</th>
                  <th scope="col">Famille et payeur</th>
                  <th scope="col">Tranche</th>
                  <th scope="col">Lignes</th>
                  <th scope="col" className="num-col">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.drafts.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="muted empty-cell">
                      {onlyWarnings ? 'Aucune famille avec un avertissement.' : 'Aucune famille à facturer ne correspond.'}
                    </td>
                  </tr>
                ) : null}
                {page.drafts.map((d) => (
                  <DraftRow key={d.familyId} draft={d} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} busy={loading} testId="preview-pager" />
        </>
      ) : null}
    </section>
  );
}

function DraftRow({ draft }: { draft: InvoiceDraft }) {
  return (
    <tr data-testid="preview-row" data-family-id={draft.familyId} data-dossier={draft.dossierNumber} className={draft.warnings.length ? 'row--warn' : undefined}>
      <td className="num">{draft.dossierNumber}</td>
      <td>
        <Link to={`/familles/${draft.familyId}`} className="strong">
          {upper(draft.familyName)}
        </Link>
        <div className="muted small">{draft.payerName}</div>
      </td>
      <td>{draft.tranche}</td>
      <td>
        <ul className="draft-lines">
          {draft.lines.map((line, i) => (
            <li key={i} className={line.amountCents < 0 ? 'draft-lines__credit' : undefined} data-kind={line.kind}>
              {line.kind === 'meals' ? (
                lineText(line, draftChildName(line))
              ) : (
                <>
                  <span className="tag tag--ok">{LINE_KIND_LABELS[line.kind]}</span> {line.label}&nbsp;: {formatCents(line.amountCents)}
                </>
              )}
            </li>
          ))}
          {draft.lines.length === 0 ? <li className="muted">Aucune ligne à facturer.</li> : null}
        </ul>
        {draft.warnings.length > 0 ? (
          <ul className="draft-warnings" data-testid="preview-warnings">
            {draft.warnings.map((w, i) => (
              <li key={i} data-code={w.code}>
                <span className="warning-dot" aria-hidden="true" />
                {w.message}{' '}
                <Link to={`/familles/${draft.familyId}`} className="small">
                  Ouvrir le dossier
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="num num-col strong">
        {draft.invoiced ? formatCents(draft.totalCents) : <span className="muted">non facturé</span>}
        {draft.kind === 'credit_note' ? <div className="small text-ok">avoir</div> : null}
      </td>
    </tr>
  );
}
