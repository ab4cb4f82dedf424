import { useEffect } from 'react';
import { create } from 'zustand';
import type { SchoolYear } from '../../../../shared/contract/calendar.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { deskToday } from '../../lib/today.js';

/**
 * The school years (calendar.years), shared by Facturation, Tarifs and Calendrier: the year
 * chosen on one screen stays chosen on the others.
 */
interface YearsState {
  years: SchoolYear[];
  loaded: boolean;
  error: string | null;
  selectedId: string | null;
  load(): Promise<void>;
  select(id: string): void;
}

/** The year that contains today, else the latest one that started, else the first. */
function defaultYear(years: readonly SchoolYear[]): string | null {
  const today = deskToday();
  const sorted = [...years].sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  const current = sorted.find((y) => y.firstDay <= today && today <= y.lastDay);
  if (current) return current.id;
  const started = sorted.filter((y) => y.firstDay <= today);
  return (started[started.length - 1] ?? sorted[0])?.id ?? null;
}

let sequence = 0;

const useYears = create<YearsState>((set, get) => ({
  years: [],
  loaded: false,
  error: null,
  selectedId: null,
  async load() {
    const mine = ++sequence;
    try {
      const years = [...(await invoke('calendar.years', {}))].sort((a, b) => a.firstDay.localeCompare(b.firstDay));
      if (mine !== sequence) return;
      const selected = get().selectedId;
      set({
        years,
        loaded: true,
        error: null,
        selectedId: selected && years.some((y) => y.id === selected) ? selected : defaultYear(years),
      });
    } catch (error) {
      if (mine !== sequence) return;
      set({ loaded: true, error: errorMessage(error) });
    }
  },
  select(id) {
    set({ selectedId: id });
  },
}));

/** Loads the years on arrival; returns them with the chosen one. */
export function useSchoolYears() {
  const years = useYears((s) => s.years);
  const loaded = useYears((s) => s.loaded);
  const error = useYears((s) => s.error);
  const selectedId = useYears((s) => s.selectedId);
  useEffect(() => {
    void useYears.getState().load();
  }, []);
  const selected = years.find((y) => y.id === selectedId) ?? null;
  return { years, loaded, error, selected, select: useYears.getState().select, reload: useYears.getState().load };
}

export function YearSelect({
  years,
  value,
  onChange,
  testId = 'year-select',
}: {
  years: readonly SchoolYear[];
  value: string | null;
  onChange(id: string): void;
  testId?: string;
}) {
  return (
    <label className="inline-select">
      <span>Année scolaire</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId} disabled={years.length === 0}>
        {years.length === 0 ? <option value="">Aucune</option> : null}
        {years.map((y) => (
          <option key={y.id} value={y.id}>
            {y.label}
          </option>
        ))}
      </select>
    </label>
  );
}
