import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';

/** The printable sheet of a recovery code (placeholder layout; the print helper replaces it). */
export async function recoverySheetPdf(input: { code: string; issuedAt: string; issuedBy: string; keyIds: string[] }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  const font = await pdf.embedFont(StandardFonts.Courier);
  page.drawText(input.code, { x: 60, y: 700, size: 24, font });
  page.drawText(`${input.issuedAt} ${input.issuedBy} ${input.keyIds.join(' ')}`, { x: 60, y: 660, size: 10, font });
  return pdf.save();
}
