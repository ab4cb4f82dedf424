import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDocument, renderDocument } from '../../main/pdf/index.js';
import { invoiceDocument, periodInvoiceDocuments, receiptDocument, reminderDocument, statementDocument } from '../../main/services/print/sources.js';
import { cancelInvoice, issueBilling } from '../../main/services/billing/issue.js';
import { addClosure } from '../../main/services/calendar/school-calendar.js';
import { recordPayment } from '../../main/services/payments/payments.js';
import { paymentInput } from '../../shared/contract/payments.js';
import { mealsLabel } from '../../shared/print/invoice.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-03-15');
});
afterEach(() => s.ctx.dispose());

describe('documents from the store', () => {
  it('builds invoices, credit notes, receipts, reminders and statements the PDF engine accepts', async () => {
    const { id } = s.family({ name: 'Lefèvre', children: [{ firstName: 'Élodie' }, { firstName: 'Maëlys', schoolId: s.otherSchoolId }], qf: [{ value: 1200, on: '2025-09-10' }] });
    s.family({ name: 'Autre' });
    issueBilling(s.ctx, s.period('Janvier'));
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-02-03', kind: 'strike', label: null });
    issueBilling(s.ctx, s.period('Mars'));
    const invoices = periodInvoiceDocuments(s.ctx, s.period('Mars'));
    expect(invoices).toHaveLength(2);
    const doc = invoices[0]!;
    expect(doc).toMatchObject({
      number: 'F2026-000003',
      dossierNumber: 40001,
      period: { label: 'Mars / Avril 2026', start: '2026-03-01', end: '2026-04-30' },
      payer: { name: 'Camille Lefèvre', addressLines: ['12 rue de la Roquette', '75011 PARIS'] },
      tranche: { number: 5, quotientFamilial: 1200 },
      onlinePayment: { date: '2026-04-02', time: '14:00' },
      dueDate: '2026-04-30',
    });
    expect(doc.lines.map((l) => [l.kind, l.childName, l.school, l.label])).toEqual([
      ['meals', 'Élodie Lefèvre', 'École élémentaire Test', mealsLabel(23, 362)],
      ['meals', 'Maëlys Lefèvre', 'École maternelle Test', mealsLabel(23, 362)],
      ['closure_credit', 'Élodie Lefèvre', 'École élémentaire Test', 'Fermeture du 03/02/2026 (grève)\u00a0: 1 repas d’Élodie'],
    ]);
    for (const d of invoices) checkDocument(d);

    const paid = recordPayment(s.ctx, parseOrThrow(paymentInput, { familyId: id, method: 'cheque', bank: 'Crédit Mutuel', chequeNumber: '0012345', amountCents: 5000, receivedOn: '2026-03-15', idempotencyKey: 'doc-test-0001' }));
    const receipt = receiptDocument(s.ctx, paid.paymentId);
    expect(receipt).toMatchObject({ number: 'R2026-000001', payment: { amountCents: 5000, method: 'cheque', reference: 'chèque n°\u00a00012345, Crédit Mutuel' }, unallocatedCents: 0 });
    checkDocument(receipt);

    const cancelled = cancelInvoice(s.ctx, { invoiceId: invoiceDocumentId(doc.number), reason: 'Erreur de tranche' });
    const note = invoiceDocument(s.ctx, cancelled.creditNoteId);
    expect(note).toMatchObject({ variant: 'credit_note', corrects: { invoiceNumber: 'F2026-000003', reason: 'Erreur de tranche' }, totalCents: -doc.totalCents });
    checkDocument(note);

    const reminder = reminderDocument(s.ctx, { familyId: id, level: 1, asOf: '2026-05-15' });
    expect(reminder.invoices.map((i) => i.number)).toEqual(['F2026-000001']);
    checkDocument(reminder);
    const statement = statementDocument(s.ctx, { familyId: id, from: '2026-01-01', to: '2026-12-31' });
    expect(statement.entries.map((e) => e.reference)).toEqual(['F2026-000001', 'F2026-000003', 'R2026-000001', 'A2026-000001']);
    checkDocument(statement);

    const bytes = await renderDocument(doc);
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
  });
});

function invoiceDocumentId(number: string): string {
  return (s.ctx.store.sqlite.prepare('SELECT id FROM invoices WHERE number = ?').get(number) as { id: string }).id;
}
