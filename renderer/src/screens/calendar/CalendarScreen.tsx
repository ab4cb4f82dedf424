import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { tabPanelProps, Tabs } from '../../components/Tabs.js';
import { useSchools } from '../../lib/schools.js';
import { ClosuresPanel } from './ClosuresPanel.js';
import { HolidaysPanel } from './HolidaysPanel.js';
import { MonthView } from './MonthView.js';
import { ServiceDaysPanel } from './ServiceDaysPanel.js';
import { useSchoolYears } from './years.js';
import { deskToday } from '../../lib/today.js';

type View = 'mois' | 'vacances' | 'fermetures' | 'service';
const VIEWS: readonly { id: View; label: string; testId: string }[] = [
  { id: 'mois', label: 'Vue du mois', testId: 'calendar-tab-month' },
  { id: 'vacances', label: 'Années et vacances', testId: 'calendar-tab-holidays' },
  { id: 'fermetures', label: 'Fermetures', testId: 'calendar-tab-closures' },
  { id: 'service', label: 'Jours de service', testId: 'calendar-tab-service' },
];

/** The school and month chosen stay chosen for the session. */
let lastSchoolId = '';
let lastMonth = '';

/** Calendrier: school years, holidays, closures, service days, and the month of a school. */
export function CalendarScreen() {
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.some((v) => v.id === params.get('vue')) ? params.get('vue') : 'mois') as View;
  const schools = useSchools();
  const { years, loaded, selected, select, reload } = useSchoolYears();
  const [schoolId, setSchoolId] = useState(lastSchoolId);
  const [month, setMonth] = useState(lastMonth || defaultMonth());

  useEffect(() => {
    if (!schoolId && schools[0]) setSchoolId(schools[0].id);
  }, [schools, schoolId]);
  useEffect(() => {
    lastSchoolId = schoolId;
    lastMonth = month;
  }, [schoolId, month]);

  // Out of every school year today (a year not prepared yet, the demo data): show the chosen
  // year's first month rather than an empty one.
  const [monthSettled, setMonthSettled] = useState(lastMonth !== '');
  useEffect(() => {
    if (monthSettled || !loaded) return;
    setMonthSettled(true);
    const today = deskToday();
    const inYear = years.some((y) => y.firstDay <= today && today <= y.lastDay);
    if (!inYear && selected) setMonth(selected.firstDay.slice(0, 7));
  }, [monthSettled, loaded, years, selected]);

  // No school year yet: the holidays view is where to start.
  useEffect(() => {
    if (loaded && years.length === 0 && !params.get('vue')) setParams({ vue: 'vacances' }, { replace: true });
  }, [loaded, years.length, params, setParams]);

  const school = schools.find((s) => s.id === schoolId);
  const needsSchool = view !== 'vacances';

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Calendrier</h1>
          <p className="muted">Les jours servis de chaque école&nbsp;: année scolaire, vacances de la zone C, jours fériés, fermetures.</p>
        </div>
        {needsSchool ? (
          <div className="page__actions">
            <label className="inline-select">
              <span>École</span>
              <select value={schoolId} onChange={(e) => setSchoolId(e.target.value)} data-testid="calendar-school">
                {schools.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ) : null}
      </header>

      <Tabs
        label="Parties du calendrier"
        idPrefix="calendar-tabs"
        items={VIEWS}
        value={view}
        onChange={(v) => setParams({ vue: v }, { replace: true })}
      />
      <div {...tabPanelProps('calendar-tabs', view)} className="tab-panel">
        {view === 'mois' && schoolId ? <MonthView schoolId={schoolId} month={month} onMonth={setMonth} /> : null}
        {view === 'vacances' ? (
          <HolidaysPanel years={years} selected={selected} onSelect={select} onChanged={reload} />
        ) : null}
        {view === 'fermetures' ? <ClosuresPanel schools={schools} schoolId={schoolId} /> : null}
        {view === 'service' && school ? <ServiceDaysPanel key={school.id} schoolId={school.id} schoolName={school.name} month={month} /> : null}
      </div>
    </div>
  );
}

function defaultMonth(): string {
  return deskToday().slice(0, 7);
}
