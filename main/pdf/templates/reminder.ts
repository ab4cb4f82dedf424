import type { PDFDocument } from '@cantoo/pdf-lib';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { dataProtectionText, publicAccountantText } from '../../../shared/print/legal.js';
import { REMINDER_TITLES, type ReminderDocument, reminderPaymentMethods } from '../../../shared/print/reminder.js';
import { formatAmount } from '../../../shared/print/text.js';
import { type Cell, type Column, CONTENT_WIDTH, type DocumentFonts, Sheet } from '../layout.js';
import { letterOpening, letterParagraph, signature, smallPrint } from './parts.js';

const COLUMNS: Column[] = [
  { header: 'Facture', width: CONTENT_WIDTH * 0.2 },
  { header: 'Période', width: CONTENT_WIDTH * 0.27 },
  { header: 'Échéance', width: CONTENT_WIDTH * 0.15 },
  { header: 'Montant', width: CONTENT_WIDTH * 0.19, align: 'right' },
  { header: 'Reste dû', width: CONTENT_WIDTH * 0.19, align: 'right' },
];

/** Lettre de relance (three levels), with the unpaid invoices and how to pay. */
export function drawReminder(pdf: PDFDocument, fonts: DocumentFonts, doc: ReminderDocument): Sheet {
  const title = REMINDER_TITLES[doc.level];
  const sheet = new Sheet(pdf, fonts, {
    issuer: doc.issuer,
    title: 'Lettre de relance',
    subtitle: `Restauration scolaire — ${title.toLowerCase()}`,
    references: [
      ['Référence', doc.reference],
      ['Date', formatFrenchDate(doc.issueDate)],
      ['Dossier famille', String(doc.dossierNumber)],
      ['À régler avant le', formatFrenchDate(doc.payBefore)],
    ],
    highlight: { label: `À régler avant le ${formatFrenchDate(doc.payBefore)}`, value: formatAmount(doc.totalRemainingCents) },
    recipient: doc.payer,
    runningTitle: `Lettre de relance ${doc.reference}`,
    footer: `${doc.issuer.name} · Lettre de relance ${doc.reference} · Dossier ${doc.dossierNumber}`,
  });
  const several = doc.invoices.length > 1;
  letterOpening(sheet, {
    date: doc.issueDate,
    subject: `${title} — ${several ? 'factures' : 'facture'} de restauration scolaire impayée${several ? 's' : ''}`,
    ...(doc.salutation ? { salutation: doc.salutation } : {}),
  });
  const these = several ? 'les factures ci-dessous restent impayées' : 'la facture ci-dessous reste impayée';
  const previous = doc.previousReminderDate ? ` du ${formatFrenchDate(doc.previousReminderDate)}` : '';
  const opening =
    doc.level === 1
      ? `Sauf erreur de notre part, ${these} à ce jour, alors que la date limite de paiement est dépassée.`
      : doc.level === 2
        ? `Malgré notre rappel${previous}, ${these} à ce jour.`
        : `Malgré nos rappels, dont le dernier${previous}, ${these} à ce jour.`;
  letterParagraph(sheet, opening);

  const rows: Cell[][] = doc.invoices.map((i) => [
    i.number,
    i.periodLabel,
    formatFrenchDate(i.dueDate),
    formatAmount(i.totalCents),
    formatAmount(i.remainingCents),
  ]);
  rows.push(['Total restant dû', '', '', '', formatAmount(doc.totalRemainingCents)]);
  sheet.table(COLUMNS, rows, { emphasis: (r) => r === rows.length - 1 });
  sheet.y += 10;

  letterParagraph(
    sheet,
    `Nous vous remercions de régler la somme de ${formatAmount(doc.totalRemainingCents)} avant le ` +
      `${formatFrenchDate(doc.payBefore)}. Si vous avez payé entre-temps, merci de ne pas tenir compte de ce courrier.`,
    true,
  );
  if (doc.level === 3) {
    letterParagraph(
      sheet,
      'Sans règlement à cette date, votre dossier sera transmis au comptable public, qui procédera au ' +
        'recouvrement forcé des sommes dues ; des frais de poursuite s’ajouteront alors à votre dette.',
    );
  }
  letterParagraph(
    sheet,
    'Si vous rencontrez des difficultés pour payer, contactez-nous sans attendre : un échéancier peut être ' +
      'étudié avec vous. Si vos ressources ont changé, un nouveau justificatif de quotient familial peut ' +
      'baisser votre tarif pour les prochaines périodes.',
  );
  sheet.box(
    'Comment payer ?',
    reminderPaymentMethods(doc.issuer).map((text) => ({ text, bullet: true, size: 8.8 })),
  );
  letterParagraph(sheet, 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.');
  signature(sheet, doc.issuer);
  smallPrint(sheet, [publicAccountantText(doc.issuer), dataProtectionText(doc.issuer)]);
  sheet.finish();
  return sheet;
}
