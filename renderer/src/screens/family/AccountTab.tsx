import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type AccountPayment, type FamilyAccount, PAYMENT_METHOD_LABELS } from '../../../../shared/contract/payments.js';
import { formatFrenchDate, formatTimestamp } from '../../../../shared/domain/dates.js';
import { formatCents } from '../../../../shared/domain/money.js';
import { invoke } from '../../api/client.js';
import { MutationDialog } from '../../components/ActionDialog.js';
import { Button } from '../../components/form.js';
import { PdfButton } from '../../components/PdfButton.js';
import { navBodyProps, navRowProps } from '../../components/tableNav.js';
import { plural } from '../../lib/text.js';
import { useOperation } from '../../lib/useOperation.js';
import { InvoiceDialog } from '../billing/InvoiceDialog.js';
import { InvoiceStatusBadge } from '../billing/InvoiceStatus.js';
import { LINE_KIND_LABELS } from '../../../../shared/contract/billing.js';
import { CancelPaymentDialog } from '../payments/CancelPaymentDialog.js';
import { useCan } from '../../state/session.js';

/** The « Compte » tab of a family: invoices, payments, credits and the balance (account.get). */
export function AccountTab({ familyId }: { familyId: string }) {
  const navigate = useNavigate();
  const loaded = useOperation('account.get', { familyId });
  const account = loaded.data;
  const error = loaded.error?.message ?? null;
  const load = loaded.reload;
  const [openInvoice, setOpenInvoice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<AccountPayment | null>(null);
  const [allocating, setAllocating] = useState(false);
  // The counter, the credit and the cancellation belong to the régie (each asks for its operation).
  const canCollect = useCan('payments.record');
  const canAllocateCredit = useCan('payments.allocateCredit');
  const canCancelPayment = useCan('payments.cancel');

  if (error && !account) {
    return (
      <div className="account" data-testid="account-tab">
        <p className="alert alert--error" role="alert">
          {error}
        </p>
        <Button onClick={() => void load()}>Réessayer</Button>
      </div>
    );
  }
  if (!account) {
    return (
      <p className="muted" aria-busy="true" data-testid="account-tab">
        Chargement du compte…
      </p>
    );
  }

  const invoices = [...account.invoices].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.number.localeCompare(a.number));
  const payments = [...account.payments].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.createdAt.localeCompare(a.createdAt));
  const canUseCredit = canAllocateCredit && account.creditCents > 0 && account.dueCents > 0;

  return (
    <div className="account" data-testid="account-tab">
      <section className="panel account-balance" aria-label="Solde du compte">
        <Balance account={account} />
        <dl className="account-balance__figures">
          <div>
            <dt>Facturé</dt>
            <dd>{formatCents(account.invoicedCents)}</dd>
          </div>
          <div>
            <dt>Payé</dt>
            <dd>{formatCents(account.paidCents)}</dd>
          </div>
          <div>
            <dt>Reste dû</dt>
            <dd className={account.dueCents > 0 ? 'text-danger' : undefined} data-testid="account-due">
              {formatCents(account.dueCents)}
            </dd>
          </div>
          <div>
            <dt>dont en retard</dt>
            <dd className={account.overdueCents > 0 ? 'text-danger' : undefined} data-testid="account-overdue">
              {formatCents(account.overdueCents)}
            </dd>
          </div>
          <div>
            <dt>Avoir disponible</dt>
            <dd className={account.creditCents > 0 ? 'text-ok' : undefined} data-testid="account-credit">
              {formatCents(account.creditCents)}
            </dd>
          </div>
        </dl>
        <div className="account-balance__actions">
          {canCollect ? (
            <Button variant="primary" onClick={() => void navigate(`/encaissements?famille=${encodeURIComponent(familyId)}`)} data-testid="account-collect">
              Encaisser
            </Button>
          ) : null}
          {canUseCredit ? (
            <Button onClick={() => setAllocating(true)} data-testid="account-use-credit">
              Utiliser l’avoir
            </Button>
          ) : null}
          <PdfButton testId="account-statement-pdf" load={() => invoke('documents.statementPdf', { familyId })}>
            Relevé de compte (PDF)
          </PdfButton>
        </div>
      </section>

      <section className="section" aria-labelledby="account-invoices-title">
        <div className="section__header">
          <h2 id="account-invoices-title">
            Factures et avoirs <span className="count-pill">{invoices.length}</span>
          </h2>
        </div>
        {invoices.length === 0 ? (
          <p className="muted panel">Aucune facture émise pour cette famille.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="account-invoices">
              <thead>
                <tr>
                  <th scope="col">Numéro</th>
                  <th scope="col">Période</th>
                  <th scope="col">Émise le</th>
                  <th scope="col">Échéance</th>
                  <th scope="col" className="num-col">
                    Total
                  </th>
                  <th scope="col" className="num-col">
                    Payé
                  </th>
                  <th scope="col" className="num-col">
                    Reste dû
                  </th>
                  <th scope="col">Statut</th>
                  <th scope="col">
                    <span className="visually-hidden">Document</span>
                  </th>
                </tr>
              </thead>
              <tbody {...navBodyProps}>
                {invoices.map((i, index) => (
                  <tr
                    key={i.id}
                    {...navRowProps(index)}
                    className={`row-link${i.overdue ? ' row--overdue' : ''}`}
                    onClick={() => setOpenInvoice(i.id)}
                    data-testid="account-invoice"
                    data-number={i.number}
                    data-overdue={i.overdue || undefined}
                  >
                    <td className="mono">
                      <button type="button" className="link-button" data-row-open tabIndex={-1} onClick={(e) => { e.stopPropagation(); setOpenInvoice(i.id); }}>
                        {i.number}
                      </button>
                    </td>
                    <td>{i.periodLabel ?? (i.kind === 'credit_note' ? 'Avoir' : '—')}</td>
                    <td className="nowrap">{formatFrenchDate(i.issuedOn)}</td>
                    <td className={`nowrap${i.overdue ? ' text-danger strong' : ''}`}>{i.kind === 'invoice' ? formatFrenchDate(i.dueDate) : '—'}</td>
                    <td className="num num-col">{formatCents(i.totalCents)}</td>
                    <td className="num num-col">{i.kind === 'invoice' ? formatCents(i.paidCents) : '—'}</td>
                    <td className={`num num-col${i.remainingCents > 0 ? ' strong' : ''}${i.overdue ? ' text-danger' : ''}`}>
                      {i.kind === 'invoice' ? formatCents(i.remainingCents) : '—'}
                    </td>
                    <td>
                      <InvoiceStatusBadge invoice={i} />
                    </td>
                    <td className="row-actions" onClick={(e) => e.stopPropagation()}>
                      <PdfButton
                        variant="ghost"
                        testId="account-invoice-pdf"
                        title={`PDF de ${i.kind === 'invoice' ? 'la facture' : 'l’avoir'} ${i.number}`}
                        load={() => invoke('documents.invoicePdf', { invoiceId: i.id })}
                      >
                        PDF de la facture
                      </PdfButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="account-payments-title">
        <div className="section__header">
          <h2 id="account-payments-title">
            Paiements <span className="count-pill">{payments.length}</span>
          </h2>
        </div>
        {payments.length === 0 ? (
          <p className="muted panel">Aucun paiement enregistré.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="account-payments">
              <thead>
                <tr>
                  <th scope="col">Reçu</th>
                  <th scope="col">Reçu le</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Détail</th>
                  <th scope="col" className="num-col">
                    Montant
                  </th>
                  <th scope="col" className="num-col">
                    Non imputé
                  </th>
                  <th scope="col">Statut</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr key={p.id} data-testid="account-payment" data-receipt={p.receiptNumber} className={p.status === 'cancelled' ? 'row--cancelled' : undefined}>
                    <td className="mono">{p.receiptNumber}</td>
                    <td className="nowrap">{formatFrenchDate(p.receivedOn)}</td>
                    <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                    <td className="small">
                      {p.method === 'cheque' ? `${p.bank ?? ''} n°\u00a0${p.chequeNumber ?? ''}` : (p.reference ?? '')}
                      <div className="muted">
                        saisi le {formatTimestamp(p.createdAt)} par {p.createdBy}
                      </div>
                    </td>
                    <td className="num num-col strong">{formatCents(p.amountCents)}</td>
                    <td className="num num-col">{p.unallocatedCents > 0 ? <span className="text-ok">{formatCents(p.unallocatedCents)}</span> : '—'}</td>
                    <td>
                      {p.status === 'cancelled' ? (
                        <span className="badge badge--inv-cancelled" title={p.cancelReason ?? undefined}>
                          Annulé
                        </span>
                      ) : (
                        <span className="badge badge--inv-paid">Valide</span>
                      )}
                      {p.status === 'cancelled' && p.cancelReason ? <div className="muted small">{p.cancelReason}</div> : null}
                    </td>
                    <td className="row-actions">
                      <PdfButton variant="ghost" testId="receipt-pdf" title={`Reçu ${p.receiptNumber} (PDF)`} load={() => invoke('documents.receiptPdf', { paymentId: p.id })}>
                        Reçu
                      </PdfButton>
                      {p.status === 'valid' && canCancelPayment ? (
                        <Button variant="ghost" className="text-danger" onClick={() => setCancelling(p)} aria-label={`Annuler le paiement ${p.receiptNumber}`}>
                          Annuler
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {account.credits.length > 0 || account.pendingCredits.length > 0 ? (
        <section className="section" aria-labelledby="account-credits-title">
          <div className="section__header">
            <h2 id="account-credits-title">Avoirs</h2>
          </div>
          <div className="panel">
            {account.credits.length > 0 ? (
              <ul className="plain-list" data-testid="account-credits">
                {account.credits.map((c) => (
                  <li key={`${c.source}-${c.id}`}>
                    {c.source === 'payment' ? `Trop-perçu du paiement ${c.number}` : `Avoir ${c.number}`}&nbsp;:{' '}
                    <strong className="text-ok">{formatCents(c.availableCents)}</strong> disponibles
                  </li>
                ))}
              </ul>
            ) : null}
            {account.pendingCredits.length > 0 ? (
              <>
                <h3 className="subhead">En attente de la prochaine facture</h3>
                <ul className="plain-list" data-testid="account-pending-credits">
                  {account.pendingCredits.map((c) => (
                    <li key={c.id}>
                      <span className="tag tag--ok">{LINE_KIND_LABELS[c.kind]}</span> {c.reason}&nbsp;:{' '}
                      <strong>{formatCents(Math.abs(c.amountCents))}</strong>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </section>
      ) : null}

      {openInvoice ? (
        <InvoiceDialog
          invoiceId={openInvoice}
          onClose={() => setOpenInvoice(null)}
          onChanged={() => {
            void load();
          }}
        />
      ) : null}
      {cancelling ? (
        <CancelPaymentDialog
          payment={{ paymentId: cancelling.id, receiptNumber: cancelling.receiptNumber, method: cancelling.method, amountCents: cancelling.amountCents, receivedOn: cancelling.receivedOn }}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            void load();
          }}
        />
      ) : null}
      {allocating ? (
        <UseCreditDialog
          account={account}
          onClose={() => setAllocating(false)}
          onDone={() => {
            setAllocating(false);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}

function Balance({ account }: { account: FamilyAccount }) {
  const b = account.balanceCents;
  if (b === 0) {
    return (
      <p className="balance balance--zero" data-testid="account-balance" data-balance={b}>
        Solde&nbsp;: {formatCents(0)}
      </p>
    );
  }
  if (b > 0) {
    return (
      <p className="balance balance--due" data-testid="account-balance" data-balance={b}>
        Reste dû&nbsp;: {formatCents(b)}
      </p>
    );
  }
  return (
    <p className="balance balance--credit" data-testid="account-balance" data-balance={b}>
      Avoir&nbsp;: {formatCents(-b)}
    </p>
  );
}

function UseCreditDialog({ account, onClose, onDone }: { account: FamilyAccount; onClose(): void; onDone(): void }) {
  const applied = Math.min(account.creditCents, account.dueCents);
  return (
    <MutationDialog
      title="Utiliser l’avoir"
      onClose={onClose}
      action={() => invoke('payments.allocateCredit', { familyId: account.familyId })}
      success={(result) =>
        result.appliedCents > 0
          ? `${formatCents(result.appliedCents)} d’avoir imputés sur ${plural(result.allocations.length, 'facture', 'factures')}.`
          : 'Rien à imputer.'
      }
      onDone={onDone}
      submitLabel="Imputer l’avoir"
      testId="use-credit-dialog"
    >
      <p>
        La famille dispose de <strong>{formatCents(account.creditCents)}</strong> d’avoir et doit{' '}
        <strong>{formatCents(account.dueCents)}</strong>. {formatCents(applied)} seront imputés sur ses factures
        impayées, les plus anciennes d’abord.
      </p>
    </MutationDialog>
  );
}
