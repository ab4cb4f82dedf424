import { useState } from 'react';
import type { Child, Family, Guardian } from '../../../../shared/contract/families.js';
import { formatFrenchDate, formatTimestamp } from '../../../../shared/domain/dates.js';
import { formatWeekdays, normaliseWeekdays } from '../../../../shared/domain/weekdays.js';
import { invoke } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { FormDialog } from '../../components/Dialog.js';
import { AddressFields, ChildFields, GuardianFields } from '../../components/fieldsets.js';
import { TextAreaField, TextField, WeekdayChecks } from '../../components/form.js';
import {
  addressDraft,
  addressInput,
  childDraft,
  childInput,
  emptyChild,
  emptyGuardian,
  guardianDraft,
  guardianInput,
  type ChildDraft,
  type GuardianDraft,
} from '../../lib/drafts.js';
import { fieldErrors } from '../../lib/issues.js';
import { useSchools } from '../../lib/schools.js';
import { personLabel, upper } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';
import { DateField } from '../../components/DateField.js';
import { deskToday } from '../../lib/today.js';

interface DialogProps {
  onClose(): void;
  /** Called after a successful save (the page reloads the family). */
  onSaved(): void;
}

export function EditFamilyDialog({ family, onClose, onSaved }: DialogProps & { family: Family }) {
  const [familyName, setFamilyName] = useState(family.familyName);
  const [address, setAddress] = useState(addressDraft(family.address));
  const [notes, setNotes] = useState(family.notes ?? '');
  const { busy, error, run } = useMutation(() =>
    invoke('families.update', {
      id: family.id,
      familyName,
      address: addressInput(address),
      notes: notes.trim() === '' ? null : notes,
    }),
  );
  const errors = fieldErrors(error);

  async function submit() {
    if (await run()) {
      toast.success('Dossier enregistré.');
      onSaved();
    }
  }

  return (
    <FormDialog
      title={`Modifier le dossier n°\u00a0${family.dossierNumber}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Enregistrer"
      wide
      testId="edit-family-dialog"
    >
      <TextField label="Nom de famille" path="familyName" errors={errors} required value={familyName} onChange={setFamilyName} />
      <AddressFields value={address} onChange={setAddress} errors={errors} prefix="address" />
      <TextAreaField label="Notes" path="notes" errors={errors} value={notes} onChange={setNotes} />
    </FormDialog>
  );
}

export function GuardianDialog({
  family,
  guardian,
  rank,
  onClose,
  onSaved,
}: DialogProps & { family: Family; guardian: Guardian | null; rank: 1 | 2 }) {
  const [draft, setDraft] = useState<GuardianDraft>(() =>
    guardian ? guardianDraft(guardian) : { ...emptyGuardian(rank, family.familyName), isPayer: false },
  );
  const { busy, error, run } = useMutation(() =>
    invoke('guardians.save', { familyId: family.id, guardian: guardianInput(draft) }),
  );
  const errors = fieldErrors(error, 'guardian');

  async function submit() {
    if (await run()) {
      toast.success(guardian ? 'Responsable enregistré.' : 'Responsable ajouté.');
      onSaved();
    }
  }

  const title = guardian
    ? `Modifier le responsable ${rank} — ${personLabel(guardian.firstName, guardian.lastName)}`
    : `Ajouter le responsable ${rank}`;

  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel={guardian ? 'Enregistrer' : 'Ajouter'}
      errorPrefix="guardian"
      wide
      testId="guardian-dialog"
    >
      <GuardianFields value={draft} onChange={setDraft} errors={errors} prefix="" />
      <label className="check check--block">
        <input
          type="checkbox"
          checked={draft.isPayer}
          onChange={(e) => setDraft({ ...draft, isPayer: e.target.checked })}
          disabled={guardian?.isPayer === true}
        />
        <span>Payeur (reçoit et règle les factures)</span>
      </label>
      {errors['isPayer'] ? <p className="field__error">{errors['isPayer']}</p> : null}
    </FormDialog>
  );
}

export function ChildDialog({ family, child, onClose, onSaved }: DialogProps & { family: Family; child: Child | null }) {
  const schools = useSchools();
  const [draft, setDraft] = useState<ChildDraft>(() => (child ? childDraft(child) : emptyChild(family.familyName)));
  const { busy, error, run } = useMutation(() =>
    invoke('children.save', { familyId: family.id, child: childInput(draft, child === null) }),
  );
  const errors = fieldErrors(error, 'child');

  async function submit() {
    if (await run()) {
      toast.success(child ? 'Enfant enregistré.' : 'Enfant ajouté.');
      onSaved();
    }
  }

  return (
    <FormDialog
      title={child ? `Modifier ${personLabel(child.firstName, child.lastName)}` : 'Ajouter un enfant'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel={child ? 'Enregistrer' : 'Ajouter l’enfant'}
      errorPrefix="child"
      wide
      testId="child-dialog"
    >
      <ChildFields
        value={draft}
        onChange={setDraft}
        errors={errors}
        prefix=""
        schools={schools}
        withRhythm={child === null}
      />
      {child ? (
        <p className="muted small">
          Le rythme de cantine se change avec «&nbsp;Changer le rythme&nbsp;», qui garde l’historique.
        </p>
      ) : null}
    </FormDialog>
  );
}

export function RhythmDialog({ child, onClose, onSaved }: DialogProps & { child: Child }) {
  const [weekdays, setWeekdays] = useState<number[]>(
    child.weekdays.length > 0 ? normaliseWeekdays(child.weekdays) : [1, 2, 3, 4, 5],
  );
  const [effectiveFrom, setEffectiveFrom] = useState(deskToday());
  const [overrideReason, setOverrideReason] = useState('');
  const { busy, error, run } = useMutation(() =>
    invoke('children.setRhythm', { childId: child.id, weekdays, effectiveFrom, overrideReason: overrideReason.trim() || null }),
  );
  const errors = fieldErrors(error);

  async function submit() {
    if (await run()) {
      toast.success('Rythme enregistré.');
      onSaved();
    }
  }

  return (
    <FormDialog
      title={`Changer le rythme — ${personLabel(child.firstName, child.lastName)}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Enregistrer le rythme"
      testId="rhythm-dialog"
    >
      <p className="muted">
        Rythme actuel&nbsp;: <strong>{child.weekdays.length ? formatWeekdays(child.weekdays) : 'aucun'}</strong>
      </p>
      <WeekdayChecks
        legend="Jours de cantine"
        path="weekdays"
        errors={errors}
        value={weekdays}
        onChange={setWeekdays}
      />
      <DateField
        label="À partir du"
        path="effectiveFrom"
        errors={errors}
        required
        value={effectiveFrom}
        onChange={setEffectiveFrom}
      />
      {/* A date inside a period already billed is refused unless the agent says why (audited). */}
      {errors.effectiveFrom || overrideReason ? (
        <TextAreaField
          label="Motif (date dans une période déjà facturée)"
          path="overrideReason"
          errors={errors}
          value={overrideReason}
          onChange={setOverrideReason}
        />
      ) : null}
      <RhythmHistory child={child} compact />
    </FormDialog>
  );
}

/** The rhythms of a child, newest first, with the one in force today marked. */
export function RhythmHistory({ child, compact }: { child: Child; compact?: boolean }) {
  const today = deskToday();
  const entries = [...child.rhythmHistory].sort(
    (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.createdAt.localeCompare(a.createdAt),
  );
  const inForce = entries.find((e) => e.effectiveFrom <= today);
  if (entries.length === 0) {
    return <p className="muted small">Aucun rythme enregistré.</p>;
  }
  return (
    <div className={compact ? 'rhythm-history rhythm-history--compact' : 'rhythm-history'}>
      {compact ? <h3 className="rhythm-history__title">Historique des rythmes</h3> : null}
      <ol className="timeline" data-testid="rhythm-history" data-child-id={child.id}>
        {entries.map((entry) => {
          const future = entry.effectiveFrom > today;
          return (
            <li key={entry.id} className={`timeline__item${entry === inForce ? ' timeline__item--current' : ''}`}>
              <span className="timeline__main">
                À partir du {formatFrenchDate(entry.effectiveFrom)}&nbsp;: <strong>{formatWeekdays(entry.weekdays)}</strong>
                {entry === inForce ? <span className="tag tag--ok">en vigueur</span> : null}
                {future ? <span className="tag tag--info">à venir</span> : null}
              </span>
              <span className="timeline__meta">
                saisi par {entry.createdBy} le {formatTimestamp(entry.createdAt)}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function QfDialog({ family, onClose, onSaved }: DialogProps & { family: Family }) {
  const [value, setValue] = useState('');
  const [proofReceivedOn, setProofReceivedOn] = useState(deskToday());
  const { busy, error, run, setError } = useMutation(() =>
    invoke('qf.record', {
      familyId: family.id,
      value: parseQf(value) as number,
      proofReceivedOn,
    }),
  );
  const errors = fieldErrors(error);

  async function submit() {
    const parsed = parseQf(value);
    if (value.trim() !== '' && parsed === undefined) {
      setError(
        new ApiError({
          code: 'VALIDATION',
          message: 'Quotient familial\u00a0: un nombre entier d’euros est attendu (ex. 1250).',
          field: 'value',
          issues: [{ field: 'value', message: 'Quotient familial\u00a0: un nombre entier d’euros est attendu (ex. 1250).' }],
        }),
      );
      return;
    }
    const result = await run();
    if (result) {
      toast.success(
        `QF enregistré\u00a0: tranche ${result.tranche}, appliquée à partir du ${formatFrenchDate(result.validFrom)}.`,
      );
      onSaved();
    }
  }

  return (
    <FormDialog
      title={`Enregistrer un quotient familial — ${upper(family.familyName)}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Enregistrer le QF"
      testId="qf-dialog"
    >
      <div className="grid grid--2">
        <TextField
          label="Quotient familial (€)"
          path="value"
          errors={errors}
          required
          value={value}
          onChange={setValue}
          inputMode="numeric"
          placeholder="ex. 1250"
        />
        <DateField
          label="Justificatif reçu le"
          path="proofReceivedOn"
          errors={errors}
          required
          value={proofReceivedOn}
          onChange={setProofReceivedOn}
        />
      </div>
      <p className="muted small">
        La tranche est calculée d’après la grille en vigueur. Une tranche plus basse n’est jamais rétroactive&nbsp;:
        elle s’applique à partir de la période de facturation suivant la réception du justificatif.
      </p>
    </FormDialog>
  );
}

export function RemoveGuardianDialog({
  family,
  guardian,
  onClose,
  onSaved,
}: DialogProps & { family: Family; guardian: Guardian }) {
  const { busy, error, run } = useMutation(() =>
    invoke('guardians.remove', { familyId: family.id, guardianId: guardian.id }),
  );
  async function submit() {
    if (await run()) {
      toast.success('Responsable retiré du dossier.');
      onSaved();
    }
  }
  return (
    <FormDialog
      title="Retirer un responsable"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Retirer"
      submitVariant="danger"
      testId="remove-guardian-dialog"
    >
      <p>
        Retirer <strong>{personLabel(guardian.firstName, guardian.lastName)}</strong> (responsable {guardian.rank}) du
        dossier n°&nbsp;{family.dossierNumber}&nbsp;? L’historique du dossier en gardera la trace.
      </p>
    </FormDialog>
  );
}

/** « 1 250 », « 1250 € », « 1250,00 » → 1250; undefined when empty or not a number. */
function parseQf(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (cleaned === '' || !/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned));
}
