import { useMemo, useState } from 'react';
import { type ClosureKind, type Holiday, type SchoolYear, CLOSURE_KIND_LABELS } from '../../../../shared/contract/calendar.js';
import type { School } from '../../../../shared/contract/schools.js';
import { foldText } from '../../../../shared/domain/search.js';
import { invoke } from '../../api/client.js';
import { FormDialog } from '../../components/Dialog.js';
import { SelectField, TextField } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { plural } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';
import { DateField } from '../../components/DateField.js';
import { deskToday } from '../../lib/today.js';

export function YearDialog({ year, onClose, onSaved }: { year: SchoolYear | null; onClose(): void; onSaved(id: string): void }) {
  const nextStart = Number(deskToday().slice(0, 4));
  const [label, setLabel] = useState(year?.label ?? `${nextStart}-${nextStart + 1}`);
  const [firstDay, setFirstDay] = useState(year?.firstDay ?? '');
  const [lastDay, setLastDay] = useState(year?.lastDay ?? '');
  const { busy, error, run } = useMutation(() =>
    invoke('calendar.saveYear', year ? { id: year.id, label, firstDay, lastDay } : { label, firstDay, lastDay }),
  );
  const errors = fieldErrors(error);
  async function submit() {
    const result = await run();
    if (result) {
      toast.success(`Année scolaire ${label.trim()} enregistrée.`);
      onSaved(result.id);
    }
  }
  return (
    <FormDialog
      title={year ? `Modifier l’année ${year.label}` : 'Nouvelle année scolaire'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Enregistrer"
      testId="year-dialog"
    >
      <div className="grid grid--2">
        <TextField className="span-2" label="Année scolaire" path="label" errors={errors} required value={label} onChange={setLabel} placeholder="2026-2027" maxLength={9} />
        <DateField label="Jour de la rentrée" path="firstDay" errors={errors} required value={firstDay} onChange={setFirstDay} />
        <DateField label="Dernier jour de classe" path="lastDay" errors={errors} required value={lastDay} onChange={setLastDay} />
      </div>
    </FormDialog>
  );
}

export function HolidayDialog({
  year,
  holiday,
  onClose,
  onSaved,
}: {
  year: SchoolYear;
  holiday: Holiday | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [label, setLabel] = useState(holiday?.label ?? '');
  const [from, setFrom] = useState(holiday?.from ?? '');
  const [to, setTo] = useState(holiday?.to ?? '');
  const { busy, error, run } = useMutation(() =>
    invoke('calendar.saveHoliday', { ...(holiday ? { id: holiday.id } : {}), schoolYearId: year.id, label, from, to }),
  );
  const errors = fieldErrors(error);
  async function submit() {
    if (await run()) {
      toast.success(`«\u00a0${label.trim()}\u00a0» enregistrées.`);
      onSaved();
    }
  }
  return (
    <FormDialog
      title={holiday ? `Modifier «\u00a0${holiday.label}\u00a0»` : `Ajouter des vacances — ${year.label}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Enregistrer"
      testId="holiday-dialog"
    >
      <div className="grid grid--2">
        <TextField className="span-2" label="Libellé" path="label" errors={errors} required value={label} onChange={setLabel} placeholder="Vacances d’hiver" maxLength={80} />
        <DateField label="Premier jour sans classe" path="from" errors={errors} required value={from} onChange={setFrom} />
        <DateField label="Dernier jour sans classe" path="to" errors={errors} required value={to} onChange={setTo} />
      </div>
    </FormDialog>
  );
}

const KIND_OPTIONS = (Object.keys(CLOSURE_KIND_LABELS) as ClosureKind[]).map((value) => ({ value, label: CLOSURE_KIND_LABELS[value] }));

export function ClosureDialog({
  schools,
  initialSchoolId,
  onClose,
  onSaved,
}: {
  schools: readonly School[];
  initialSchoolId: string | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<ClosureKind>('strike');
  const [label, setLabel] = useState('');
  const [chosen, setChosen] = useState<string[]>(initialSchoolId ? [initialSchoolId] : []);
  const [filter, setFilter] = useState('');
  const { busy, error, run } = useMutation(() => invoke('calendar.addClosure', { schoolIds: chosen, date, kind, label }));
  const errors = fieldErrors(error);
  const shown = useMemo(() => {
    const q = foldText(filter.trim());
    return q ? schools.filter((s) => foldText(s.name).includes(q) || foldText(s.code).includes(q)) : schools;
  }, [schools, filter]);

  async function submit() {
    const result = await run();
    if (result) {
      toast.success(`Fermeture enregistrée pour ${plural(result.ids.length, 'école', 'écoles')}.`);
      onSaved();
    }
  }

  return (
    <FormDialog
      title="Ajouter une fermeture"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Ajouter"
      wide
      testId="closure-dialog"
    >
      <div className="grid grid--3">
        <DateField label="Date" path="date" errors={errors} required value={date} onChange={setDate} />
        <SelectField label="Type" path="kind" errors={errors} value={kind} onChange={(v) => setKind(v as ClosureKind)} options={KIND_OPTIONS} />
        <TextField label="Précision (facultatif)" path="label" errors={errors} value={label} onChange={setLabel} placeholder="Classe de découverte…" maxLength={120} />
      </div>
      <fieldset className={`school-checks${errors['schoolIds'] ? ' field--invalid' : ''}`} data-field="schoolIds">
        <legend>
          Écoles concernées <span className="muted">({chosen.length})</span>
        </legend>
        <p className="school-checks__chosen" data-testid="closure-chosen-schools">
          {chosen.length === 0
            ? 'Aucune école cochée.'
            : chosen
                .map((id) => schools.find((s) => s.id === id)?.name ?? id)
                .slice(0, 3)
                .join(', ') + (chosen.length > 3 ? ` et ${plural(chosen.length - 3, 'autre', 'autres')}` : '')}
        </p>
        <input
          type="search"
          placeholder="Filtrer les écoles"
          aria-label="Filtrer les écoles"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.stopPropagation();
            }
          }}
        />
        <div className="school-checks__list">
          {shown.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(s.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((id) => id !== s.id)))}
              />
              <span>{s.name}</span>
            </label>
          ))}
        </div>
        {errors['schoolIds'] ? <p className="field__error">{errors['schoolIds']}</p> : null}
      </fieldset>
      <p className="muted small">Les repas de ce jour ne sont pas facturés&nbsp;; s’ils l’ont déjà été, ils sont crédités sur la facture suivante.</p>
    </FormDialog>
  );
}
