import { type School } from '../../../shared/contract/schools.js';
import { DIET_LABELS, type DietNeed } from '../../../shared/contract/families.js';
import { type AddressDraft, type ChildDraft, type GuardianDraft, emptyAddress } from '../lib/drafts.js';
import type { FieldErrors } from '../lib/issues.js';
import { schoolOptions } from '../lib/schools.js';
import { SelectField, TextField, WeekdayChecks } from './form.js';
import { DateField } from './DateField.js';

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

const DIET_OPTIONS = (Object.keys(DIET_LABELS) as DietNeed[]).map((value) => ({ value, label: DIET_LABELS[value] }));

export function AddressFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: AddressDraft;
  onChange(value: AddressDraft): void;
  errors: FieldErrors;
  /** Path of the address object (`address`, `guardians.0.address`). */
  prefix: string;
}) {
  const set = (patch: Partial<AddressDraft>) => onChange({ ...value, ...patch });
  return (
    <div className="grid grid--address">
      <TextField
        className="span-2"
        label="Adresse"
        path={join(prefix, 'line1')}
        errors={errors}
        required
        value={value.line1}
        onChange={(line1) => set({ line1 })}
        placeholder="12 rue de la Roquette"
        autoComplete="address-line1"
      />
      <TextField
        className="span-2"
        label="Complément d’adresse"
        path={join(prefix, 'line2')}
        errors={errors}
        value={value.line2}
        onChange={(line2) => set({ line2 })}
        placeholder="Bâtiment, escalier, étage…"
        autoComplete="address-line2"
      />
      <TextField
        label="Code postal"
        path={join(prefix, 'postalCode')}
        errors={errors}
        required
        value={value.postalCode}
        onChange={(postalCode) => set({ postalCode })}
        inputMode="numeric"
        maxLength={5}
        autoComplete="postal-code"
      />
      <TextField
        label="Ville"
        path={join(prefix, 'city')}
        errors={errors}
        required
        value={value.city}
        onChange={(city) => set({ city })}
        autoComplete="address-level2"
      />
    </div>
  );
}

export function GuardianFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: GuardianDraft;
  onChange(value: GuardianDraft): void;
  errors: FieldErrors;
  /** Path of the guardian object (`guardians.0`), or '' inside the guardian dialog. */
  prefix: string;
}) {
  const set = (patch: Partial<GuardianDraft>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="grid grid--2">
        <TextField
          label="Nom"
          path={join(prefix, 'lastName')}
          errors={errors}
          required
          value={value.lastName}
          onChange={(lastName) => set({ lastName })}
        />
        <TextField
          label="Prénom"
          path={join(prefix, 'firstName')}
          errors={errors}
          required
          value={value.firstName}
          onChange={(firstName) => set({ firstName })}
        />
        <TextField
          className="span-2"
          label="E-mail"
          type="email"
          path={join(prefix, 'email')}
          errors={errors}
          value={value.email}
          onChange={(email) => set({ email })}
          placeholder="prenom.nom@exemple.fr"
        />
      </div>
      <div className="grid grid--3">
        <TextField
          label="Téléphone portable"
          type="tel"
          path={join(prefix, 'phoneMobile')}
          errors={errors}
          value={value.phoneMobile}
          onChange={(phoneMobile) => set({ phoneMobile })}
          placeholder="06 12 34 56 78"
        />
        <TextField
          label="Téléphone fixe"
          type="tel"
          path={join(prefix, 'phoneHome')}
          errors={errors}
          value={value.phoneHome}
          onChange={(phoneHome) => set({ phoneHome })}
        />
        <TextField
          label="Téléphone professionnel"
          type="tel"
          path={join(prefix, 'phoneWork')}
          errors={errors}
          value={value.phoneWork}
          onChange={(phoneWork) => set({ phoneWork })}
        />
      </div>
      <label className="check check--block">
        <input
          type="checkbox"
          checked={value.ownAddress}
          onChange={(e) =>
            set({ ownAddress: e.target.checked, address: e.target.checked ? value.address : emptyAddress() })
          }
        />
        <span>Adresse différente de celle de la famille</span>
      </label>
      {value.ownAddress ? (
        <AddressFields
          value={value.address}
          onChange={(address) => set({ address })}
          errors={errors}
          prefix={join(prefix, 'address')}
        />
      ) : null}
    </>
  );
}

export function ChildFields({
  value,
  onChange,
  errors,
  prefix,
  schools,
  withRhythm,
}: {
  value: ChildDraft;
  onChange(value: ChildDraft): void;
  errors: FieldErrors;
  prefix: string;
  schools: readonly School[];
  withRhythm: boolean;
}) {
  const set = (patch: Partial<ChildDraft>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="grid grid--3">
        <TextField
          label="Prénom"
          path={join(prefix, 'firstName')}
          errors={errors}
          required
          value={value.firstName}
          onChange={(firstName) => set({ firstName })}
        />
        <TextField
          label="Nom"
          path={join(prefix, 'lastName')}
          errors={errors}
          required
          value={value.lastName}
          onChange={(lastName) => set({ lastName })}
        />
        <DateField
          label="Né(e) le"
          path={join(prefix, 'birthDate')}
          errors={errors}
          required
          value={value.birthDate}
          onChange={(birthDate) => set({ birthDate })}
        />
        <SelectField
          className="span-2"
          label="École"
          path={join(prefix, 'schoolId')}
          errors={errors}
          value={value.schoolId}
          onChange={(schoolId) => set({ schoolId })}
          options={schoolOptions(schools, value.schoolId)}
        />
        <TextField
          label="Classe"
          path={join(prefix, 'className')}
          errors={errors}
          value={value.className}
          onChange={(className) => set({ className })}
          placeholder="CP, CE1, MS…"
          maxLength={20}
        />
        <DateField
          label="Inscrit(e) à partir du"
          path={join(prefix, 'enrolledFrom')}
          errors={errors}
          required
          value={value.enrolledFrom}
          onChange={(enrolledFrom) => set({ enrolledFrom })}
        />
        <DateField
          label="Jusqu’au (facultatif)"
          path={join(prefix, 'enrolledTo')}
          errors={errors}
          value={value.enrolledTo}
          onChange={(enrolledTo) => set({ enrolledTo })}
        />
        <SelectField
          label="Régime"
          path={join(prefix, 'dietNeed')}
          errors={errors}
          value={value.dietNeed}
          onChange={(dietNeed) => set({ dietNeed: dietNeed as DietNeed })}
          options={DIET_OPTIONS}
        />
      </div>
      {withRhythm ? (
        <WeekdayChecks
          legend="Jours de cantine"
          path={join(prefix, 'weekdays')}
          errors={errors}
          value={value.weekdays}
          onChange={(weekdays) => set({ weekdays })}
        />
      ) : null}
    </>
  );
}
