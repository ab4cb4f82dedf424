import { PDFDocument, PDFName, PDFString, StandardFonts } from '@cantoo/pdf-lib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Real files for the upload tests (uploads are checked by their structure: a PDF must parse, an
 * image must decode): a PDF made with pdf-lib, a JPEG encoded by jpeg-js, a PNG by pngjs.
 */

export interface PdfOptions {
  /** Written in clear in the file (its Info dictionary), to tell files apart or look for them. */
  marker?: string;
  /** An unreferenced stream of this many bytes, to make a larger file. */
  padding?: number;
  pages?: number;
  /** pdf-lib's object streams (compressed objects, PDF 1.5); off by default so the marker stays readable. */
  objectStreams?: boolean;
}

/** A valid PDF of one page (or `pages`), with `marker` readable in its bytes. */
export async function pdfFixture(options: PdfOptions = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) {
    doc.addPage([595, 842]).drawText(`Certificat ${i + 1}`, { x: 72, y: 760, size: 14, font });
  }
  if (options.marker !== undefined) {
    const info = doc.context.lookup(doc.context.trailerInfo.Info);
    if (info && 'set' in info) (info as { set(k: PDFName, v: PDFString): void }).set(PDFName.of('Guichet'), PDFString.of(options.marker));
  }
  if (options.padding) doc.context.register(doc.context.stream(new Uint8Array(options.padding).fill(7)));
  return Buffer.from(await doc.save({ useObjectStreams: options.objectStreams ?? false }));
}

/** Pixels of a small gradient: RGBA, `width` × `height`. */
function pixels(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 8 + seed) & 0xff;
      data[i + 1] = (y * 8 + seed * 3) & 0xff;
      data[i + 2] = ((x + y) * 4) & 0xff;
      data[i + 3] = 0xff;
    }
  }
  return data;
}

/** A valid baseline JPEG (jpeg-js), `seed` making files differ, with `comments` (COM segments) if given. */
export function jpegFixture(width = 32, height = 24, seed = 0, comments?: string[]): Buffer {
  return Buffer.from(jpeg.encode({ width, height, data: pixels(width, height, seed), ...(comments ? { comments } : {}) }, 80).data);
}

/** A valid PNG (pngjs), `seed` making files differ. */
export function pngFixture(width = 32, height = 24, seed = 0): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height, seed).copy(png.data);
  return PNG.sync.write(png);
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal ZIP archive (one stored file): what a polyglot hides after or inside another format. */
export function zipFixture(name = 'evil.js', content = 'alert(1)'): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localSize = local.length + fileName.length + data.length;
  const centralSize = central.length + fileName.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
