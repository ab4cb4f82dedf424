import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { type DayStatus, DAY_STATUS_LABELS } from '../../../../shared/contract/calendar.js';
import { formatLongFrenchDate } from '../../../../shared/domain/dates.js';
import { formatCount } from '../../../../shared/domain/money.js';
import { formatWeekdays, weekdayName } from '../../../../shared/domain/weekdays.js';
import { Icon } from '../../components/Icon.js';
import { Button } from '../../components/form.js';
import { useOperation } from '../../lib/useOperation.js';
import { addMonths, formatMonth } from '../billing/format.js';

const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;
const STATUS_ORDER: readonly DayStatus[] = ['served', 'weekend', 'holiday', 'public_holiday', 'closure', 'no_service', 'out_of_year'];

/**
 * The month of one school (calendar.month): a Monday-first grid, each day coloured by status
 * with its label. ← → ↑ ↓ move between days, Page↑ Page↓ change month.
 */
export function MonthView({ schoolId, month, onMonth }: { schoolId: string; month: string; onMonth(month: string): void }) {
  // The month shown stays while the next one loads.
  const monthQuery = useOperation('calendar.month', { schoolId, month }, { enabled: schoolId !== '', keepPrevious: true });
  const { data, loading } = monthQuery;
  const error = monthQuery.error?.message ?? null;
  const [focusDay, setFocusDay] = useState<number>(1);
  const gridRef = useRef<HTMLDivElement>(null);
  const focusAfterLoad = useRef<'first' | 'last' | number | null>(null);

  // A month arrived: the day to focus (the first, the last, or the same day after Page↑ Page↓).
  useEffect(() => {
    if (!data) return;
    const wanted = focusAfterLoad.current;
    const count = data.days.length;
    const day = wanted === 'last' ? count : wanted === 'first' || wanted === null ? 1 : Math.min(wanted, count);
    setFocusDay(day);
    if (wanted !== null) {
      focusAfterLoad.current = null;
      window.requestAnimationFrame(() => gridRef.current?.querySelector<HTMLElement>(`[data-day="${day}"]`)?.focus());
    }
  }, [data]);

  function go(delta: number, focus: 'first' | 'last' | number | null = null) {
    focusAfterLoad.current = focus;
    onMonth(addMonths(month, delta));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!data) return;
    const count = data.days.length;
    let next = focusDay;
    switch (event.key) {
      case 'ArrowRight':
        next += 1;
        break;
      case 'ArrowLeft':
        next -= 1;
        break;
      case 'ArrowDown':
        next += 7;
        break;
      case 'ArrowUp':
        next -= 7;
        break;
      case 'Home':
        next = 1;
        break;
      case 'End':
        next = count;
        break;
      case 'PageDown':
        event.preventDefault();
        go(1, focusDay);
        return;
      case 'PageUp':
        event.preventDefault();
        go(-1, focusDay);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next < 1) {
      go(-1, 'last');
      return;
    }
    if (next > count) {
      go(1, 'first');
      return;
    }
    setFocusDay(next);
    gridRef.current?.querySelector<HTMLElement>(`[data-day="${next}"]`)?.focus();
  }

  const days = data?.days ?? [];
  const first = days[0];
  const leading = first ? first.weekday - 1 : 0;
  const trailing = (7 - ((leading + days.length) % 7)) % 7;
  const counts = new Map<DayStatus, number>();
  for (const d of days) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);

  return (
    <div className="month" data-testid="month-view" data-month={data?.month} aria-busy={loading || undefined}>
      <div className="month__bar">
        <Button onClick={() => go(-1)} aria-label="Mois précédent" data-testid="month-previous">
          <Icon name="chevronLeft" />
        </Button>
        <h2 className="month__title" aria-live="polite" data-testid="month-title">
          {formatMonth(month)}
        </h2>
        <Button onClick={() => go(1)} aria-label="Mois suivant" data-testid="month-next">
          <Icon name="chevronRight" />
        </Button>
        <label className="inline-select month__picker">
          <span className="visually-hidden">Aller au mois</span>
          {/* A list of months in French (the native month input showed « September 2025 »). */}
          <select value={month} onChange={(e) => onMonth(e.target.value)} data-testid="month-input">
            {Array.from({ length: 25 }, (_, i) => addMonths(month, i - 12)).map((m) => (
              <option key={m} value={m}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </label>
        {loading ? <span className="spinner spinner--dark" aria-hidden="true" /> : null}
        {data ? (
          <p className="month__served" data-testid="served-days">
            <strong>{formatCount(data.servedDays)}</strong> {data.servedDays >= 2 ? 'jours servis' : 'jour servi'} en {formatMonth(data.month)}
            <span className="muted"> · {serviceText(data.serviceWeekdays)}</span>
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div
        className="month__grid"
        role="grid"
        aria-label={`${data?.schoolName ?? ''} — ${formatMonth(month)}`}
        ref={gridRef}
        onKeyDown={onKeyDown}
        data-testid="month-grid"
      >
        <div role="row" className="month__row month__row--head">
          {WEEK.map((d) => (
            <span key={d} role="columnheader" className="month__weekday">
              {weekdayName(d)}
            </span>
          ))}
        </div>
        {chunk([...Array<null>(leading).fill(null), ...days, ...Array<null>(trailing).fill(null)], 7).map((week, w) => (
          <div role="row" className="month__row" key={w}>
            {week.map((day, i) =>
              day ? (
                <div
                  key={day.date}
                  role="gridcell"
                  tabIndex={Number(day.date.slice(8)) === focusDay ? 0 : -1}
                  className={`day day--${day.status}`}
                  data-day={Number(day.date.slice(8))}
                  data-date={day.date}
                  data-status={day.status}
                  data-testid="month-day"
                  onFocus={() => setFocusDay(Number(day.date.slice(8)))}
                  title={day.label}
                >
                  {/* Read as « lundi 1er septembre 2025 : Servi »; shown as « 1 » and « Servi ». */}
                  <span className="day__number" aria-hidden="true">{Number(day.date.slice(8))}</span>
                  <span className="visually-hidden">{`${weekdayName(day.weekday)} ${formatLongFrenchDate(day.date)}\u00a0: `}</span>
                  <span className={day.status === 'weekend' ? 'visually-hidden' : 'day__label'}>{day.label}</span>
                </div>
              ) : (
                <div key={`blank-${w}-${i}`} role="gridcell" className="day day--blank" aria-hidden="true" />
              ),
            )}
          </div>
        ))}
      </div>
      <ul className="legend" aria-label="Légende" data-testid="month-legend">
        {STATUS_ORDER.map((s) => (
          <li key={s} className="legend__item">
            <span className={`legend__swatch day--${s}`} aria-hidden="true" />
            {DAY_STATUS_LABELS[s]}
            {counts.get(s) ? <span className="muted"> ({counts.get(s)})</span> : null}
          </li>
        ))}
      </ul>
      <p className="muted small">← → ↑ ↓ pour parcourir les jours, Page↑ Page↓ pour changer de mois.</p>
    </div>
  );
}

/** « service tous les jours », « service le lun., mar., jeu., ven. ». */
function serviceText(days: readonly number[]): string {
  const text = formatWeekdays(days);
  return text === 'tous les jours' ? 'service tous les jours' : `service le ${text}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
