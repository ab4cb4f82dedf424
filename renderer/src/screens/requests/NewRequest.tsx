import { deskRequestType, type DeskRequestType, PER_CHILD_REQUEST_TYPES, REQUEST_TYPE_LABELS, type SimilarRequest } from '../../../../shared/contract/requests.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Family, FamilyRow } from '../../../../shared/contract/families.js';
import type { OpInput } from '../../../../shared/contract/operations.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';
import { invoke } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/errors.js';
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
import { CertificateField } from './CertificateField.js';
import { refreshRequestsWaiting } from './waiting.js';
import { DateField } from '../../components/DateField.js';
import { deskToday } from '../../lib/today.js';

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

/** The service refused the request as repeating another one (`requests.create`, field `confirmDuplicate`). */
const isDuplicate = (error: unknown): boolean => error instanceof ApiError && error.code === 'CONFLICT' && error.field === 'confirmDuplicate';

/** Nouvelle demande: a request received at the counter, by mail or by e-mail. */
export function NewRequest() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const familyParam = params.get('famille');
  const [family, setFamily] = useState<PickedFamily | null>(null);
  const [familyError, setFamilyError] = useState<string | null>(null);
  const [type, setType] = useState<DeskRequestType>('refund');
  const [childId, setChildId] = useState('');
  const [receivedOn, setReceivedOn] = useState(deskToday());
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
  const [newLine1, setNewLine1] = useState('');
  const [newLine2, setNewLine2] = useState('');
  const [newPostalCode, setNewPostalCode] = useState('');
  const [newCity, setNewCity] = useState('');
  const [newCountry, setNewCountry] = useState('');
  // a similar request the service found: shown with a link to it and « Enregistrer quand même »
  const [similar, setSimilar] = useState<SimilarRequest | null>(null);
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
  function newRequest(familyId: string, certificate: { fileName: string; base64: string } | null, confirmDuplicate = false): OpInput<'requests.create'> {
    const common = { familyId, childId: childId || null, receivedOn, confirmDuplicate };
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
        return {
          ...common,
          type,
          details: { movingDate, newAddress: { line1: newLine1, line2: newLine2, postalCode: newPostalCode, city: newCity, country: newCountry } },
          certificate,
        };
      case 'correction':
        return { ...common, type, details: { concerns, text } };
      case 'contact':
        return { ...common, type, details: { text } };
    }
  }

  // A refund or a radiation and its certificate are saved together: if the certificate is refused, nothing is.
  // A request that repeats one already received is refused by the service; the form then names
  // the other (requests.similar) and the agent opens it or saves this one all the same.
  const save = useMutation(async (confirmDuplicate: boolean) => {
    if (!family) throw new Error('no family');
    const certificate = (type === 'refund' || type === 'radiation') && file ? { fileName: file.name, base64: await fileToBase64(file) } : null;
    try {
      return await invoke('requests.create', newRequest(family.id, certificate, confirmDuplicate));
    } catch (error) {
      if (isDuplicate(error)) setSimilar(await invoke('requests.similar', newRequest(family.id, null)));
      throw error;
    }
  });

  // What the agent saw as similar no longer holds once the request changes.
  const clearSaveError = save.setError;
  useEffect(() => {
    setSimilar(null);
    clearSaveError((e: unknown) => (isDuplicate(e) ? null : e));
  }, [family?.id, type, childId, absenceFrom, absenceTo, clearSaveError]);

  async function submit(confirmDuplicate: boolean) {
    if (!family) {
      setFamilyError('Choisissez d’abord la famille.');
      return;
    }
    if (fileError) return;
    const created = await save.run(confirmDuplicate);
    if (created) {
      toast.success(`Demande enregistrée\u00a0: ${REQUEST_TYPE_LABELS[type].toLocaleLowerCase('fr-FR')}.`);
      refreshRequestsWaiting();
      void navigate(`/demandes/${created.id}`);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(false);
  }

  function chooseType(next: DeskRequestType) {
    setType(next);
    // A certificate chosen for one kind of request is not another kind's piece.
    setFile(null);
    setFileError(null);
  }

  useEffect(() => {
    if (!save.error || isDuplicate(save.error) || !formRef.current) return;
    const first = Object.keys(fieldErrors(save.error))[0];
    if (first) focusField(formRef.current, first);
  }, [save.error]);

  // The refusal of a duplicate is shown as the similar request, with its link and « Enregistrer quand même ».
  const duplicate = isDuplicate(save.error) && similar !== null;
  const errors = fieldErrors(duplicate ? null : save.error);
  const childRequired = PER_CHILD_REQUEST_TYPES.has(type);

  /** The scanned certificate sent with the request (medical for a refund, de radiation for a radiation). */
  const certificateField = (label: string, testId: string) => (
    <CertificateField
      label={label}
      path="certificate.base64"
      errors={errors}
      file={file}
      problem={fileError}
      testId={testId}
      onChange={(chosen, problem) => {
        setFile(chosen);
        setFileError(problem);
      }}
    />
  );

  return (
    <div className="page">
      <Link to="/demandes" className="back-link">
        ← Retour aux demandes
      </Link>
      <header className="page__header">
        <h1>Nouvelle demande</h1>
      </header>
      <form ref={formRef} className="panel request-form" onSubmit={onSubmit} noValidate data-testid="new-request-form">
        <ErrorSummary error={duplicate ? null : save.error} />

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
              <select {...props} value={type} onChange={(e) => chooseType(e.target.value as DeskRequestType)} data-testid="request-type">
                {deskRequestType.options.map((t) => (
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
            {certificateField('Certificat scanné (PDF, JPEG ou PNG, 10 Mo au plus)', 'request-certificate-file')}
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
            <fieldset className="request-form__address" data-testid="radiation-new-address">
              <legend>Nouvelle adresse de la famille</legend>
              {errors['details.newAddress'] ? (
                <p className="field__error" role="alert">
                  {errors['details.newAddress']}
                </p>
              ) : null}
              <div className="grid grid--2">
                <TextField label="Numéro et voie" path="details.newAddress.line1" errors={errors} required value={newLine1} onChange={setNewLine1} maxLength={120} autoComplete="off" />
                <TextField label="Complément d’adresse" path="details.newAddress.line2" errors={errors} value={newLine2} onChange={setNewLine2} maxLength={120} autoComplete="off" />
              </div>
              <div className="grid grid--3">
                <TextField label="Code postal" path="details.newAddress.postalCode" errors={errors} value={newPostalCode} onChange={setNewPostalCode} maxLength={12} autoComplete="off" />
                <TextField label="Ville" path="details.newAddress.city" errors={errors} required value={newCity} onChange={setNewCity} maxLength={80} autoComplete="off" />
                <TextField label="Pays (à l’étranger seulement)" path="details.newAddress.country" errors={errors} value={newCountry} onChange={setNewCountry} maxLength={60} placeholder="France" autoComplete="off" />
              </div>
            </fieldset>
            {certificateField('Certificat de radiation (PDF, JPEG ou PNG, 10 Mo au plus)', 'request-radiation-certificate-file')}
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

        {duplicate && similar ? (
          <div className="alert alert--warn request-form__similar" role="alert" data-testid="request-similar">
            <p>
              Une demande semblable existe déjà (n°&nbsp;{similar.number})&nbsp;:{' '}
              <Link to={`/demandes/${similar.id}`} data-testid="request-similar-link">
                l’ouvrir
              </Link>
              <span className="muted small">
                {' '}
                — {similar.typeLabel} du {formatFrenchDate(similar.receivedOn)}, statut «&nbsp;{similar.statusLabel}&nbsp;».
              </span>
            </p>
            <Button variant="secondary" busy={save.busy} onClick={() => void submit(true)} data-testid="request-save-anyway">
              Enregistrer quand même
            </Button>
          </div>
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
