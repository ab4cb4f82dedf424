import { REQUEST_TYPE_LABELS, requestType, type RequestType } from '../../../../shared/contract/requests.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Family, FamilyRow } from '../../../../shared/contract/families.js';
import type { OpInput } from '../../../../shared/contract/operations.js';
import { parisToday } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { Field } from '../../components/fields.js';
import {
  Button,
  ErrorSummary,
  SelectField,
  TextAreaField,
  TextField,
  WeekdayChecks,
  focusField,
} from '../../components/form.js';
import { fileToBase64 } from '../../lib/files.js';
import { fieldErrors } from '../../lib/issues.js';
import { useMutation } from '../../lib/useMutation.js';
import { personLabel, upper } from '../../lib/text.js';
import { toast } from '../../state/toasts.js';
import { FamilyPicker } from '../payments/FamilyPicker.js';
import { CERTIFICATE_ACCEPT, certificateProblem } from './certificate.js';
import { refreshRequestsWaiting } from './waiting.js';
import { DateField } from '../../components/DateField.js';
import { FileChooser } from '../../components/FileChooser.js';

interface PickedFamily {
  id: string;
  dossierNumber: number;
  familyName: string;
  children: { id: string; label: string; weekdays: number[] }[];
}

function picked(family: Family): PickedFamily {
  return {
    id: family.id,
    dossierNumber: family.dossierNumber,
    familyName: family.familyName,
    children: family.children.map((c) => ({ id: c.id, label: personLabel(c.firstName, c.lastName), weekdays: c.weekdays })),
  };
}

/** Nouvelle demande: a request received at the counter, by mail or by e-mail. */
export function NewRequest() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const familyParam = params.get('famille');
  const [family, setFamily] = useState<PickedFamily | null>(null);
  const [familyError, setFamilyError] = useState<string | null>(null);
  const [type, setType] = useState<RequestType>('refund');
  const [childId, setChildId] = useState('');
  const [receivedOn, setReceivedOn] = useState(parisToday());
  // refund
  const [absenceFrom, setAbsenceFrom] = useState('');
  const [absenceTo, setAbsenceTo] = useState('');
  const [reasonKind, setReasonKind] = useState<'maladie' | 'autre'>('maladie');
  const [reasonText, setReasonText] = useState('');
  const [certificateOriginal, setCertificateOriginal] = useState(false);
  const [certificateNoErasures, setCertificateNoErasures] = useState(false);
  const [schoolHeadVisa, setSchoolHeadVisa] = useState(false);
  const [schoolHeadVisaOn, setSchoolHeadVisaOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // rhythm
  const [weekdays, setWeekdays] = useState<number[]>([]);
  // radiation
  const [movingDate, setMovingDate] = useState('');
  const [newAddress, setNewAddress] = useState('');
  // correction / contact
  const [concerns, setConcerns] = useState('');
  const [text, setText] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!familyParam) return;
    let live = true;
    invoke('families.get', { id: familyParam })
      .then((f) => {
        if (live) setFamily(picked(f));
      })
      .catch((e: unknown) => {
        if (live) setFamilyError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [familyParam]);

  async function pickFamily(row: FamilyRow) {
    setFamilyError(null);
    setChildId('');
    try {
      setFamily(picked(await invoke('families.get', { id: row.id })));
    } catch (e) {
      setFamilyError(errorMessage(e));
    }
  }

  // A rhythm change starts from the child's rhythm in force, as the family page's dialog does.
  const currentWeekdays = family?.children.find((c) => c.id === childId)?.weekdays.join(',') ?? '';
  useEffect(() => {
    if (currentWeekdays) setWeekdays(currentWeekdays.split(',').map(Number));
  }, [currentWeekdays]);

  // A single child is chosen for the agent when the family is picked; « Toute la famille » stays
  // chosen once the agent picks it (a radiation of the whole family).
  const onlyChild = family?.children.length === 1 ? (family.children[0]?.id ?? '') : '';
  useEffect(() => {
    if (onlyChild) setChildId(onlyChild);
  }, [onlyChild]);

  /** The request as the contract types it: the chosen type with its own details. */
  function newRequest(familyId: string, certificate: { fileName: string; base64: string } | null): OpInput<'requests.create'> {
    const common = { familyId, childId: childId || null, receivedOn };
    switch (type) {
      case 'refund':
        return {
          ...common,
          type,
          details: {
            absenceFrom,
            absenceTo,
            reason: reasonKind === 'maladie' ? 'maladie' : reasonText,
            certificateOriginal,
            certificateNoErasures,
            schoolHeadVisa,
            schoolHeadVisaOn: schoolHeadVisa && schoolHeadVisaOn ? schoolHeadVisaOn : null,
          },
          certificate,
        };
      case 'rhythm':
        return { ...common, type, details: { weekdays } };
      case 'radiation':
        return { ...common, type, details: { movingDate, newAddress } };
      case 'correction':
        return { ...common, type, details: { concerns, text } };
      case 'contact':
        return { ...common, type, details: { text } };
    }
  }

  // A refund and its certificate are saved together: if the certificate is refused, nothing is.
  const save = useMutation(async () => {
    if (!family) throw new Error('no family');
    const certificate = type === 'refund' && file ? { fileName: file.name, base64: await fileToBase64(file) } : null;
    return invoke('requests.create', newRequest(family.id, certificate));
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!family) {
      setFamilyError('Choisissez d’abord la famille.');
      return;
    }
    if (fileError) return;
    const created = await save.run();
    if (created) {
      toast.success(`Demande enregistrée\u00a0: ${REQUEST_TYPE_LABELS[type].toLocaleLowerCase('fr-FR')}.`);
      refreshRequestsWaiting();
      void navigate(`/demandes/${created.id}`);
    }
  }

  useEffect(() => {
    if (!save.error || !formRef.current) return;
    const first = Object.keys(fieldErrors(save.error))[0];
    if (first) focusField(formRef.current, first);
  }, [save.error]);

  const errors = fieldErrors(save.error);
  const childRequired = type === 'refund' || type === 'rhythm';

  return (
    <div className="page">
      <Link to="/demandes" className="back-link">
        ← Retour aux demandes
      </Link>
      <header className="page__header">
        <h1>Nouvelle demande</h1>
      </header>
      <form ref={formRef} className="panel request-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="new-request-form">
        <ErrorSummary error={save.error} />

        <h2 className="panel__label">Famille</h2>
        {family ? (
          <div className="request-form__family" data-testid="request-family">
            <strong>
              Dossier n°&nbsp;{family.dossierNumber} — {upper(family.familyName)}
            </strong>
            <Button variant="ghost" onClick={() => setFamily(null)} data-testid="request-change-family">
              Changer de famille
            </Button>
          </div>
        ) : (
          <FamilyPicker onPick={(row) => void pickFamily(row)} autoFocus />
        )}
        {familyError || errors.familyId ? (
          <p className="field__error" role="alert">
            {familyError ?? errors.familyId}
          </p>
        ) : null}

        <div className="grid grid--3">
          <Field label="Type de demande" path="type" errors={errors} required>
            {(props) => (
              <select {...props} value={type} onChange={(e) => setType(e.target.value as RequestType)} data-testid="request-type">
                {requestType.options.map((t) => (
                  <option key={t} value={t}>
                    {REQUEST_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Enfant concerné" path="childId" errors={errors} required={childRequired}>
            {(props) => (
              <select {...props} value={childId} onChange={(e) => setChildId(e.target.value)} disabled={!family} data-testid="request-child">
                <option value="">{childRequired ? '— choisir —' : 'Toute la famille'}</option>
                {(family?.children ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateField label="Reçue le" path="receivedOn" errors={errors} required value={receivedOn} onChange={setReceivedOn} />
        </div>

        {type === 'refund' ? (
          <fieldset className="request-form__section" data-testid="refund-fields">
            <legend>Remboursement pour maladie</legend>
            <div className="grid grid--3">
              <DateField label="Premier jour d’absence" path="details.absenceFrom" errors={errors} required value={absenceFrom} onChange={setAbsenceFrom} />
              <DateField label="Dernier jour d’absence" path="details.absenceTo" errors={errors} required value={absenceTo} onChange={setAbsenceTo} />
              <SelectField
                label="Motif"
                path="details.reason"
                errors={reasonKind === 'maladie' ? errors : undefined}
                value={reasonKind}
                onChange={(v) => setReasonKind(v === 'autre' ? 'autre' : 'maladie')}
                options={[
                  { value: 'maladie', label: 'maladie' },
                  { value: 'autre', label: 'autre motif' },
                ]}
              />
              {reasonKind === 'autre' ? (
                <TextField label="Motif précis" path="details.reason" errors={errors} required value={reasonText} onChange={setReasonText} maxLength={200} />
              ) : null}
            </div>
            <p className="muted small">À cocher par l’agent qui a vu le certificat papier&nbsp;:</p>
            <label className="check check--block">
              <input type="checkbox" checked={certificateOriginal} onChange={(e) => setCertificateOriginal(e.target.checked)} data-field="details.certificateOriginal" data-testid="request-certificate-original" />
              <span>Certificat médical original</span>
            </label>
            <label className="check check--block">
              <input type="checkbox" checked={certificateNoErasures} onChange={(e) => setCertificateNoErasures(e.target.checked)} data-field="details.certificateNoErasures" data-testid="request-certificate-no-erasures" />
              <span>Sans rature ni surcharge</span>
            </label>
            <label className="check check--block">
              <input type="checkbox" checked={schoolHeadVisa} onChange={(e) => setSchoolHeadVisa(e.target.checked)} data-field="details.schoolHeadVisa" data-testid="request-school-head-visa" />
              <span>Visa du directeur de l’école</span>
            </label>
            {schoolHeadVisa ? (
              <div className="grid grid--3">
                <DateField label="Date du visa" path="details.schoolHeadVisaOn" errors={errors} value={schoolHeadVisaOn} onChange={setSchoolHeadVisaOn} />
              </div>
            ) : null}
            <Field label="Certificat scanné (PDF, JPEG ou PNG, 10 Mo au plus)" path="certificate.base64" errors={errors} error={fileError}>
              {({ id, ...control }) => (
                <label className="file-pick" htmlFor={id}>
                  <FileChooser
                    id={id}
                    control={control}
                    fileName={file?.name ?? null}
                    accept={CERTIFICATE_ACCEPT}
                    testId="request-certificate-file"
                    onFile={(chosen) => {
                      const f = chosen ?? null;
                      setFile(f);
                      setFileError(f ? certificateProblem(f) : null);
                    }}
                  />
                </label>
              )}
            </Field>
          </fieldset>
        ) : null}

        {type === 'rhythm' ? (
          <fieldset className="request-form__section" data-testid="rhythm-fields">
            <legend>Nouveau rythme demandé</legend>
            <WeekdayChecks legend="Jours de cantine" path="details.weekdays" errors={errors} value={weekdays} onChange={setWeekdays} />
          </fieldset>
        ) : null}

        {type === 'radiation' ? (
          <fieldset className="request-form__section" data-testid="radiation-fields">
            <legend>Radiation</legend>
            <div className="grid grid--3">
              <DateField label="Date du déménagement" path="details.movingDate" errors={errors} required value={movingDate} onChange={setMovingDate} />
            </div>
            <TextAreaField label="Nouvelle adresse" path="details.newAddress" errors={errors} required value={newAddress} onChange={setNewAddress} rows={2} />
          </fieldset>
        ) : null}

        {type === 'correction' ? (
          <fieldset className="request-form__section" data-testid="correction-fields">
            <legend>Correction du dossier</legend>
            <TextField label="Ce qu’elle concerne" path="details.concerns" errors={errors} required value={concerns} onChange={setConcerns} maxLength={200} placeholder="adresse, responsable, enfant…" />
            <TextAreaField label="Texte de la demande" path="details.text" errors={errors} required value={text} onChange={setText} rows={4} />
          </fieldset>
        ) : null}

        {type === 'contact' ? (
          <fieldset className="request-form__section" data-testid="contact-fields">
            <legend>Message</legend>
            <TextAreaField label="Texte du message" path="details.text" errors={errors} required value={text} onChange={setText} rows={4} />
          </fieldset>
        ) : null}

        <footer className="request-form__footer">
          <Link to="/demandes" className="btn btn--secondary">
            Annuler
          </Link>
          <Button type="submit" variant="primary" busy={save.busy} data-testid="request-submit">
            Enregistrer la demande
          </Button>
        </footer>
      </form>
    </div>
  );
}
