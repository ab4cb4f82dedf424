import { useState } from 'react';
import { SCHOOL_KIND_LABELS, type School, type SchoolKind } from '../../../../shared/contract/schools.js';
import { invoke } from '../../api/client.js';
import { MutationDialog } from '../../components/ActionDialog.js';
import { FormDialog } from '../../components/Dialog.js';
import { SelectField, TextField, WeekdayChecks } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { plural } from '../../lib/text.js';
import { useMutation } from '../../lib/useMutation.js';
import { toast } from '../../state/toasts.js';
import { DateField } from '../../components/DateField.js';
import { deskToday } from '../../lib/today.js';

const KIND_OPTIONS = (Object.keys(SCHOOL_KIND_LABELS) as SchoolKind[]).map((value) => ({
  value,
  label: value === 'polyvalente' ? 'Polyvalente (maternelle et élémentaire)' : SCHOOL_KIND_LABELS[value],
}));

const q = (value: string) => `«\u00a0${value}\u00a0»`;

/** Creates a school, or edits one (its code included: the directory finds it again by code). */
export function SchoolDialog({ school, onClose, onSaved }: { school: School | null; onClose(): void; onSaved(): void }) {
  const [code, setCode] = useState(school?.code ?? '');
  const [name, setName] = useState(school?.name ?? '');
  const [kind, setKind] = useState<SchoolKind>(school?.kind ?? 'maternelle');
  const [address, setAddress] = useState(school?.address ?? '');
  const [headName, setHeadName] = useState(school?.headName ?? '');
  const [serviceWeekdays, setServiceWeekdays] = useState<number[]>(school?.serviceWeekdays ?? [1, 2, 3, 4, 5]);
  const fields = { code, name, kind, address, headName, serviceWeekdays };
  const { busy, error, run } = useMutation(
    async (): Promise<{ ok: true }> =>
      school ? invoke('schools.update', { id: school.id, ...fields }) : invoke('schools.create', fields).then(() => ({ ok: true })),
  );
  const errors = fieldErrors(error);

  async function submit() {
    if (await run()) {
      toast.success(`${school ? 'Établissement enregistré' : 'Établissement créé'}\u00a0: ${q(name.trim())}.`);
      onSaved();
    }
  }

  return (
    <FormDialog
      title={school ? `Modifier ${q(school.name)}` : 'Nouvel établissement'}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel={school ? 'Enregistrer' : 'Créer l’établissement'}
      wide
      testId="school-dialog"
    >
      <div className="grid grid--2">
        <TextField
          label="Code"
          path="code"
          errors={errors}
          required
          value={code}
          onChange={setCode}
          maxLength={20}
          placeholder="0751234A"
          hint="L’UAI de l’annuaire de l’éducation, ou un code propre à la Caisse."
        />
        <SelectField label="Type" path="kind" errors={errors} required value={kind} onChange={(v) => setKind(v as SchoolKind)} options={KIND_OPTIONS} />
        <TextField className="span-2" label="Nom" path="name" errors={errors} required value={name} onChange={setName} maxLength={120} placeholder="École maternelle Keller" />
        <TextField
          className="span-2"
          label="Adresse"
          path="address"
          errors={errors}
          required
          value={address}
          onChange={setAddress}
          maxLength={200}
          placeholder="15 rue Keller, 75011 Paris"
        />
        <TextField
          className="span-2"
          label="Directeur ou directrice"
          path="headName"
          errors={errors}
          value={headName}
          onChange={setHeadName}
          maxLength={80}
          placeholder="Mme Girard"
          hint="Signe le visa des demandes de remboursement."
        />
      </div>
      <WeekdayChecks legend="Jours de service de la cantine" path="serviceWeekdays" errors={errors} value={serviceWeekdays} onChange={setServiceWeekdays} />
    </FormDialog>
  );
}

/** Closes a school from a day on, after saying what becomes of the children still there. */
export function CloseSchoolDialog({ school, onClose, onDone }: { school: School; onClose(): void; onDone(): void }) {
  const [closedOn, setClosedOn] = useState(deskToday());
  const { busy, error, run } = useMutation(() => invoke('schools.close', { id: school.id, closedOn }));
  const errors = fieldErrors(error);
  const children = school.enrolledChildren;

  async function submit() {
    if (await run()) {
      toast.success(`${q(school.name)} est fermée.`);
      onDone();
    }
  }

  return (
    <FormDialog
      title={`Fermer ${q(school.name)}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel="Fermer l’établissement"
      submitVariant="danger"
      testId="close-school-dialog"
    >
      <p>
        Un établissement fermé reste dans le registre (l’historique et les factures y renvoient), mais aucun nouvel enfant ne
        peut plus y être inscrit.
      </p>
      <DateField label="Date de fermeture" path="closedOn" errors={errors} required value={closedOn} onChange={setClosedOn} />
      {children > 0 ? (
        <p className="alert alert--warn" data-testid="close-school-children">
          {children === 1
            ? '1\u00a0enfant y est encore inscrit. Il reste rattaché à cette école, et facturé selon son calendrier, tant que vous ne le changez pas d’école dans son dossier.'
            : `${plural(children, 'enfant', 'enfants')} y sont encore inscrits. Ils restent rattachés à cette école, et facturés selon son calendrier, tant que vous ne les changez pas d’école dans leur dossier.`}
        </p>
      ) : null}
    </FormDialog>
  );
}

export function ReopenSchoolDialog({ school, onClose, onDone }: { school: School; onClose(): void; onDone(): void }) {
  return (
    <MutationDialog
      title={`Rouvrir ${q(school.name)}`}
      action={() => invoke('schools.reopen', { id: school.id })}
      success={() => `${q(school.name)} est rouverte.`}
      onClose={onClose}
      onDone={onDone}
      submitLabel="Rouvrir"
      testId="reopen-school-dialog"
    >
      <p>L’établissement pourra de nouveau accueillir de nouveaux enfants.</p>
    </MutationDialog>
  );
}
