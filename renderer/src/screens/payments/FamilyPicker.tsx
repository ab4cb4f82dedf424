import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { FamilyRow } from '../../../../shared/contract/families.js';
import { Icon } from '../../components/Icon.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { plural, upper } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';

const LIMIT = 8;

/**
 * Find a family as you type (families.search): ↑ ↓ choose, Entrée picks, Échap clears.
 * An ARIA combobox: the focus stays in the field, the list follows.
 */
export function FamilyPicker({
  onPick,
  inputRef,
  autoFocus,
}: {
  onPick(row: FamilyRow): void;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  /** The query whose results are on screen (they stay while the next ones load). */
  const [shownQuery, setShownQuery] = useState<string | null>(null);
  const pickWhenReady = useRef(false);
  const listId = useId();
  const q = query.trim();
  const search = useOperation('families.search', { query: q, scope: 'all', limit: LIMIT }, { enabled: q !== '', keepPrevious: true });
  const rows = search.data?.rows ?? [];
  const total = search.data?.total ?? 0;
  const { loading } = search;
  const error = search.error?.message ?? null;

  // Results arrived (only those of the latest query do): the first is active, or picked if
  // Entrée was pressed before they came.
  const onResults = useEffectEvent((found: FamilyRow[]) => {
    setActive(0);
    setShownQuery(q);
    if (pickWhenReady.current) {
      pickWhenReady.current = false;
      const first = found[0];
      if (first) pick(first);
    }
  });
  useEffect(() => {
    if (search.data) onResults(search.data.rows);
    else setShownQuery(null);
  }, [search.data]);

  function pick(row: FamilyRow) {
    setQuery('');
    onPick(row);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((a) => Math.min(rows.length - 1, a + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((a) => Math.max(0, a - 1));
        break;
      case 'Enter': {
        event.preventDefault();
        const stale = shownQuery !== query.trim();
        if (stale && query.trim() !== '') pickWhenReady.current = true;
        else if (rows[active]) pick(rows[active]);
        break;
      }
      case 'Escape':
        if (query !== '') {
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
        }
        break;
      default:
    }
  }

  const open = query.trim() !== '' && shownQuery !== null;
  const activeRow = rows[active];

  return (
    <div className="picker">
      <div className="searchbar__box">
        <span className="searchbar__icon">
          <Icon name="search" size={18} />
        </span>
        <input
          ref={inputRef}
          type="search"
          className="searchbar__input picker__input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && activeRow ? `${listId}-${activeRow.id}` : undefined}
          aria-label="Famille (nom, n° de dossier, enfant, e-mail, téléphone)"
          placeholder="Famille&nbsp;: nom, n° de dossier, enfant, e-mail, téléphone"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          maxLength={200}
          data-testid="counter-family-search"
        />
        {loading ? <span className="spinner spinner--dark searchbar__spinner picker__spinner" aria-hidden="true" /> : null}
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {open ? (
        <ul className="picker__list" id={listId} role="listbox" aria-label="Familles trouvées" data-testid="counter-family-results">
          {rows.length === 0 ? (
            <li className="picker__empty muted" role="presentation">
              Aucune famille ne correspond à «&nbsp;{shownQuery}&nbsp;».
            </li>
          ) : null}
          {rows.map((row, i) => (
            <li
              key={row.id}
              id={`${listId}-${row.id}`}
              role="option"
              aria-selected={i === active}
              className={`picker__option${i === active ? ' picker__option--active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(row);
              }}
              data-testid="counter-family-option"
              data-family-id={row.id}
            >
              <span className="picker__number">{row.dossierNumber}</span>
              <span className="picker__name">{upper(row.familyName)}</span>
              <span className="picker__detail cell-ellipsis">
                {row.guardians}
                {row.children ? <span className="muted"> · {row.children}</span> : null}
              </span>
              <StatusBadge status={row.status} />
            </li>
          ))}
          {total > rows.length ? (
            <li className="picker__more muted" role="presentation">
              {plural(total - rows.length, 'autre résultat', 'autres résultats')}&nbsp;: précisez la recherche.
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
