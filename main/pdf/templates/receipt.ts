import type { PDFDocument } from '@cantoo/pdf-lib';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { ofName } from '../../../shared/domain/french.js';
import { dataProtectionText } from '../../../shared/print/legal.js';
import { RECEIPT_METHOD_WORDING, type ReceiptDocument } from '../../../shared/print/receipt.js';
import { amountInWords, formatAmount } from '../../../shared/print/text.js';
import { type Column, CONTENT_WIDTH, type DocumentFonts, Sheet } from '../layout.js';
import { letterParagraph, signature, smallPrint } from './parts.js';

const COLUMNS: Column[] = [
  { header: 'Facture', width: CONTENT_WIDTH * 0.24 },
  { header: 'Période', width: CONTENT_WIDTH * 0.34 },
  { header: 'Montant imputé', width: CONTENT_WIDTH * 0.21, align: 'right' },
  { header: 'Reste dû', width: CONTENT_WIDTH * 0.21, align: 'right' },
];

/** Reçu de paiement: what was received, how, and where it went. */
export function drawReceipt(pdf: PDFDocument, fonts: DocumentFonts, doc: ReceiptDocument): Sheet {
  const { payment } = doc;
  const sheet = new Sheet(pdf, fonts, {
    issuer: doc.issuer,
    title: 'Reçu de paiement',
    subtitle: 'Restauration scolaire',
    references: [
      ['Reçu n°', doc.number],
      ['Date', formatFrenchDate(doc.issueDate)],
      ['Dossier famille', String(doc.dossierNumber)],
      ['Paiement du', formatFrenchDate(payment.receivedOn)],
    ],
    highlight: { label: `Paiement reçu le ${formatFrenchDate(payment.receivedOn)}`, value: formatAmount(payment.amountCents) },
    recipient: doc.payer,
    runningTitle: `Reçu ${doc.number}`,
    footer: `${doc.issuer.name} · Régie de recettes · Reçu ${doc.number} · Dossier ${doc.dossierNumber}`,
  });

  const from = payment.paidBy ?? doc.payer.name;
  const reference = payment.reference ? ` (${payment.reference})` : '';
  letterParagraph(
    sheet,
    `La régie de la ${doc.issuer.name} certifie avoir reçu ${ofName(from)} la somme de ` +
      `${formatAmount(payment.amountCents)} (${amountInWords(payment.amountCents)}), le ` +
      `${formatFrenchDate(payment.receivedOn)}, ${RECEIPT_METHOD_WORDING[payment.method]}${reference}.`,
  );
  sheet.y += 4;

  if (doc.allocations.length > 0) {
    sheet.heading('Imputation du paiement');
    sheet.table(
      COLUMNS,
      doc.allocations.map((a) => [a.invoiceNumber, a.periodLabel, formatAmount(a.amountCents), formatAmount(a.remainingAfterCents)]),
    );
    sheet.y += 10;
  }

  const rows: { label: string; value: string; strong?: boolean; note?: string }[] = [
    { label: 'Paiement reçu', value: formatAmount(payment.amountCents) },
  ];
  if (doc.unallocatedCents > 0) {
    rows.push({ label: 'Conservé en avoir', value: formatAmount(doc.unallocatedCents), note: 'Déduit de vos prochaines factures.' });
  }
  rows.push(
    doc.accountBalanceAfterCents > 0
      ? { label: 'Reste dû sur votre compte', value: formatAmount(doc.accountBalanceAfterCents), strong: true }
      : doc.accountBalanceAfterCents < 0
        ? { label: 'En votre faveur', value: formatAmount(-doc.accountBalanceAfterCents), strong: true }
        : { label: 'Reste dû sur votre compte', value: formatAmount(0), strong: true, note: 'Votre compte est à jour.' },
  );
  sheet.totals(rows);

  signature(sheet, doc.issuer, 'Le régisseur de recettes', doc.cashier);
  smallPrint(sheet, [
    'Conservez ce reçu : il justifie votre paiement. Un paiement par chèque est reçu sous réserve d’encaissement.',
    dataProtectionText(doc.issuer),
  ]);
  sheet.finish();
  return sheet;
}
