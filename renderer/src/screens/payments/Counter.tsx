import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AccountInvoice } from '../../../../shared/contract/billing.js';
import { type FamilyAccount, type PaymentMethod, PAYMENT_METHOD_LABELS } from '../../../../shared/contract/payments.js';
import type { OpInput } from '../../../../shared/contract/operations.js';
import { formatFrenchDate, parisToday } from '../../../../shared/domain/dates.js';
import { inSentence } from '../../../../shared/domain/french.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { AmountField } from '../../components/fields.js';
import { Button, ErrorSummary, submitOnEnter, TextField } from '../../components/form.js';
import { PdfButton } from '../../components/PdfButton.js';
import { fieldErrors } from '../../lib/issues.js';
import { plural, upper } from '../../lib/text.js';
import { refreshStatus } from '../../state/status.js';
import { toast } from '../../state/toasts.js';
import { centsToInput, newIdempotencyKey, parseEuros } from '../billing/format.js';
import { CancelPaymentDialog } from './CancelPaymentDialog.js';
import { FamilyPicker } from './FamilyPicker.js';
import { useCounterSession, type SessionPayment } from './session.js';

type CounterMethod = Exclude<PaymentMethod, 'payfip'>;

/** The counter's methods, with the key that picks each one in the group (and 1–5). */
export const COUNTER_METHODS: readonly { value: CounterMethod; key: string }[] = [
  { value: 'cheque', key: 'C' },
  { value: 'cash', key: 'E' },
  { value: 'transfer', key: 'V' },
  { value: 'sepa', key: 'P' },
  { value: 'card', key: 'B' },
];

interface Picked {
  familyId: string;
  dossierNumber: number;
  familyName: string;
}

interface FormState {
  method: CounterMethod;
  amount: string;
  amountTouched: boolean;
  receivedOn: string;
  bank: string;
  chequeNumber: string;
  reference: string;
  allocation: 'oldest' | 'chosen';
  chosen: string[];
}

const emptyForm = (): FormState => ({
  method: 'cheque',
  amount: '',
  amountTouched: false,
  receivedOn: parisToday(),
  bank: '',
  chequeNumber: '',
  reference: '',
  allocation: 'oldest',
  chosen: [],
});

interface Confirmation {
  text: string;
  payment: SessionPayment;
  dueAfterCents: number | null;
}

/** What still has to be paid, oldest first (the order of the « les plus anciennes d’abord » rule). */
function unpaidOf(account: FamilyAccount | null): AccountInvoice[] {
  if (!account) return [];
  return account.invoices
    .filter((i) => i.status === 'issued' && i.kind === 'invoice' && i.remainingCents > 0)
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

/** Encaissements: the counter. Family → its unpaid invoices → method, amount → recorded once. */
export function Counter() {
  const [params, setParams] = useSearchParams();
  const searchRef = useRef<HTMLInputElement>(null);
  const methodRef = useRef<HTMLFieldSetElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [account, setAccount] = useState<FamilyAccount | null>(null);
  const [accountError, setAccountError] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(emptyForm);
  /** One key per payment form: a double click or a retry of the same form never records twice. */
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [cancelling, setCancelling] = useState<SessionPayment | null>(null);
  const inFlight = useRef(false);
  const accountSequence = useRef(0);
  const payments = useCounterSession((s) => s.payments);

  const unpaid = useMemo(() => unpaidOf(account), [account]);
  const dueCents = unpaid.reduce((n, i) => n + i.remainingCents, 0);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const loadAccount = useCallback(async (familyId: string, focusMethod: boolean) => {
    const mine = ++accountSequence.current;
    setAccount(null);
    setAccountError(null);
    try {
      const value = await invoke('account.get', { familyId });
      if (mine !== accountSequence.current) return null;
      setAccount(value);
      setPicked({ familyId, dossierNumber: value.dossierNumber, familyName: value.familyName });
      const due = unpaidOf(value).reduce((n, i) => n + i.remainingCents, 0);
      setForm((f) => (f.amountTouched ? f : { ...f, amount: due > 0 ? centsToInput(due) : '' }));
      if (focusMethod) {
        window.requestAnimationFrame(() =>
          methodRef.current?.querySelector<HTMLInputElement>('input[type=radio]:checked')?.focus(),
        );
      }
      return value;
    } catch (e) {
      if (mine === accountSequence.current) setAccountError(errorMessage(e));
      return null;
    }
  }, []);

  // « Encaisser » from a family's account: /encaissements?famille=<id>.
  const preselected = params.get('famille');
  useEffect(() => {
    if (!preselected) return;
    startFor({ familyId: preselected, dossierNumber: 0, familyName: '' });
    setParams({}, { replace: true });
  }, [preselected]);

  function startFor(p: Picked) {
    setPicked(p.familyName ? p : null);
    setForm(emptyForm());
    setIdempotencyKey(newIdempotencyKey());
    setError(null);
    setAmountError(null);
    void loadAccount(p.familyId, true);
  }

  function resetForNext() {
    ++accountSequence.current;
    setPicked(null);
    setAccount(null);
    setAccountError(null);
    setForm(emptyForm());
    setIdempotencyKey(newIdempotencyKey());
    setError(null);
    setAmountError(null);
    window.requestAnimationFrame(() => searchRef.current?.focus());
  }

  function toggleChosen(id: string, on: boolean) {
    setForm((f) => {
      const chosen = on ? [...f.chosen, id] : f.chosen.filter((c) => c !== id);
      const allocation = chosen.length > 0 ? 'chosen' : f.allocation;
      const sum = unpaid.filter((i) => chosen.includes(i.id)).reduce((n, i) => n + i.remainingCents, 0);
      return {
        ...f,
        chosen,
        allocation,
        amount: f.amountTouched ? f.amount : allocation === 'chosen' ? (sum > 0 ? centsToInput(sum) : '') : f.amount,
      };
    });
  }

  function setAllocation(allocation: 'oldest' | 'chosen') {
    setForm((f) => {
      const sum = allocation === 'oldest' ? dueCents : unpaid.filter((i) => f.chosen.includes(i.id)).reduce((n, i) => n + i.remainingCents, 0);
      return { ...f, allocation, amount: f.amountTouched ? f.amount : sum > 0 ? centsToInput(sum) : '' };
    });
  }

  // The imputation the server will make (shown before recording), and what becomes a credit.
  const parsed = parseEuros(form.amount);
  const amountCents = parsed.ok ? parsed.cents : 0;
  const targets = form.allocation === 'oldest' ? unpaid : unpaid.filter((i) => form.chosen.includes(i.id));
  let left = amountCents;
  const plan = targets
    .map((invoice) => {
      const amount = Math.min(left, invoice.remainingCents);
      left -= amount;
      return { invoice, amount };
    })
    .filter((p) => p.amount > 0);
  const overCents = left;

  const errors = fieldErrors(error);

  async function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (inFlight.current || !picked || !account) return;
    const amount = parseEuros(form.amount);
    if (!amount.ok) {
      setAmountError(amount.message);
      amountRef.current?.focus();
      return;
    }
    if (form.allocation === 'chosen' && form.chosen.length === 0) {
      setError(null);
      toast.error('Cochez au moins une facture, ou imputez sur les plus anciennes.');
      return;
    }
    setAmountError(null);
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const input: OpInput<'payments.record'> = {
      familyId: picked.familyId,
      method: form.method,
      amountCents: amount.cents,
      receivedOn: form.receivedOn,
      bank: form.method === 'cheque' ? form.bank : null,
      chequeNumber: form.method === 'cheque' ? form.chequeNumber : null,
      reference: form.method === 'transfer' || form.method === 'sepa' || form.method === 'card' ? form.reference : null,
      idempotencyKey,
      allocation: form.allocation === 'oldest' ? 'oldest' : { invoiceIds: form.chosen },
    };
    try {
      const result = await invoke('payments.record', input);
      let dueAfterCents: number | null = null;
      try {
        dueAfterCents = (await invoke('account.get', { familyId: picked.familyId })).dueCents;
      } catch {
        // the confirmation says what was recorded; the remaining amount is optional
      }
      const payment: SessionPayment = {
        paymentId: result.paymentId,
        receiptNumber: result.receiptNumber,
        familyId: picked.familyId,
        dossierNumber: picked.dossierNumber,
        familyName: picked.familyName,
        method: form.method,
        amountCents: amount.cents,
        receivedOn: form.receivedOn,
        at: new Date().toISOString(),
        allocations: result.allocations,
        unallocatedCents: result.unallocatedCents,
        status: 'valid',
        cancelReason: null,
        replayed: result.replayed,
      };
      useCounterSession.getState().add(payment);
      const text = result.replayed
        ? `Ce paiement était déjà enregistré (reçu ${result.receiptNumber})\u00a0: rien n’a été ajouté.`
        : `Paiement de ${formatCents(amount.cents)} enregistré (${inSentence(PAYMENT_METHOD_LABELS[form.method])})` +
          (dueAfterCents !== null ? ` — reste dû\u00a0: ${formatCents(dueAfterCents)}` : '');
      setConfirmation({ text, payment, dueAfterCents });
      refreshStatus();
      resetForNext();
    } catch (e) {
      setError(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  function onMethodKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const key = event.key.toUpperCase();
    const index = /^[1-5]$/.test(key) ? Number(key) - 1 : COUNTER_METHODS.findIndex((m) => m.key === key);
    const method = COUNTER_METHODS[index];
    if (!method) return;
    event.preventDefault();
    set({ method: method.value });
    window.requestAnimationFrame(() => methodRef.current?.querySelector<HTMLInputElement>(`input[value="${method.value}"]`)?.focus());
  }

  const disabled = !picked || !account;

  return (
    <div className="page counter">
      <header className="page__header">
        <div>
          <h1>Encaissements</h1>
          <p className="muted">Chèques, espèces, virements, prélèvements et cartes reçus à la régie.</p>
        </div>
      </header>

      {confirmation ? (
        <div
          className={`alert ${confirmation.payment.replayed ? 'alert--warn' : 'alert--success'} counter__confirmation`}
          role="status"
          data-testid="payment-confirmation"
        >
          <p className="strong" data-testid="payment-confirmation-text">
            {confirmation.text}
          </p>
          <p className="small">
            Reçu {confirmation.payment.receiptNumber} · dossier n°&nbsp;{confirmation.payment.dossierNumber} —{' '}
            {upper(confirmation.payment.familyName)}
            {confirmation.payment.allocations.length > 0
              ? ` · imputé sur ${confirmation.payment.allocations.map((a) => `${a.number} (${formatCents(a.amountCents)})`).join(', ')}`
              : ''}
            {confirmation.payment.unallocatedCents > 0 ? ` · ${formatCents(confirmation.payment.unallocatedCents)} en avoir` : ''}
          </p>
          <button type="button" className="alert__close" aria-label="Masquer la confirmation" onClick={() => setConfirmation(null)}>
            ×
          </button>
        </div>
      ) : null}

      <div className="counter__grid">
        <section className="panel counter__step" aria-labelledby="step-family">
          <h2 id="step-family" className="step-title">
            <span className="step-title__n">1</span> Famille
          </h2>
          {picked ? (
            <div className="picked" data-testid="counter-family" data-family-id={picked.familyId}>
              <div>
                <p className="picked__name">
                  Dossier n°&nbsp;{picked.dossierNumber} — {upper(picked.familyName)}
                </p>
                {account ? (
                  <p className="picked__figures">
                    Reste dû&nbsp;: <strong className={dueCents > 0 ? 'text-danger' : 'text-ok'} data-testid="counter-due">{formatCents(dueCents)}</strong>
                    {account.creditCents > 0 ? (
                      <>
                        {' '}
                        · Avoir disponible&nbsp;: <strong className="text-ok">{formatCents(account.creditCents)}</strong>
                      </>
                    ) : null}
                  </p>
                ) : null}
              </div>
              <div className="picked__actions">
                <Link to={`/familles/${picked.familyId}/compte`} className="btn btn--ghost">
                  Voir le compte
                </Link>
                <Button onClick={resetForNext} disabled={busy} data-testid="counter-change-family">
                  Changer de famille
                </Button>
              </div>
            </div>
          ) : (
            <FamilyPicker
              inputRef={searchRef}
              autoFocus
              onPick={(row) => startFor({ familyId: row.id, dossierNumber: row.dossierNumber, familyName: row.familyName })}
            />
          )}
          {accountError ? (
            <p className="alert alert--error" role="alert">
              {accountError}
            </p>
          ) : null}
          {picked && !account && !accountError ? <p className="muted">Chargement du compte…</p> : null}

          {account ? (
            unpaid.length === 0 ? (
              <p className="muted counter__nothing" data-testid="counter-no-unpaid">
                Aucune facture à régler. Un paiement serait gardé comme avoir pour les prochaines factures.
              </p>
            ) : (
              <table className="table table--inner counter__invoices" data-testid="counter-invoices">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Choisir</span>
                    </th>
                    <th scope="col">Facture</th>
                    <th scope="col">Période</th>
                    <th scope="col">Échéance</th>
                    <th scope="col" className="num-col">
                      Reste dû
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {unpaid.map((i) => {
                    const planned = plan.find((p) => p.invoice.id === i.id)?.amount ?? 0;
                    return (
                      <tr key={i.id} className={i.overdue ? 'row--overdue' : undefined} data-testid="counter-invoice" data-number={i.number}>
                        <td>
                          <input
                            type="checkbox"
                            checked={form.chosen.includes(i.id)}
                            onChange={(e) => toggleChosen(i.id, e.target.checked)}
                            aria-label={`Imputer sur la facture ${i.number}`}
                            disabled={busy}
                            data-testid="counter-invoice-check"
                          />
                        </td>
                        <td className="mono">{i.number}</td>
                        <td>{i.periodLabel ?? '—'}</td>
                        <td className={i.overdue ? 'text-danger nowrap' : 'nowrap'}>
                          {formatFrenchDate(i.dueDate)}
                          {i.overdue ? ' (en retard)' : ''}
                        </td>
                        <td className="num num-col strong">
                          {formatCents(i.remainingCents)}
                          {planned > 0 ? <div className="small text-ok">− {formatCents(planned)}</div> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )
          ) : null}
        </section>

        <section className="panel counter__step" aria-labelledby="step-payment">
          <h2 id="step-payment" className="step-title">
            <span className="step-title__n">2</span> Paiement
          </h2>
          <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate data-testid="counter-form">
            <fieldset disabled={disabled || busy} className="counter__fields">
              <ErrorSummary error={error} />
              <fieldset className="methods" ref={methodRef} onKeyDown={onMethodKeyDown} data-field="method">
                <legend>
                  Mode de paiement <span className="muted small">(touches C E V P B ou 1 à 5)</span>
                </legend>
                <div className="methods__options" role="radiogroup" aria-label="Mode de paiement">
                  {COUNTER_METHODS.map((m, i) => (
                    <label key={m.value} className={`method${form.method === m.value ? ' method--on' : ''}`}>
                      <input
                        type="radio"
                        name="method"
                        value={m.value}
                        checked={form.method === m.value}
                        onChange={() => set({ method: m.value })}
                        data-testid={`method-${m.value}`}
                      />
                      <span>{PAYMENT_METHOD_LABELS[m.value]}</span>
                      <kbd aria-hidden="true">{m.key}</kbd>
                      <span className="visually-hidden">(touche {m.key} ou {i + 1})</span>
                    </label>
                  ))}
                </div>
              </fieldset>

              <div className="grid grid--2">
                <AmountField
                  label="Montant"
                  path="amountCents"
                  errors={errors}
                  error={amountError}
                  required
                  value={form.amount}
                  inputRef={amountRef}
                  onChange={(amount) => {
                    set({ amount, amountTouched: true });
                    setAmountError(null);
                  }}
                  onBlur={() => {
                    const p = parseEuros(form.amount);
                    if (p.ok) set({ amount: centsToInput(p.cents) });
                    else if (form.amount.trim() !== '') setAmountError(p.message);
                  }}
                  testId="counter-amount"
                />
                <TextField
                  label="Reçu le"
                  type="date"
                  path="receivedOn"
                  errors={errors}
                  required
                  value={form.receivedOn}
                  onChange={(receivedOn) => set({ receivedOn })}
                />
                {form.method === 'cheque' ? (
                  <>
                    <TextField label="Banque" path="bank" errors={errors} required value={form.bank} onChange={(bank) => set({ bank })} maxLength={80} placeholder="La Banque Postale, BNP…" />
                    <TextField
                      label="N° de chèque"
                      path="chequeNumber"
                      errors={errors}
                      required
                      value={form.chequeNumber}
                      onChange={(chequeNumber) => set({ chequeNumber })}
                      inputMode="numeric"
                      maxLength={30}
                    />
                  </>
                ) : null}
                {form.method === 'transfer' || form.method === 'sepa' || form.method === 'card' ? (
                  <TextField
                    className="span-2"
                    label={form.method === 'transfer' ? 'Référence du virement' : form.method === 'sepa' ? 'Référence du prélèvement' : 'N° de transaction'}
                    path="reference"
                    errors={errors}
                    value={form.reference}
                    onChange={(reference) => set({ reference })}
                    maxLength={100}
                  />
                ) : null}
              </div>

              <fieldset className="allocation" data-field="allocation">
                <legend>Imputation</legend>
                <label className="check">
                  <input type="radio" name="allocation" checked={form.allocation === 'oldest'} onChange={() => setAllocation('oldest')} data-testid="allocation-oldest" />
                  <span>Les plus anciennes d’abord</span>
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name="allocation"
                    checked={form.allocation === 'chosen'}
                    onChange={() => setAllocation('chosen')}
                    disabled={unpaid.length === 0}
                    data-testid="allocation-chosen"
                  />
                  <span>
                    Factures cochées
                    {form.allocation === 'chosen' ? ` (${form.chosen.length})` : ''}
                  </span>
                </label>
              </fieldset>

              {picked && account && parsed.ok ? (
                <div className="allocation-plan" data-testid="allocation-plan" aria-live="polite">
                  {plan.length > 0 ? (
                    <p>
                      Imputé sur {plan.map((p) => `${p.invoice.number} (${formatCents(p.amount)})`).join(', ')}.
                    </p>
                  ) : null}
                  {overCents > 0 ? (
                    <p className="allocation-plan__credit" data-testid="overpayment">
                      {formatCents(overCents)} {overCents >= 200 ? 'deviendront' : 'deviendra'} un avoir de la famille.
                    </p>
                  ) : null}
                  <p className="muted small">
                    Reste dû après ce paiement&nbsp;: {formatCents(Math.max(0, dueCents - (amountCents - overCents)))}
                  </p>
                </div>
              ) : null}

              <div className="form-actions form-actions--left">
                <Button type="submit" variant="primary" busy={busy} disabled={disabled} data-testid="counter-submit">
                  Enregistrer le paiement
                </Button>
                {picked ? (
                  <Button onClick={resetForNext} disabled={busy}>
                    Abandonner
                  </Button>
                ) : null}
              </div>
            </fieldset>
            {!picked ? <p className="muted small">Choisissez d’abord une famille (↑ ↓ puis Entrée).</p> : null}
          </form>
        </section>
      </div>

      <section className="section" aria-labelledby="session-title">
        <div className="section__header">
          <h2 id="session-title">Encaissements de cette session</h2>
          <span className="muted">
            {payments.length === 0
              ? 'Aucun pour l’instant'
              : `${plural(payments.filter((p) => p.status === 'valid').length, 'paiement', 'paiements')} · ${formatCents(
                  payments.filter((p) => p.status === 'valid').reduce((n, p) => n + p.amountCents, 0),
                )}`}
          </span>
        </div>
        {payments.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="session-payments">
              <thead>
                <tr>
                  <th scope="col">Heure</th>
                  <th scope="col">Reçu</th>
                  <th scope="col">Famille</th>
                  <th scope="col">Mode</th>
                  <th scope="col" className="num-col">
                    Montant
                  </th>
                  <th scope="col">Imputation</th>
                  <th scope="col">Statut</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr key={p.paymentId} data-testid="session-payment" data-receipt={p.receiptNumber} className={p.status === 'cancelled' ? 'row--cancelled' : undefined}>
                    <td className="num">{timeOf(p.at)}</td>
                    <td className="mono">{p.receiptNumber}</td>
                    <td>
                      <Link to={`/familles/${p.familyId}/compte`}>
                        n°&nbsp;{p.dossierNumber} — {upper(p.familyName)}
                      </Link>
                    </td>
                    <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                    <td className="num num-col strong">{formatCents(p.amountCents)}</td>
                    <td className="small">
                      {p.allocations.map((a) => a.number).join(', ') || '—'}
                      {p.unallocatedCents > 0 ? <span className="text-ok"> + avoir {formatCents(p.unallocatedCents)}</span> : null}
                    </td>
                    <td>
                      {p.status === 'cancelled' ? (
                        <span className="badge badge--inv-cancelled" title={p.cancelReason ?? undefined}>
                          Annulé
                        </span>
                      ) : (
                        <span className="badge badge--inv-paid">Enregistré</span>
                      )}
                    </td>
                    <td className="row-actions">
                      <PdfButton variant="ghost" testId="receipt-pdf" title={`Reçu ${p.receiptNumber} (PDF)`} load={() => invoke('documents.receiptPdf', { paymentId: p.paymentId })}>
                        Reçu
                      </PdfButton>
                      {p.status === 'valid' ? (
                        <Button variant="ghost" className="text-danger" onClick={() => setCancelling(p)} aria-label={`Annuler le paiement ${p.receiptNumber}`} data-testid="cancel-payment">
                          Annuler
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {cancelling ? (
        <CancelPaymentDialog
          payment={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={(reason) => {
            useCounterSession.getState().markCancelled(cancelling.paymentId, reason);
            setCancelling(null);
            refreshStatus();
            if (picked?.familyId === cancelling.familyId) void loadAccount(cancelling.familyId, false);
          }}
        />
      ) : null}
    </div>
  );
}

const timeFormatter = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

function timeOf(iso: string): string {
  return timeFormatter.format(new Date(iso)).replace(':', 'h');
}
