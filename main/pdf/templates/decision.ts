import type { PDFDocument } from '@cantoo/pdf-lib';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { DECISION_OUTCOME_LABELS, type DecisionDocument } from '../../../shared/print/decision.js';
import { dataProtectionText, decisionAppealText } from '../../../shared/print/legal.js';
import { type Cell, type Column, CONTENT_WIDTH, type DocumentFonts, Sheet } from '../layout.js';
import { letterOpening, letterParagraph, signature, smallPrint } from './parts.js';

const COLUMNS: Column[] = [
  { header: 'Condition', width: CONTENT_WIDTH * 0.42 },
  { header: 'Résultat', width: CONTENT_WIDTH * 0.16 },
  { header: 'Détail', width: CONTENT_WIDTH * 0.42 },
];

/** Decision letter (skeleton for the requests issue): outcome, body, checks, appeal routes. */
export function drawDecision(pdf: PDFDocument, fonts: DocumentFonts, doc: DecisionDocument): Sheet {
  const sheet = new Sheet(pdf, fonts, {
    issuer: doc.issuer,
    title: 'Décision',
    subtitle: DECISION_OUTCOME_LABELS[doc.outcome],
    references: [
      ['Référence', doc.reference],
      ['Date', formatFrenchDate(doc.issueDate)],
      ['Dossier famille', String(doc.dossierNumber)],
    ],
    recipient: doc.payer,
    runningTitle: `Décision ${doc.reference}`,
    footer: `${doc.issuer.name} · Décision ${doc.reference} · Dossier ${doc.dossierNumber}`,
  });
  letterOpening(sheet, { date: doc.issueDate, subject: doc.subject, ...(doc.salutation ? { salutation: doc.salutation } : {}) });
  letterParagraph(sheet, `Décision : ${DECISION_OUTCOME_LABELS[doc.outcome].toLowerCase()}.`, true);
  for (const paragraph of doc.paragraphs) letterParagraph(sheet, paragraph);
  if (doc.checks && doc.checks.length > 0) {
    sheet.heading('Conditions examinées');
    const rows: Cell[][] = doc.checks.map((c) => [
      c.label,
      [{ text: c.passed ? 'Remplie' : 'Non remplie', style: { bold: true } }],
      c.detail ?? '',
    ]);
    sheet.table(COLUMNS, rows);
    sheet.y += 10;
  }
  letterParagraph(sheet, 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.');
  signature(sheet, doc.issuer);
  smallPrint(sheet, [doc.appeal ?? decisionAppealText(doc.issuer), dataProtectionText(doc.issuer)]);
  sheet.finish();
  return sheet;
}
