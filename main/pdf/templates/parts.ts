import { formatLongFrenchDate } from '../../../shared/domain/dates.js';
import type { Issuer } from '../../../shared/print/issuer.js';
import { COLORS, CONTENT_BOTTOM, MARGIN_X, RIGHT, type Sheet, WINDOW } from '../layout.js';

/** Pieces several templates share (letters, small print). */

/**
 * Small print at the bottom of the last page: pushed down to the footer when there is room,
 * else flowing onto a new page.
 */
export function smallPrint(sheet: Sheet, paragraphs: string[]): void {
  const size = 7;
  const lineHeight = 8.8;
  const gap = 3;
  const wrapped = paragraphs.map((p) => sheet.wrap(p, RIGHT - MARGIN_X, { size }));
  const height = wrapped.reduce((h, lines) => h + lines.length * lineHeight + gap, 0) + 6;
  if (height <= CONTENT_BOTTOM - sheet.y) sheet.y = CONTENT_BOTTOM - height;
  else sheet.ensure(Math.min(height, 120));
  sheet.hline(MARGIN_X, RIGHT, sheet.y, COLORS.rule, 0.4);
  sheet.y += 6;
  for (const lines of wrapped) {
    for (const line of lines) {
      sheet.ensure(lineHeight);
      sheet.text(line, MARGIN_X, sheet.y + size, { size, color: COLORS.muted });
      sheet.y += lineHeight;
    }
    sheet.y += gap;
  }
}

/** « Paris, le 12 mai 2026 », then « Objet : … » and the salutation. */
export function letterOpening(sheet: Sheet, options: { date: string; subject: string; salutation?: string }): void {
  sheet.text(`Paris, le ${formatLongFrenchDate(options.date)}`, RIGHT, sheet.y + 10, { size: 10, align: 'right' });
  sheet.y += 20;
  const label = 'Objet : ';
  const labelWidth = sheet.text(label, MARGIN_X, sheet.y + 10, { size: 10, bold: true });
  const lines = sheet.wrap(options.subject, RIGHT - MARGIN_X - labelWidth, { size: 10, bold: true });
  for (const line of lines) {
    sheet.text(line, MARGIN_X + labelWidth, sheet.y + 10, { size: 10, bold: true });
    sheet.y += 13;
  }
  sheet.y += 8;
  sheet.paragraph(options.salutation ?? 'Madame, Monsieur,', { size: 10, gapAfter: 5 });
}

/** Body paragraph of a letter. */
export function letterParagraph(sheet: Sheet, text: string, bold = false): void {
  sheet.paragraph(text, { size: 10, lineHeight: 13, gapAfter: 6, bold });
}

/** Signature block under the envelope window's column. */
export function signature(sheet: Sheet, issuer: Issuer, title = issuer.signatory.title, name = issuer.signatory.name): void {
  const width = RIGHT - WINDOW.x;
  const lines = sheet.wrap(title, width, { size: 9.5 });
  sheet.ensure(lines.length * 12.5 + 40);
  sheet.y += 6;
  for (const line of lines) {
    sheet.text(line, WINDOW.x, sheet.y + 9.5, { size: 9.5 });
    sheet.y += 12.5;
  }
  if (name) {
    sheet.y += 22;
    sheet.text(name, WINDOW.x, sheet.y + 10, { size: 10, bold: true });
    sheet.y += 14;
  } else {
    sheet.y += 30;
  }
}
