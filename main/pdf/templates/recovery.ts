import type { PDFDocument } from '@cantoo/pdf-lib';
import { formatLongFrenchDateTime, formatTimestamp } from '../../../shared/domain/dates.js';
import type { Issuer } from '../../../shared/print/issuer.js';
import { COLORS, CONTENT_WIDTH, type DocumentFonts, MARGIN_X, Sheet } from '../layout.js';
import { smallPrint } from './parts.js';

/** What the recovery sheet prints: the code (shown once on screen), when, by whom, for which keys. */
export interface RecoverySheet {
  issuer: Issuer;
  /** `7K2M-ABCD-…`: groups of four joined by dashes. */
  code: string;
  /** ISO instant. */
  issuedAt: string;
  /** The administrator's login. */
  issuedBy: string;
  keyIds: string[];
}

/**
 * « Code de secours des certificats »: the Caisse's header, the code big, one box per group of
 * four, then what it is for and how to keep it. Printed once, kept in the safe.
 */
export function drawRecoverySheet(pdf: PDFDocument, fonts: DocumentFonts, doc: RecoverySheet): Sheet {
  const issued = formatLongFrenchDateTime(doc.issuedAt);
  const sheet = new Sheet(pdf, fonts, {
    issuer: doc.issuer,
    title: 'Code de secours',
    subtitle: 'Code de secours des certificats médicaux — Guichet',
    references: [
      ['Émis le', formatTimestamp(doc.issuedAt)],
      ['Par', doc.issuedBy],
      ['Clés', String(doc.keyIds.length)],
    ],
    recipient: { name: 'Administration de Guichet', addressLines: ['Document confidentiel', 'À conserver dans le coffre de la Caisse'] },
    runningTitle: 'Code de secours des certificats',
    footer: `${doc.issuer.name} · Code de secours des certificats · émis le ${formatTimestamp(doc.issuedAt)}`,
  });

  sheet.heading('Code de secours des certificats', 90);
  sheet.paragraph(`Émis le ${issued} par ${doc.issuedBy}.`, { size: 10, gapAfter: 10 });

  // The code, big: one box per group, side by side.
  const groups = doc.code.split('-');
  const gap = 12;
  const boxWidth = (CONTENT_WIDTH - gap * (groups.length - 1)) / groups.length;
  const boxHeight = 52;
  sheet.ensure(boxHeight + 30);
  const top = sheet.y;
  groups.forEach((group, i) => {
    const x = MARGIN_X + i * (boxWidth + gap);
    sheet.rect(x, top, boxWidth, boxHeight, { fill: COLORS.highlight, stroke: COLORS.accent, lineWidth: 1 });
    sheet.text(group, x + boxWidth / 2, top + 35, { size: 26, bold: true, align: 'center' });
  });
  sheet.y = top + boxHeight + 8;
  sheet.paragraph(`Le même code, d’un seul tenant\u00a0: ${doc.code}`, { size: 9, color: COLORS.muted, gapAfter: 4 });
  sheet.paragraph(
    'Les tirets et les majuscules ne comptent pas à la saisie\u00a0; le code ne contient ni la lettre O, ni les lettres I, L ou U\u00a0: un «\u00a00\u00a0» est un zéro, un «\u00a01\u00a0» est un un.',
    { size: 9, color: COLORS.muted, gapAfter: 12 },
  );

  sheet.box('À quoi sert ce code', [
    {
      text: 'Les certificats médicaux déposés dans Guichet sont chiffrés. Les clés qui les ouvrent restent sur le poste où elles ont été créées.',
      size: 10,
    },
    { text: 'Ce code est nécessaire pour ouvrir les certificats sur un nouvel ordinateur.', size: 10, bullet: true },
    { text: 'Il est aussi nécessaire après la restauration d’une sauvegarde sur un autre poste.', size: 10, bullet: true },
    {
      text: 'Il se saisit dans Guichet, Réglages › Clé des documents, «\u00a0Déverrouiller avec le code de secours\u00a0» (compte administrateur).',
      size: 10,
      bullet: true,
      gapAfter: 6,
    },
    { text: 'Sans ce code, un certificat dont la clé n’est pas sur le poste est perdu.', size: 10, bold: true },
  ]);

  sheet.box('Comment le garder', [
    { text: 'Gardez cette feuille dans le coffre de la Caisse, à part des sauvegardes.', size: 10, bullet: true },
    { text: 'Ne la photographiez pas, ne la scannez pas et ne l’envoyez pas par courriel.', size: 10, bullet: true },
    {
      text: 'Renouveler le code dans Guichet rend cette feuille inutile\u00a0: détruisez-la alors et gardez la nouvelle à sa place.',
      size: 10,
      bullet: true,
    },
    {
      text: 'Une nouvelle clé (changement de clé) est protégée par ce même code\u00a0: la feuille reste valable.',
      size: 10,
      bullet: true,
    },
  ]);

  sheet.subheading('Clés protégées par ce code');
  sheet.paragraph(doc.keyIds.join(', '), { size: 10, gapAfter: 8 });

  smallPrint(sheet, [
    `Feuille produite par Guichet le ${issued}. Le code n’est enregistré nulle part\u00a0: ni dans la base, ni dans les sauvegardes, ni sur ce poste.`,
  ]);
  sheet.finish();
  return sheet;
}
