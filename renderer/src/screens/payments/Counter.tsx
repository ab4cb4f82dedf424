import { useEffect, useEffectEvent, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { OpInput } from '../../../../shared/contract/operations.js';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/contract/payments.js';
import { inSentence } from '../../../../shared/domain/french.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { Button, ErrorSummary, submitOnEnter } from '../../components/form.js';
import { fieldErrors } from '../../lib/issues.js';
import { useOperation } from '../../lib/useOperation.js';
import { toast } from '../../state/toasts.js';
import { centsToInput, newIdempotencyKey, parseEuros } from '../billing/format.js';
import { AllocationChoice, AllocationPlan, useAllocationPreview } from './Allocation.js';
import { allocationOf, amountText, emptyForm, isLargeCredit, type PaymentForm, unpaidOf } from './counterForm.js';
import { FamilyPicker } from './FamilyPicker.js';
import { MethodChoice } from './MethodChoice.js';
import { type Confirmation, PaymentConfirmation } from './PaymentConfirmation.js';
import { PaymentFields } from './PaymentFields.js';
import { type Picked, PickedFamily } from './PickedFamily.js';
import { SessionPayments } from './SessionPayments.js';
import { type SessionPayment, useCounterSession } from './session.js';
import { UnpaidInvoices } from './UnpaidInvoices.js';

/** Encaissements: the counter. Family → its unpaid invoices → method, amount → recorded once. */
export function Counter() {
  const [params, setParams] = useSearchParams();
  const searchRef = useRef<HTMLInputElement>(null);
  const methodRef = useRef<HTMLFieldSetElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const [familyId, setFamilyId] = useState<string | null>(null);
  /** What the search showed of the family, until its account arrives. */
  const [found, setFound] = useState<Picked | null>(null);
  const [form, setForm] = useState<PaymentForm>(emptyForm);
  /** One key per payment form: a double click or a retry of the same form never records twice. */
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  /** A payment that would leave a large credit waits for the agent's « Enregistrer quand même ». */
  const [largeCredit, setLargeCredit] = useState<{ creditCents: number; paidCents: number } | null>(null);
  const inFlight = useRef(false);
  const focusMethodOnLoad = useRef(false);

  const loaded = useOperation('account.get', { familyId: familyId ?? '' }, { enabled: familyId !== null });
  const account = familyId !== null && loaded.data?.familyId === familyId ? loaded.data : null;
  const picked: Picked | null =
    familyId === null ? null : account ? { familyId, dossierNumber: account.dossierNumber, familyName: account.familyName } : found;
  const unpaid = useMemo(() => unpaidOf(account), [account]);
  const dueCents = unpaid.reduce((n, i) => n + i.remainingCents, 0);
  const amount = amountText(form, unpaid);
  const parsed = parseEuros(amount);
  const set = (patch: Partial<PaymentForm>) => setForm((f) => ({ ...f, ...patch }));

  // What the payment will pay, as payments.record will record it.
  const preview = useAllocationPreview(
    account && parsed.ok && (form.allocation === 'oldest' || form.chosen.length > 0)
      ? { familyId: account.familyId, amountCents: parsed.cents, allocation: allocationOf(form) }
      : null,
  );
  const plannedCents = (invoiceId: string) =>
    preview.error ? 0 : (preview.data?.allocations.find((a) => a.invoiceId === invoiceId)?.amountCents ?? 0);

  // The account of the family just chosen has arrived: the method comes next.
  useEffect(() => {
    if (!account || !focusMethodOnLoad.current) return;
    focusMethodOnLoad.current = false;
    window.requestAnimationFrame(() => methodRef.current?.querySelector<HTMLInputElement>('input[type=radio]:checked')?.focus());
  }, [account]);

  // « Encaisser » from a family's account: /encaissements?famille=<id>.
  const preselected = params.get('famille');
  const onPreselected = useEffectEvent((id: string) => {
    startFor({ familyId: id, dossierNumber: 0, familyName: '' });
    setParams({}, { replace: true });
  });
  useEffect(() => {
    if (preselected) onPreselected(preselected);
  }, [preselected]);

  function startFor(p: Picked) {
    setFamilyId(p.familyId);
    setFound(p.familyName ? p : null);
    setForm(emptyForm());
    setIdempotencyKey(newIdempotencyKey());
    setError(null);
    setAmountError(null);
    focusMethodOnLoad.current = true;
  }

  function resetForNext() {
    setFamilyId(null);
    setFound(null);
    setForm(emptyForm());
    setIdempotencyKey(newIdempotencyKey());
    setError(null);
    setAmountError(null);
    window.requestAnimationFrame(() => searchRef.current?.focus());
  }

  function toggleChosen(id: string, on: boolean) {
    setForm((f) => {
      const chosen = on ? [...f.chosen, id] : f.chosen.filter((c) => c !== id);
      return { ...f, chosen, allocation: chosen.length > 0 ? 'chosen' : f.allocation };
    });
  }

  async function submit(event?: FormEvent<HTMLFormElement>, creditConfirmed = false) {
    event?.preventDefault();
    if (inFlight.current || !picked || !account) return;
    if (!parsed.ok) {
      setAmountError(parsed.message);
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
    if (!creditConfirmed) {
      // The server's own plan says what would be left as credit (99 999 € typed for 196 € due).
      try {
        const plan = await invoke('payments.previewAllocation', { familyId: picked.familyId, amountCents: parsed.cents, allocation: allocationOf(form) });
        if (isLargeCredit(plan.unallocatedCents, parsed.cents)) {
          setLargeCredit({ creditCents: plan.unallocatedCents, paidCents: parsed.cents - plan.unallocatedCents });
          inFlight.current = false;
          setBusy(false);
          return;
        }
      } catch {
        // recording answers with the same refusal, in the form
      }
    }
    const input: OpInput<'payments.record'> = {
      familyId: picked.familyId,
      method: form.method,
      amountCents: parsed.cents,
      receivedOn: form.receivedOn,
      bank: form.method === 'cheque' ? form.bank : null,
      chequeNumber: form.method === 'cheque' ? form.chequeNumber : null,
      reference: form.method === 'transfer' || form.method === 'sepa' || form.method === 'card' ? form.reference : null,
      idempotencyKey,
      allocation: allocationOf(form),
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
        amountCents: parsed.cents,
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
        : `Paiement de ${formatCents(parsed.cents)} enregistré (${inSentence(PAYMENT_METHOD_LABELS[form.method])})` +
          (dueAfterCents !== null ? ` — reste dû\u00a0: ${formatCents(dueAfterCents)}` : '');
      setConfirmation({ text, payment, dueAfterCents });
      resetForNext();
    } catch (e) {
      setError(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
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

      {confirmation ? <PaymentConfirmation confirmation={confirmation} onClose={() => setConfirmation(null)} /> : null}

      <div className="counter__grid">
        <section className="panel counter__step" aria-labelledby="step-family">
          <h2 id="step-family" className="step-title">
            <span className="step-title__n">1</span> Famille
          </h2>
          {picked ? (
            <PickedFamily picked={picked} account={account} dueCents={dueCents} busy={busy} onChange={resetForNext} />
          ) : (
            <FamilyPicker
              inputRef={searchRef}
              autoFocus
              onPick={(row) => startFor({ familyId: row.id, dossierNumber: row.dossierNumber, familyName: row.familyName })}
            />
          )}
          {loaded.error ? (
            <p className="alert alert--error" role="alert">
              {loaded.error.message}
            </p>
          ) : null}
          {picked && !account && !loaded.error ? <p className="muted">Chargement du compte…</p> : null}
          {account ? <UnpaidInvoices unpaid={unpaid} chosen={form.chosen} plannedCents={plannedCents} disabled={busy} onToggle={toggleChosen} /> : null}
        </section>

        <section className="panel counter__step" aria-labelledby="step-payment">
          <h2 id="step-payment" className="step-title">
            <span className="step-title__n">2</span> Paiement
          </h2>
          <form onSubmit={(e) => void submit(e)} onKeyDown={submitOnEnter} noValidate data-testid="counter-form">
            <fieldset disabled={disabled || busy} className="counter__fields">
              <ErrorSummary error={error} />
              <MethodChoice ref={methodRef} value={form.method} onChange={(method) => set({ method })} />
              <PaymentFields
                form={form}
                set={set}
                errors={fieldErrors(error)}
                amount={amount}
                amountError={amountError}
                amountRef={amountRef}
                onAmount={(typed) => {
                  set({ amount: typed, amountTouched: true });
                  setAmountError(null);
                }}
                onAmountBlur={() => {
                  if (parsed.ok) {
                    if (form.amountTouched) set({ amount: centsToInput(parsed.cents) });
                  } else if (amount.trim() !== '') {
                    setAmountError(parsed.message);
                  }
                }}
              />
              <AllocationChoice
                value={form.allocation}
                chosenCount={form.chosen.length}
                canChoose={unpaid.length > 0}
                onChange={(allocation) => set({ allocation })}
              />
              {account ? <AllocationPlan preview={preview} dueCents={dueCents} /> : null}

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

      {largeCredit && parsed.ok ? (
        <ActionDialog
          title="Vérifiez le montant"
          onClose={() => {
            setLargeCredit(null);
            amountRef.current?.focus();
          }}
          onSubmit={() => {
            setLargeCredit(null);
            void submit(undefined, true);
          }}
          submitLabel="Enregistrer quand même"
          testId="large-credit-dialog"
        >
          <p>
            Ce paiement de <strong>{formatCents(parsed.cents)}</strong> ne règle que{' '}
            <strong>{formatCents(largeCredit.paidCents)}</strong> de factures&nbsp;:{' '}
            <strong>{formatCents(largeCredit.creditCents)}</strong> deviendront un avoir de la famille.
          </p>
        </ActionDialog>
      ) : null}

      <SessionPayments
        onCancelled={(payment) => {
          // The invoices it paid are due again: the account and the plan shown change.
          if (payment.familyId === familyId) void loaded.reload().then(() => preview.reload());
        }}
      />
    </div>
  );
}
