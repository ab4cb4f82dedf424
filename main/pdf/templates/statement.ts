import type { PDFDocument } from '@cantoo/pdf-lib';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { dataProtectionText, publicAccountantText } from '../../../shared/print/legal.js';
import { runningBalances, type StatementDocument } from '../../../shared/print/statement.js';
import { formatAmount } from '../../../shared/print/text.js';
import { type Cell, COLORS, type Column, CONTENT_WIDTH, type DocumentFonts, Sheet } from '../layout.js';
import { smallPrint } from './parts.js';

const COLUMNS: Column[] = [
  { header: 'Date', width: CONTENT_WIDTH * 0.13 },
  { header: 'Opération', width: CONTENT_WIDTH * 0.33 },
  { header: 'Référence', width: CONTENT_WIDTH * 0.15 },
  { header: 'Débit', width: CONTENT_WIDTH * 0.13, align: 'right' },
  { header: 'Crédit', width: CONTENT_WIDTH * 0.13, align: 'right' },
  { header: 'Solde', width: CONTENT_WIDTH * 0.13, align: 'right' },
];

const amountOrBlank = (cents: number) => (cents === 0 ? '' : formatAmount(cents));

/** Relevé de compte: opening balance, every operation with the running balance, closing balance. */
export function drawStatement(pdf: PDFDocument, fonts: DocumentFonts, doc: StatementDocument): Sheet {
  const period = `du ${formatFrenchDate(doc.from)} au ${formatFrenchDate(doc.to)}`;
  const sheet = new Sheet(pdf, fonts, {
    issuer: doc.issuer,
    title: 'Relevé de compte',
    subtitle: `Restauration scolaire — ${period}`,
    references: [
      ['Date', formatFrenchDate(doc.issueDate)],
      ['Dossier famille', String(doc.dossierNumber)],
      ['Du', formatFrenchDate(doc.from)],
      ['Au', formatFrenchDate(doc.to)],
    ],
    highlight: {
      label: doc.closingBalanceCents < 0 ? 'Solde en votre faveur' : `Reste dû au ${formatFrenchDate(doc.to)}`,
      value: formatAmount(Math.abs(doc.closingBalanceCents)),
    },
    recipient: doc.payer,
    runningTitle: `Relevé de compte ${period}`,
    footer: `${doc.issuer.name} · Relevé de compte · Dossier ${doc.dossierNumber}`,
  });

  if (doc.children && doc.children.length > 0) {
    sheet.paragraph(`Enfants : ${doc.children.join(', ')}`, { size: 9.5, gapAfter: 6 });
  }
  const balances = runningBalances(doc);
  const rows: Cell[][] = [
    [formatFrenchDate(doc.from), 'Solde au début de la période', '', '', '', formatAmount(doc.openingBalanceCents)],
    ...doc.entries.map((e, i) => [
      formatFrenchDate(e.date),
      e.label,
      e.reference ?? '',
      amountOrBlank(e.debitCents),
      amountOrBlank(e.creditCents),
      formatAmount(balances[i]!),
    ]),
    [formatFrenchDate(doc.to), 'Solde à la fin de la période', '', '', '', formatAmount(doc.closingBalanceCents)],
  ];
  const last = rows.length - 1;
  sheet.table(COLUMNS, rows, { size: 8.5, emphasis: (r) => r === 0 || r === last });
  sheet.y += 5;
  sheet.paragraph('Débit : sommes facturées. Crédit : paiements et avoirs. Solde : ce qui reste dû ; un solde négatif (−) est en votre faveur.', {
    size: 8,
    color: COLORS.muted,
    gapAfter: 10,
  });

  const closing = doc.closingBalanceCents;
  const portal = doc.issuer.portal.name;
  sheet.paragraph(
    closing > 0
      ? `Vous restez devoir ${formatAmount(closing)} au ${formatFrenchDate(doc.to)}. Vous pouvez régler en ligne sur ${portal}, ou à la régie (chèque, espèces, carte bancaire), en rappelant les numéros des factures.`
      : closing < 0
        ? `Votre compte présente un avoir de ${formatAmount(-closing)} en votre faveur au ${formatFrenchDate(doc.to)} : il sera déduit de vos prochaines factures.`
        : `Votre compte est à jour au ${formatFrenchDate(doc.to)} : vous ne devez rien.`,
    { size: 10, lineHeight: 13, bold: true, gapAfter: 8 },
  );

  smallPrint(sheet, [publicAccountantText(doc.issuer), dataProtectionText(doc.issuer)]);
  sheet.finish();
  return sheet;
}
