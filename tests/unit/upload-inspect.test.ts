import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkedUpload } from '../../main/services/uploads/file-store.js';
import { INSPECT_MESSAGES, MAX_IMAGE_MEGAPIXELS } from '../../main/services/uploads/inspect.js';
import { jpegFixture, pdfFixture, pngChunk, pngFixture, zipFixture } from '../helpers/uploads.js';

/**
 * Uploads are checked by their structure (main/services/uploads/inspect.ts): the real files pass,
 * and each bogus payload of the table is refused with the message a person reads, naming the field.
 */

const message = (key: keyof typeof INSPECT_MESSAGES) => `Fichier\u00a0: ${INSPECT_MESSAGES[key]}`;
const NOT_A_FORMAT = 'Le fichier n’est ni un PDF, ni une image JPEG ou PNG.';

/** A PDF made by pdf-lib and changed before saving (an action, an attachment, encryption…). */
async function pdfWith(change: (doc: PDFDocument) => void | Promise<void>, objectStreams = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  await change(doc);
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
}

const action = (doc: PDFDocument, entries: Record<string, unknown>) =>
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(doc.context.obj(entries as Parameters<typeof doc.context.obj>[0])));

const PDF = await pdfFixture({ marker: 'CERTIFICAT' });
const JPEG = jpegFixture();
const PNG_FILE = pngFixture();
const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** A PNG whose IHDR declares another size (its CRC recomputed: only the size is wrong). */
function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.from(PNG_FILE.subarray(16, 29));
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  return Buffer.concat([PNG_FILE.subarray(0, 8), pngChunk('IHDR', ihdr), PNG_FILE.subarray(33)]);
}

/** A JPEG whose frame (SOF0) declares another size. */
function jpegDeclaring(width: number, height: number): Buffer {
  const copy = Buffer.from(JPEG);
  const sof = copy.indexOf(Buffer.from([0xff, 0xc0]));
  copy.writeUInt16BE(height, sof + 5);
  copy.writeUInt16BE(width, sof + 7);
  return copy;
}

/** The PNG with its first IDAT's data replaced (same length, CRC recomputed): a stream zlib cannot inflate. */
function pngWithBrokenData(): Buffer {
  const at = PNG_FILE.indexOf(latin1('IDAT')) - 4;
  const length = PNG_FILE.readUInt32BE(at);
  return Buffer.concat([PNG_FILE.subarray(0, at), pngChunk('IDAT', Buffer.alloc(length, 0x41)), PNG_FILE.subarray(at + 12 + length)]);
}

const IEND_AT = PNG_FILE.length - 12;

const BOGUS: [name: string, content: () => Buffer | Promise<Buffer>, expected: string][] = [
  ['zero bytes', () => Buffer.alloc(0), 'Fichier\u00a0: le fichier est vide.'],
  ['plain text', () => Buffer.from('bonjour, ceci est un texte'), NOT_A_FORMAT],
  ['GIFAR (a GIF with a JAR appended)', () => Buffer.concat([latin1('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), zipFixture('Evil.class')]), NOT_A_FORMAT],
  ['a fake PDF: a header and %%EOF, nothing between', () => latin1('%PDF-1.4\n% certificat\n%%EOF\n'), message('pdfUnreadable')],
  ['a truncated PDF', () => PDF.subarray(0, Math.floor(PDF.length / 2)), message('pdfUnreadable')],
  ['a PDF header followed by garbage', () => Buffer.concat([latin1('%PDF-1.7\n'), Buffer.alloc(4096, 0x37)]), message('pdfUnreadable')],
  ['a PDF header, garbage and a forged end', () => Buffer.concat([latin1('%PDF-1.7\n'), Buffer.alloc(4096, 0x37), latin1('\nstartxref\n9\n%%EOF\n')]), message('pdfUnreadable')],
  ['a PDF without a page', async () => Buffer.from(await (await PDFDocument.create()).save({ addDefaultPage: false })), message('pdfNoPage')],
  ['a PDF with a ZIP appended (PDF + ZIP polyglot)', () => Buffer.concat([PDF, zipFixture()]), message('polyglot')],
  ['a PDF hiding a ZIP in a stream before its end', () => pdfWith((doc) => void doc.context.register(doc.context.stream(zipFixture()))), message('polyglot')],
  ['HTML disguised as a PDF', () => latin1('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n'), message('polyglot')],
  ['a PDF with an HTML comment in its first kilobyte', () => Buffer.concat([latin1('%PDF-1.7\n%<script>alert(1)</script>\n'), PDF.subarray(9)]), message('polyglot')],
  ['a PDF opening with JavaScript', () => pdfWith((doc) => action(doc, { S: 'JavaScript', JS: PDFString.of('app.alert(1)') })), message('pdfActive')],
  ['a PDF with JavaScript inside a compressed object stream', () => pdfWith((doc) => action(doc, { S: 'JavaScript', JS: PDFString.of('app.alert(1)') }), true), message('pdfActive')],
  [
    'a PDF with document-level JavaScript (its names tree), compressed',
    () =>
      pdfWith((doc) => {
        const script = doc.context.register(doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
        const names = doc.context.obj({ Names: [PDFString.of('ouverture'), script] });
        doc.catalog.set(PDFName.of('Names'), doc.context.obj({ JavaScript: names }));
      }, true),
    message('pdfActive'),
  ],
  ['a PDF with a launch action', () => pdfWith((doc) => action(doc, { S: 'Launch', F: PDFString.of('calc.exe') })), message('pdfActive')],
  ['a PDF with an attached file', () => pdfWith((doc) => doc.attach(Buffer.from('MZ'), 'programme.exe', { mimeType: 'application/octet-stream' })), message('pdfActive')],
  ['an encrypted PDF', () => pdfWith((doc) => doc.encrypt({ userPassword: 'secret', ownerPassword: 'owner' })), message('pdfEncrypted')],
  ['a truncated JPEG', () => JPEG.subarray(0, Math.floor(JPEG.length * 0.6)), message('jpegUnreadable')],
  ['a JPEG header followed by garbage', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), Buffer.alloc(2048, 0x42)]), message('jpegUnreadable')],
  ['the first bytes of a JPEG alone', () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), message('jpegUnreadable')],
  ['a JPEG with a ZIP appended after EOI', () => Buffer.concat([JPEG, zipFixture()]), message('polyglot')],
  ['a JPEG with a PDF appended after EOI', () => Buffer.concat([JPEG, PDF]), message('polyglot')],
  ['a JPEG with trailing data after EOI', () => Buffer.concat([JPEG, Buffer.from('données cachées après la fin de l’image')]), message('trailingData')],
  ['a JPEG whose comment holds a PDF header', () => Buffer.from(jpegFixture(32, 24, 0, ['%PDF-1.4 1 0 obj'])), message('polyglot')],
  ['a JPEG declaring 10,000 × 10,000 pixels', () => jpegDeclaring(10_000, 10_000), message('imageTooLarge')],
  ['a JPEG whose frame was changed (does not decode)', () => jpegDeclaring(33, 3000), message('jpegUnreadable')],
  ['a PNG with data after IEND', () => Buffer.concat([PNG_FILE, Buffer.from('données cachées')]), message('trailingData')],
  ['a PNG with a ZIP after IEND', () => Buffer.concat([PNG_FILE, zipFixture()]), message('polyglot')],
  ['a PNG declaring 20,000 × 20,000 pixels', () => pngDeclaring(20_000, 20_000), message('imageTooLarge')],
  ['a PNG declaring 0 pixels', () => pngDeclaring(0, 24), message('pngUnreadable')],
  ['a truncated PNG', () => PNG_FILE.subarray(0, IEND_AT - 10), message('pngUnreadable')],
  ['a PNG with a wrong CRC', () => Buffer.concat([PNG_FILE.subarray(0, IEND_AT - 1), Buffer.from([PNG_FILE[IEND_AT - 1]! ^ 0xff]), PNG_FILE.subarray(IEND_AT)]), message('pngUnreadable')],
  ['a PNG whose image data does not inflate', () => pngWithBrokenData(), message('pngUnreadable')],
  ['a PNG with a web page in a text chunk', () => Buffer.concat([PNG_FILE.subarray(0, 33), pngChunk('tEXt', latin1('Comment\0<html><script>alert(1)</script>')), PNG_FILE.subarray(33)]), message('polyglot')],
];

const refusal = async (content: () => Buffer | Promise<Buffer>) => {
  const bytes = await content();
  try {
    checkedUpload(bytes.toString('base64'));
  } catch (error) {
    return error as { code: string; field: string; message: string };
  }
  return null;
};

describe('uploads checked by their structure', () => {
  it('has at least twenty bogus payloads', () => {
    expect(BOGUS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(BOGUS)('refuses %s', async (_name, content, expected) => {
    expect(await refusal(content)).toMatchObject({ code: 'VALIDATION', field: 'base64', message: expected });
  });

  it.each<[string, () => Buffer | Promise<Buffer>, string]>([
    ['a PDF made by pdf-lib', () => PDF, 'application/pdf'],
    ['a PDF of three pages with object streams (PDF 1.5)', () => pdfFixture({ pages: 3, objectStreams: true }), 'application/pdf'],
    ['a PDF with an incremental update appended', async () => Buffer.concat([PDF, latin1('\n'), Buffer.from(await pdfFixture()).subarray(9)]), 'application/pdf'],
    ['a JPEG encoded by jpeg-js', () => JPEG, 'image/jpeg'],
    ['a JPEG followed by zero padding', () => Buffer.concat([JPEG, Buffer.alloc(64)]), 'image/jpeg'],
    ['a JPEG followed by a second picture (a phone’s multi-picture file)', () => Buffer.concat([JPEG, jpegFixture(8, 8, 3)]), 'image/jpeg'],
    ['a PNG encoded by pngjs', () => PNG_FILE, 'image/png'],
    [`a PNG of ${MAX_IMAGE_MEGAPIXELS} megapixels at most (a page scanned at 150 dpi)`, () => pngFixture(1240, 1754), 'image/png'],
  ])('accepts %s', async (_name, content, mime) => {
    const bytes = await content();
    expect(checkedUpload(bytes.toString('base64'))).toMatchObject({ mime });
  });

  it('refuses a huge declared size before decoding it', () => {
    const started = performance.now();
    expect(() => checkedUpload(pngDeclaring(60_000, 60_000).toString('base64'))).toThrow(message('imageTooLarge'));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
