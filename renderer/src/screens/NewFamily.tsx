import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FAMILY_STATUS_LABELS, type FamilyInput } from '../../../shared/contract/families.js';
import { invoke } from '../api/client.js';
import { AddressFields, ChildFields, GuardianFields } from '../components/fieldsets.js';
import { Button, ErrorSummary, SelectField, submitOnEnter, TextAreaField, TextField } from '../components/form.js';
import {
  addressInput,
  childInput,
  emptyAddress,
  emptyChild,
  emptyGuardian,
  guardianInput,
  type AddressDraft,
  type ChildDraft,
  type GuardianDraft,
} from '../lib/drafts.js';
import { fieldErrors } from '../lib/issues.js';
import { useSchools } from '../lib/schools.js';
import { useMutation } from '../lib/useMutation.js';
import { invalidateSearch } from '../state/search.js';
import { toast } from '../state/toasts.js';

/** A file is created active or waiting for validation; radiation and archiving come from the lifecycle. */
const STATUS_OPTIONS = (['active', 'pending'] as const).map((value) => ({ value, label: FAMILY_STATUS_LABELS[value] }));

export function NewFamily() {
  const navigate = useNavigate();
  const schools = useSchools();
  const [familyName, setFamilyName] = useState('');
  const [status, setStatus] = useState<'active' | 'pending'>('active');
  const [address, setAddress] = useState<AddressDraft>(emptyAddress());
  const [notes, setNotes] = useState('');
  const [rl1, setRl1] = useState<GuardianDraft>(emptyGuardian(1));
  const [rl2, setRl2] = useState<GuardianDraft>(emptyGuardian(2));
  const [hasRl2, setHasRl2] = useState(false);
  const [payer, setPayer] = useState<1 | 2>(1);
  const [children, setChildren] = useState<ChildDraft[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const { busy, error, run } = useMutation(() => {
    const guardians = [guardianInput({ ...rl1, isPayer: payer === 1 })];
    if (hasRl2) guardians.push(guardianInput({ ...rl2, isPayer: payer === 2 }));
    const input: FamilyInput = {
      familyName,
      status,
      address: addressInput(address),
      notes: notes.trim() === '' ? null : notes,
      guardians,
      children: children.map((c) => childInput(c, true)),
    };
    return invoke('families.create', input);
  });
  const errors = fieldErrors(error);

  useEffect(() => {
    if (error) {
      summaryRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      summaryRef.current?.querySelector<HTMLElement>('[role=alert]')?.focus({ preventScroll: true });
    }
  }, [error]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const created = await run();
    if (created) {
      invalidateSearch();
      toast.success(`Dossier n°\u00a0${created.dossierNumber} créé.`);
      void navigate(`/familles/${created.id}`);
    }
  }

  /** The family name fills the empty names of the guardians and children below. */
  function fillNames() {
    const name = familyName.trim();
    if (!name) return;
    if (!rl1.lastName) setRl1({ ...rl1, lastName: name });
    if (hasRl2 && !rl2.lastName) setRl2({ ...rl2, lastName: name });
    setChildren(children.map((c) => (c.lastName ? c : { ...c, lastName: name })));
  }

  const payerError = errors['guardians.0.isPayer'] ?? errors['guardians.1.isPayer'];

  return (
    <div className="page page--form">
      <header className="page__header">
        <div>
          <h1>Nouvelle famille</h1>
          <p className="muted">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
        </div>
      </header>
      <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate data-testid="new-family-form">
        <div ref={summaryRef}>
          <ErrorSummary error={error} />
        </div>

        <fieldset className="panel form-section">
          <legend>Famille</legend>
          <div className="grid grid--2">
            <TextField
              label="Nom de famille"
              path="familyName"
              errors={errors}
              required
              value={familyName}
              onChange={setFamilyName}
              onBlur={fillNames}
            />
            <SelectField
              label="Statut"
              path="status"
              errors={errors}
              value={status}
              onChange={(v) => setStatus(v as 'active' | 'pending')}
              options={STATUS_OPTIONS}
            />
          </div>
          <AddressFields value={address} onChange={setAddress} errors={errors} prefix="address" />
          <TextAreaField label="Notes" path="notes" errors={errors} value={notes} onChange={setNotes} rows={2} />
        </fieldset>

        <fieldset className="panel form-section" data-testid="rl1">
          <legend>Responsable légal 1</legend>
          <GuardianFields value={rl1} onChange={setRl1} errors={errors} prefix="guardians.0" />
        </fieldset>

        <label className="check check--block check--section">
          <input
            type="checkbox"
            checked={hasRl2}
            onChange={(e) => {
              setHasRl2(e.target.checked);
              if (e.target.checked && !rl2.lastName && familyName.trim()) setRl2({ ...rl2, lastName: familyName.trim() });
              if (!e.target.checked && payer === 2) setPayer(1);
            }}
          />
          <span>Ajouter un second responsable</span>
        </label>

        {hasRl2 ? (
          <fieldset className="panel form-section" data-testid="rl2">
            <legend>Responsable légal 2</legend>
            <GuardianFields value={rl2} onChange={setRl2} errors={errors} prefix="guardians.1" />
          </fieldset>
        ) : null}

        <fieldset className={`panel form-section payer${payerError ? ' field--invalid' : ''}`}>
          <legend>Payeur</legend>
          <div className="radios">
            <label className="check">
              <input type="radio" name="payer" value="1" checked={payer === 1} onChange={() => setPayer(1)} />
              <span>Responsable 1</span>
            </label>
            <label className="check">
              <input
                type="radio"
                name="payer"
                value="2"
                checked={payer === 2}
                disabled={!hasRl2}
                onChange={() => setPayer(2)}
              />
              <span>Responsable 2</span>
            </label>
          </div>
          {payerError ? <p className="field__error">{payerError}</p> : null}
        </fieldset>

        <fieldset className="panel form-section">
          <legend>Enfants</legend>
          {children.length === 0 ? <p className="muted">Aucun enfant pour l’instant.</p> : null}
          {children.map((c, index) => (
            <div key={c.key} className="child-block" data-testid="child-block">
              <div className="child-block__header">
                <h3>Enfant {index + 1}</h3>
                <Button
                  variant="ghost"
                  className="text-danger"
                  onClick={() => setChildren(children.filter((x) => x.key !== c.key))}
                  aria-label={`Retirer l’enfant ${index + 1}`}
                >
                  Retirer
                </Button>
              </div>
              <ChildFields
                value={c}
                onChange={(next) => setChildren(children.map((x) => (x.key === c.key ? next : x)))}
                errors={errors}
                prefix={`children.${index}`}
                schools={schools}
                withRhythm
              />
            </div>
          ))}
          <Button onClick={() => setChildren([...children, emptyChild(familyName.trim())])}>Ajouter un enfant</Button>
        </fieldset>

        <div className="form-actions">
          <Button onClick={() => void navigate('/familles')} disabled={busy}>
            Annuler
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Créer le dossier
          </Button>
        </div>
      </form>
    </div>
  );
}
