import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { type InvoiceDocument, invoiceTexts, onlinePaymentSentence } from '../../../shared/print/invoice.js';
import { formatAmount } from '../../../shared/print/text.js';
import { type Cell, COLORS, type Column, CONTENT_WIDTH, type DocumentFonts, Sheet } from '../layout.js';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { smallPrint } from './parts.js';

const COLUMNS: Column[] = [
  { header: 'Enfant', width: CONTENT_WIDTH * 0.22 },
  { header: 'École', width: CONTENT_WIDTH * 0.27 },
  { header: 'Désignation', width: CONTENT_WIDTH * 0.36 },
  { header: 'Montant', width: CONTENT_WIDTH * 0.15, align: 'right' },
];

function highlightOf(doc: InvoiceDocument): { label: string; value: string } {
  if (doc.variant === 'credit_note' || doc.remainingCents < 0) {
    return { label: 'En votre faveur', value: formatAmount(Math.abs(doc.remainingCents)) };
  }
  if (doc.remainingCents === 0) return { label: 'Facture réglée, rien à payer', value: formatAmount(0) };
  if (doc.directDebitDate) return { label: `Prélevé le ${formatFrenchDate(doc.directDebitDate)}`, value: formatAmount(doc.remainingCents) };
  return { label: `À payer avant le ${formatFrenchDate(doc.dueDate)}`, value: formatAmount(doc.remainingCents) };
}

/** Facture (or avoir): header, lines, totals, how to pay, how it is computed, legal mentions. */
export function drawInvoice(pdf: PDFDocument, fonts: DocumentFonts, doc: InvoiceDocument): Sheet {
  const creditNote = doc.variant === 'credit_note';
  const word = creditNote ? 'Avoir' : 'Facture';
  const texts = invoiceTexts(doc);
  const number = doc.provisional ? `${doc.number} (provisoire)` : doc.number;
  const references: [string, string][] = [
    [`${word} n°`, number],
    ['Date d’émission', formatFrenchDate(doc.issueDate)],
    ['Période', doc.period.label],
    ['Dossier famille', String(doc.dossierNumber)],
  ];
  if (!creditNote) {
    references.push(doc.directDebitDate ? ['Prélèvement le', formatFrenchDate(doc.directDebitDate)] : ['À payer avant le', formatFrenchDate(doc.dueDate)]);
  }
  const sheet = new Sheet(pdf, fonts, {
    issuer: doc.issuer,
    title: word,
    subtitle: `Restauration scolaire — ${doc.period.label}`,
    highlight: highlightOf(doc),
    references,
    recipient: doc.payer,
    runningTitle: `${word} ${doc.number}`,
    footer: `${doc.issuer.name} · SIRET ${doc.issuer.siret} · ${word} ${doc.number} · Dossier ${doc.dossierNumber}`,
  });

  if (doc.provisional) {
    sheet.paragraph(
      'Numéro provisoire : le numéro définitif de cette facture vous sera communiqué sur Mon Espace Famille dès sa publication.',
      { size: 8.5, color: COLORS.muted, gapAfter: 4 },
    );
  }
  if (creditNote && doc.corrects) {
    sheet.paragraph(`Cet avoir corrige la facture ${doc.corrects.invoiceNumber} : ${doc.corrects.reason}`, { size: 9.5, gapAfter: 6 });
  }
  const range = `du ${formatFrenchDate(doc.period.start)} au ${formatFrenchDate(doc.period.end)}`;
  sheet.paragraph(creditNote ? `Détail de l’avoir (période ${range})` : `Repas servis ${range}`, {
    size: 10.5,
    bold: true,
    gapAfter: 5,
  });

  const rows: Cell[][] = doc.lines.map((line) => [
    [{ text: line.childName ?? 'Famille', style: { bold: line.kind === 'meals' } }],
    line.school ?? '',
    line.label,
    formatAmount(line.amountCents),
  ]);
  sheet.table(COLUMNS, rows);
  sheet.y += 10;

  const totals: { label: string; value: string; strong?: boolean; note?: string }[] = [
    { label: creditNote ? 'Montant de l’avoir' : 'Total de la période', value: formatAmount(doc.totalCents) },
  ];
  if (doc.alreadyPaidCents > 0) {
    totals.push({ label: 'Déjà réglé ou déduit', value: formatAmount(-doc.alreadyPaidCents) });
  }
  if (creditNote || doc.remainingCents < 0) {
    totals.push({
      label: 'En votre faveur',
      value: formatAmount(Math.abs(doc.remainingCents)),
      strong: true,
      note: 'Déduit de vos prochaines factures.',
    });
  } else if (doc.remainingCents === 0) {
    totals.push({ label: 'Reste à payer', value: formatAmount(0), strong: true, note: 'Rien à payer : cette facture est réglée.' });
  } else {
    totals.push({
      label: 'Reste à payer',
      value: formatAmount(doc.remainingCents),
      strong: true,
      note: doc.directDebitDate
        ? `Prélevé sur votre compte le ${formatFrenchDate(doc.directDebitDate)}`
        : `À régler avant le ${formatFrenchDate(doc.dueDate)}`,
    });
  }
  sheet.totals(totals);

  if (!creditNote && doc.remainingCents > 0) {
    if (doc.directDebitDate) {
      sheet.box('Paiement', [
        {
          text: `Vous avez choisi le prélèvement automatique : ${formatAmount(doc.remainingCents)} seront prélevés le ${formatFrenchDate(doc.directDebitDate)}. Vous n’avez rien à faire.`,
          size: 9.5,
        },
      ]);
    } else {
      sheet.box('Comment payer ?', [
        { text: `${onlinePaymentSentence(doc.onlinePayment.date, doc.onlinePayment.time)}.`, bold: true, size: 9.5, gapAfter: 5 },
        ...texts.paymentMethods.map((text) => ({ text, bullet: true, size: 8.8 })),
        {
          text: `Rappelez toujours le numéro de facture ${doc.number} et votre numéro de dossier ${doc.dossierNumber}.`,
          size: 8.5,
          color: COLORS.muted,
        },
      ]);
    }
  }

  sheet.subheading('Comment est calculé le montant ?');
  sheet.paragraph(texts.calculationNote, { size: 8.5, gapAfter: 8 });

  smallPrint(sheet, texts.legalMentions);
  sheet.finish();
  return sheet;
}
