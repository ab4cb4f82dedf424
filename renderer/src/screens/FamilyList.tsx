import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchScope, FamilyRow } from '../../../shared/contract/families.js';
import { invoke } from '../api/client.js';
import { errorMessage } from '../api/errors.js';
import { Button } from '../components/form.js';
import { Icon } from '../components/Icon.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { downloadText } from '../lib/files.js';
import { plural, upper } from '../lib/text.js';
import { formatCount } from '../../../shared/domain/money.js';
import { useSearch } from '../state/search.js';
import { toast } from '../state/toasts.js';
import { useCan } from '../state/session.js';

const ROW_HEIGHT = 48;
/** The head row, inside the scrolling grid (sticky): the rows start below it. */
const HEAD_HEIGHT = 34;
const PAGE_STEP = 10;

const SCOPE_OPTIONS: readonly { value: SearchScope; label: string }[] = [
  { value: 'current', label: 'En cours' },
  { value: 'all', label: 'Toutes' },
  { value: 'active', label: 'Actives' },
  { value: 'pending', label: 'En attente' },
  { value: 'radiated', label: 'Radiées' },
  { value: 'archived', label: 'Archivées' },
];

function countText(total: number, query: string): string {
  if (query.trim() === '') return total === 0 ? 'Aucune famille' : plural(total, 'famille', 'familles');
  if (total === 0) return 'Aucune famille trouvée';
  return `${plural(total, 'famille', 'familles')} ${total >= 2 ? 'trouvées' : 'trouvée'}`;
}

export function FamilyList() {
  const navigate = useNavigate();
  const canExport = useCan('export.csv');
  const canCreate = useCan('families.create');
  const query = useSearch((s) => s.query);
  const scope = useSearch((s) => s.scope);
  const rows = useSearch((s) => s.rows);
  const total = useSearch((s) => s.total);
  const shown = useSearch((s) => s.shown);
  const loading = useSearch((s) => s.loading);
  const error = useSearch((s) => s.error);
  const selected = useSearch((s) => s.selected);
  const focusRequest = useSearch((s) => s.focusRequest);
  const { setQuery, setScope, select, move } = useSearch.getState();

  const inputRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const openWhenReady = useRef(false);
  /** Last scroll position (read on leaving: the element is already detached by then). */
  const scrollTop = useRef(useSearch.getState().scrollOffset);
  const [exporting, setExporting] = useState(false);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: () => useSearch.getState().scrollOffset,
    getItemKey: (index) => rows[index]?.id ?? index,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });

  // Load on arrival (kept from the last visit when the criteria did not change).
  useEffect(() => {
    useSearch.getState().ensureLoaded();
    return () => {
      useSearch.getState().setScrollOffset(scrollTop.current);
    };
  }, []);

  // The search box takes the focus on arrival and on Ctrl+K / « / ».
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  // New results: back to the top (and open the first one if Enter was pressed while waiting).
  const previousRows = useRef(rows);
  useEffect(() => {
    if (previousRows.current === rows) return;
    previousRows.current = rows;
    virtualizer.scrollToOffset(0);
    if (openWhenReady.current) {
      openWhenReady.current = false;
      const first = rows[0];
      if (first) void navigate(`/familles/${first.id}`);
    }
  }, [rows, virtualizer, navigate]);


  const stale = shown === null || shown.query !== query || shown.scope !== scope;

  function open(index: number) {
    const row = useSearch.getState().rows[index];
    if (row) void navigate(`/familles/${row.id}`);
  }

  /** Moves the selection with the keyboard and keeps the selected row in view. */
  function step(delta: number) {
    move(delta);
    const index = useSearch.getState().selected;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        step(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        step(-1);
        break;
      case 'PageDown':
        event.preventDefault();
        step(PAGE_STEP);
        break;
      case 'PageUp':
        event.preventDefault();
        step(-PAGE_STEP);
        break;
      case 'Enter':
        event.preventDefault();
        if (stale) openWhenReady.current = true;
        else if (selected >= 0) open(selected);
        break;
      case 'Escape':
        event.preventDefault();
        if (useSearch.getState().query !== '') {
          setQuery('');
          inputRef.current?.focus();
        } else {
          event.currentTarget.blur();
        }
        break;
      default:
        return;
    }
  }

  async function exportCsv() {
    setExporting(true);
    try {
      const answer = await invoke('export.csv', { query, scope });
      downloadText(answer.fileName, answer.content);
      toast.success(`Export prêt\u00a0: ${plural(answer.rows, 'ligne', 'lignes')} dans «\u00a0${answer.fileName}\u00a0».`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  const items = virtualizer.getVirtualItems();
  const selectedRow = selected >= 0 ? rows[selected] : undefined;

  return (
    <div className="page page--fill">
      <header className="page__header">
        <h1>Familles</h1>
        <div className="page__actions">
          {canExport ? (
            <Button onClick={() => void exportCsv()} busy={exporting} data-testid="export-csv">
              <Icon name="download" />
              Exporter (CSV)
            </Button>
          ) : null}
          {canCreate ? (
            <Button variant="primary" onClick={() => void navigate('/familles/nouvelle')}>
              <Icon name="plus" />
              Nouvelle famille
            </Button>
          ) : null}
        </div>
      </header>

      <div className="searchbar" role="search">
        <div className="searchbar__box">
          <span className="searchbar__icon">
            <Icon name="search" size={18} />
          </span>
          <input
            ref={inputRef}
            type="search"
            className="searchbar__input"
            aria-label="Rechercher une famille"
            aria-controls="family-grid"
            placeholder="Rechercher&nbsp;: nom, prénom, enfant, e-mail, téléphone, n° de dossier"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            data-testid="family-search"
          />
          {loading ? <span className="spinner spinner--dark searchbar__spinner" aria-hidden="true" /> : null}
          <kbd className="searchbar__kbd" aria-hidden="true">
            Ctrl K
          </kbd>
        </div>
        <label className="searchbar__scope">
          <span>Statut</span>
          <select
            value={scope}
            onChange={(e) => setScope(e.target.value as SearchScope)}
            aria-label="Statut des familles"
            data-testid="family-scope"
          >
            {SCOPE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="list-meta">
        <span className="result-count" data-testid="result-count" data-query={shown?.query} aria-live="polite">
          {shown === null ? 'Recherche…' : countText(total, shown.query)}
          {shown !== null && total > rows.length
            ? ` — les ${formatCount(rows.length)} premières affichées\u00a0: précisez la recherche`
            : ''}
        </span>
        <span className="list-meta__hint">↑ ↓ pour choisir, Entrée pour ouvrir, Échap pour effacer</span>
      </div>

      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}

      {/* One grid, focused as a whole (aria-activedescendant names the selected row): its head row stays
          on top of the rows that scroll under it. */}
      <div className="family-grid">
        <div
          ref={scrollRef}
          className="family-grid__scroll"
          id="family-grid"
          role="grid"
          aria-label="Familles"
          aria-rowcount={rows.length + 1}
          aria-busy={loading || undefined}
          tabIndex={rows.length > 0 ? 0 : -1}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            scrollTop.current = e.currentTarget.scrollTop;
          }}
          aria-activedescendant={selectedRow ? `family-row-${selectedRow.id}` : undefined}
        >
          <div role="rowgroup" className="family-grid__head">
            <div role="row" className="family-row family-row--head" aria-rowindex={1}>
              <span role="columnheader">N° dossier</span>
              <span role="columnheader">Famille</span>
              <span role="columnheader">Responsables</span>
              <span role="columnheader">Enfants</span>
              <span role="columnheader">Contact</span>
              <span role="columnheader">Statut</span>
            </div>
          </div>
          {shown !== null && rows.length === 0 && !loading ? (
            <div role="rowgroup">
              <div role="row">
                <div role="gridcell" className="empty">
                  <p>
                    {shown.query.trim()
                      ? `Aucune famille ne correspond à «\u00a0${shown.query.trim()}\u00a0».`
                      : 'Aucune famille dans ce filtre.'}
                  </p>
                  {canCreate ? (
                    <Button variant="primary" onClick={() => void navigate('/familles/nouvelle')}>
                      Créer une nouvelle famille
                    </Button>
                  ) : null}
                </div>
              </div>
            </div>
          ) : null}
          <div role="rowgroup" className="family-grid__canvas" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <Row
                  key={item.key}
                  row={row}
                  index={item.index}
                  start={item.start - HEAD_HEIGHT}
                  selected={item.index === selected}
                  onOpen={open}
                  onSelect={select}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

const Row = memo(function Row({
  row,
  index,
  start,
  selected,
  onOpen,
  onSelect,
}: {
  row: FamilyRow;
  index: number;
  start: number;
  selected: boolean;
  onOpen(index: number): void;
  onSelect(index: number): void;
}) {
  return (
    <div
      role="row"
      id={`family-row-${row.id}`}
      data-testid="family-row"
      data-family-id={row.id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`family-row${selected ? ' family-row--selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onMouseDown={() => onSelect(index)}
      onClick={() => onOpen(index)}
    >
      <span role="gridcell" className="family-row__number">
        {row.dossierNumber}
      </span>
      <span role="gridcell" className="family-row__name" title={upper(row.familyName)}>
        {upper(row.familyName)}
      </span>
      <span role="gridcell" className="cell-ellipsis" title={row.guardians}>
        {row.guardians}
      </span>
      <span role="gridcell" className="cell-ellipsis" title={row.children}>
        {row.childCount > 0 ? <span className="count-pill">{row.childCount}</span> : null}
        {row.children || <span className="muted">Aucun enfant</span>}
      </span>
      <span role="gridcell" className="family-row__contact">
        <span className="cell-ellipsis">{row.phone ?? '—'}</span>
        <span className="cell-ellipsis muted" title={row.email ?? undefined}>
          {row.email ?? ''}
        </span>
      </span>
      <span role="gridcell">
        <StatusBadge status={row.status} />
      </span>
    </div>
  );
});
