import { useState } from 'react';
import { formatWeekdays } from '../../../../shared/domain/weekdays.js';
import { withFullStop } from '../../../../shared/domain/french.js';
import { invoke } from '../../api/client.js';
import { Button, ErrorSummary, submitOnEnter, WeekdayChecks } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { useCan } from '../../state/session.js';

/** The weekdays a school's catering runs (most run every school day; some not on Wednesday). */
export function ServiceDaysPanel({ schoolId, schoolName, month }: { schoolId: string; schoolName: string; month: string }) {
  // calendar.month carries the school's service weekdays (there is no other reader). They are the
  // school's, not the month's: read them once with the month shown on opening, so that moving
  // through the calendar does not reload them over unsaved changes. The panel is keyed by school.
  const [openingMonth] = useState(month);
  const loaded = useOperation('calendar.month', { schoolId, month: openingMonth }, { enabled: schoolId !== '' });
  const error = loaded.error?.message ?? null;
  const [savedNow, setSavedNow] = useState<number[] | null>(null);
  const [edited, setEdited] = useState<number[] | null>(null);
  const saved = savedNow ?? loaded.data?.serviceWeekdays ?? null;
  const days = edited ?? saved ?? [];
  const canSave = useCan('calendar.setServiceWeekdays');
  const save = useMutation(() => invoke('calendar.setServiceWeekdays', { schoolId, weekdays: days }));
  const errors = fieldErrors(save.error);

  async function submit() {
    if (await save.run()) {
      toast.success(withFullStop(`${schoolName}\u00a0: jours de service enregistrés, ${formatWeekdays(days)}`));
      setSavedNow(days);
    }
  }

  const dirty = saved !== null && saved.join(',') !== days.join(',');

  return (
    <div className="calendar-panel panel" data-testid="service-days-panel">
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {!canSave ? (
        <p data-testid="service-days-read">
          Jours où la cantine fonctionne ({schoolName})&nbsp;: {saved ? formatWeekdays(saved) : '…'}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!save.busy) void submit();
          }}
          onKeyDown={submitOnEnter}
          noValidate
        >
          <ErrorSummary error={save.error} />
          <WeekdayChecks legend={`Jours où la cantine fonctionne (${schoolName})`} path="weekdays" errors={errors} value={days} onChange={setEdited} />
          <p className="muted small">
            Un enfant n’est facturé que les jours de service de son école, même si son rythme en compte d’autres.
          </p>
          <div className="form-actions form-actions--left">
            <Button type="submit" variant="primary" busy={save.busy} disabled={!dirty} data-testid="save-service-days">
              Enregistrer
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
