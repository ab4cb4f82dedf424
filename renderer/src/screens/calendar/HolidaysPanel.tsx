import { useRef, useState } from 'react';
import type { Holiday, SchoolYear } from '../../../../shared/contract/calendar.js';
import type { OpOutput } from '../../../../shared/contract/operations.js';
import { publicHolidaysBetween } from '../../../../shared/domain/calendar.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { MutationDialog } from '../../components/ActionDialog.js';
import { Button } from '../../components/form.js';
import { Icon } from '../../components/Icon.js';
import { plural } from '../../lib/text.js';
import { toast } from '../../state/toasts.js';
import { HolidayDialog, YearDialog } from './dialogs.js';
import { YearSelect } from './years.js';
import { useCan } from '../../state/session.js';

type ImportResult = OpOutput<'calendar.importIcs'>;

/** School years and their holidays: by hand, from the ministry's .ics file, or the one shipped. */
export function HolidaysPanel({
  years,
  selected,
  onSelect,
  onChanged,
}: {
  years: readonly SchoolYear[];
  selected: SchoolYear | null;
  onSelect(id: string): void;
  onChanged(): Promise<void>;
}) {
  const [dialog, setDialog] = useState<
    { kind: 'year'; year: SchoolYear | null } | { kind: 'holiday'; holiday: Holiday | null } | { kind: 'remove'; holiday: Holiday } | null
  >(null);
  // Each button asks for the operation it calls (the facturation role keeps the calendar).
  const canSaveYear = useCan('calendar.saveYear');
  const canImportIcs = useCan('calendar.importIcs');
  const canSeed = useCan('calendar.seedDefault');
  const canSaveHoliday = useCan('calendar.saveHoliday');
  const canRemoveHoliday = useCan('calendar.removeHoliday');
  const [importing, setImporting] = useState(false);
  const [seeding, setSeeding] = useState(false);
  const [report, setReport] = useState<ImportResult | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  async function importFile(file: File | undefined) {
    if (!file) return;
    setImporting(true);
    setReport(null);
    try {
      const content = await file.text();
      const result = await invoke('calendar.importIcs', { content });
      setReport(result);
      await onChanged();
      const created = result.years.filter((y) => y.created).length;
      toast.success(
        `Calendrier importé\u00a0: ${plural(result.years.length, 'année scolaire', 'années scolaires')}` +
          (created ? ` (dont ${created} ${created >= 2 ? 'nouvelles' : 'nouvelle'})` : '') +
          '.',
      );
      const last = result.years[result.years.length - 1];
      if (last) onSelect(last.id);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setImporting(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  async function seed() {
    setSeeding(true);
    try {
      const r = await invoke('calendar.seedDefault', {});
      await onChanged();
      toast.success(
        r.schoolYears + r.holidays + r.periods + r.tariffs === 0
          ? `Le calendrier ${r.label} était déjà chargé.`
          : `Calendrier ${r.label} chargé\u00a0: ${plural(r.holidays, 'période de vacances', 'périodes de vacances')}, ${plural(r.periods, 'période de facturation', 'périodes de facturation')}, ${plural(r.tariffs, 'grille tarifaire', 'grilles tarifaires')}.`,
      );
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSeeding(false);
    }
  }

  const holidays = [...(selected?.holidays ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  const publicDays = selected ? publicHolidaysBetween(selected.firstDay, selected.lastDay) : [];

  return (
    <div className="calendar-panel" data-testid="holidays-panel">
      <div className="toolbar toolbar--spread">
        <div className="toolbar__group">
          <YearSelect years={years} value={selected?.id ?? null} onChange={onSelect} testId="calendar-year" />
          {selected ? (
            <span className="muted">
              du {formatFrenchDate(selected.firstDay)} au {formatFrenchDate(selected.lastDay)}
            </span>
          ) : null}
          {selected && canSaveYear ? (
            <Button variant="ghost" onClick={() => setDialog({ kind: 'year', year: selected })}>
              Modifier
            </Button>
          ) : null}
        </div>
        <div className="toolbar__group">
          {canSaveYear ? (
            <Button onClick={() => setDialog({ kind: 'year', year: null })} data-testid="add-year">
              <Icon name="plus" />
              Nouvelle année
            </Button>
          ) : null}
          {canImportIcs ? (
            <label className={`btn btn--secondary${importing ? ' btn--busy' : ''}`} data-testid="import-ics-label">
              {importing ? <span className="spinner" aria-hidden="true" /> : <Icon name="upload" />}
              Importer un fichier .ics
              <input
                ref={fileRef}
                type="file"
                accept=".ics,text/calendar"
                className="visually-hidden"
                disabled={importing}
                onChange={(e) => void importFile(e.target.files?.[0])}
                data-testid="import-ics"
                aria-label="Fichier .ics du calendrier scolaire (ministère de l’Éducation nationale)"
              />
            </label>
          ) : null}
          {canSeed ? (
            <Button variant={years.length === 0 ? 'primary' : 'secondary'} onClick={() => void seed()} busy={seeding} data-testid="seed-calendar">
              Charger le calendrier fourni de l’année en cours
            </Button>
          ) : null}
        </div>
      </div>

      {report ? (
        <div className="alert alert--success" role="status" data-testid="ics-report">
          <p className="strong">Fichier importé.</p>
          <ul className="plain-list">
            {report.years.map((y) => (
              <li key={y.id}>
                {y.label} ({formatFrenchDate(y.firstDay)} – {formatFrenchDate(y.lastDay)})&nbsp;: {plural(y.holidays, 'période de vacances', 'périodes de vacances')}
                {y.created ? ' — nouvelle année' : ''}
              </li>
            ))}
          </ul>
          {report.warnings.length > 0 ? (
            <ul className="plain-list text-warn">
              {report.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {years.length === 0 ? (
        <div className="panel empty-panel" data-testid="no-years">
          <p>
            {canImportIcs || canSeed
              ? 'Aucune année scolaire. Importez le fichier .ics publié par le ministère (zone C), ou chargez le calendrier de l’année en cours fourni avec Guichet.'
              : 'Aucune année scolaire n’est enregistrée.'}
          </p>
        </div>
      ) : null}

      {selected ? (
        <div className="calendar-columns">
          <section aria-labelledby="holidays-title">
            <div className="section__header">
              <h2 id="holidays-title">Vacances scolaires (zone C)</h2>
              {canSaveHoliday ? (
                <Button onClick={() => setDialog({ kind: 'holiday', holiday: null })} data-testid="add-holiday">
                  <Icon name="plus" />
                  Ajouter
                </Button>
              ) : null}
            </div>
            {holidays.length === 0 ? (
              <p className="muted panel">Aucune période de vacances.</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="holidays-table">
                  <thead>
                    <tr>
                      <th scope="col">Vacances</th>
                      <th scope="col">Du</th>
                      <th scope="col">Au</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {holidays.map((h) => (
                      <tr key={h.id} data-testid="holiday-row">
                        <td className="strong">{h.label}</td>
                        <td className="nowrap">{formatFrenchDate(h.from)}</td>
                        <td className="nowrap">{formatFrenchDate(h.to)}</td>
                        <td className="row-actions">
                          {canSaveHoliday ? (
                            <Button variant="ghost" onClick={() => setDialog({ kind: 'holiday', holiday: h })} aria-label={`Modifier ${h.label}`}>
                              Modifier
                            </Button>
                          ) : null}
                          {canRemoveHoliday ? (
                            <Button variant="ghost" className="text-danger" onClick={() => setDialog({ kind: 'remove', holiday: h })} aria-label={`Supprimer ${h.label}`} data-testid="remove-holiday">
                              Supprimer
                            </Button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="public-title">
            <div className="section__header">
              <h2 id="public-title">Jours fériés</h2>
              <span className="muted small">calculés, sans saisie</span>
            </div>
            <ul className="panel plain-list public-days">
              {publicDays.map((p) => (
                <li key={p.date}>
                  <span className="num">{formatFrenchDate(p.date)}</span> {p.name}
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}

      {dialog?.kind === 'year' ? (
        <YearDialog
          year={dialog.year}
          onClose={() => setDialog(null)}
          onSaved={(id) => {
            setDialog(null);
            void onChanged().then(() => onSelect(id));
          }}
        />
      ) : null}
      {dialog?.kind === 'holiday' && selected ? (
        <HolidayDialog
          year={selected}
          holiday={dialog.holiday}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void onChanged();
          }}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveHolidayDialog
          holiday={dialog.holiday}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            void onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function RemoveHolidayDialog({ holiday, onClose, onDone }: { holiday: Holiday; onClose(): void; onDone(): void }) {
  return (
    <MutationDialog
      title="Supprimer des vacances"
      onClose={onClose}
      action={() => invoke('calendar.removeHoliday', { id: holiday.id })}
      success={() => `«\u00a0${holiday.label}\u00a0» supprimées.`}
      onDone={onDone}
      submitLabel="Supprimer"
      submitVariant="danger"
      testId="remove-holiday-dialog"
    >
      <p>
        Supprimer «&nbsp;{holiday.label}&nbsp;» (du {formatFrenchDate(holiday.from)} au {formatFrenchDate(holiday.to)})&nbsp;? Ces jours
        redeviendront des jours de classe pour les prochaines facturations.
      </p>
    </MutationDialog>
  );
}
