import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  type PDFObject,
  PDFObjectStreamParser,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFXRefStreamParser,
} from '@cantoo/pdf-lib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AppError } from '../../../shared/contract/errors.js';

/**
 * Uploads checked by their structure, not only by their first bytes (issue 9, « Hygiène des
 * entrées »): a PDF must parse (pdf-lib's parser, driven synchronously), have a catalog and at
 * least one page, and carry neither encryption nor JavaScript, launch actions or attached files; a
 * JPEG or a PNG must decode completely, its declared size capped before any decoding; and a file
 * holding a second format where a reader would find it (a ZIP directory at its end, a web page in
 * its first kilobyte, a PDF header inside an image, data after an image's end) is refused.
 * Everything is synchronous: an upload is at most 10 Mo, and an image of 40 megapixels at most
 * decodes in a few seconds.
 */

export type UploadMime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The largest image decoded: 40 megapixels (a page scanned at 600 dpi is about 35). */
export const MAX_IMAGE_MEGAPIXELS = 40;
const MAX_PIXELS = MAX_IMAGE_MEGAPIXELS * 1_000_000;

const FIELD = 'base64';
const refuse = (message: string): never => {
  throw AppError.invalid(FIELD, `Fichier\u00a0: ${message}`);
};

export const INSPECT_MESSAGES = {
  pdfUnreadable: 'ce PDF est illisible ou incomplet.',
  pdfNoPage: 'ce PDF n’a aucune page.',
  pdfEncrypted: 'ce PDF est protégé par un mot de passe ou chiffré\u00a0; déposez-en une version non protégée.',
  pdfActive: 'ce PDF contient du JavaScript, une action de lancement ou des fichiers joints\u00a0; il est refusé.',
  jpegUnreadable: 'cette image JPEG est illisible ou incomplète.',
  pngUnreadable: 'cette image PNG est illisible ou incomplète.',
  imageTooLarge: `image trop grande (${MAX_IMAGE_MEGAPIXELS}\u00a0mégapixels au plus).`,
  trailingData: 'des données suivent la fin de l’image\u00a0; elle est refusée.',
  polyglot: 'ce fichier contient aussi un autre format (archive, page web ou PDF)\u00a0; il est refusé.',
} as const;

/** Checks an upload whose first bytes said `mime`; throws an AppError (French, field `base64`) when it is refused. */
export function inspectUpload(content: Buffer, mime: UploadMime): void {
  refusePolyglot(content, mime);
  if (mime === 'application/pdf') inspectPdf(content);
  else if (mime === 'image/jpeg') inspectJpeg(content);
  else inspectPng(content);
}

// ─── Polyglots ────────────────────────────────────────────────────────────────────────────────

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
const ZIP_END = ascii('PK\x05\x06');
const ZIP_LOCAL = ascii('PK\x03\x04');
const PDF_HEADER = ascii('%PDF-');
/** A ZIP reader looks for its end record in the last 22 + 65,535 bytes. */
const ZIP_TAIL = 22 + 0xffff;
/** What a browser sniffing the first bytes would take for a web page. */
const HTML_MARKERS = /<(?:script|html|!doctype\s+html|head|body|iframe|svg|object|embed)[\s>/]/i;

function refusePolyglot(content: Buffer, mime: UploadMime): void {
  const head = content.subarray(0, 1024);
  if (HTML_MARKERS.test(head.toString('latin1'))) refuse(INSPECT_MESSAGES.polyglot);
  if (content.subarray(Math.max(0, content.length - ZIP_TAIL)).includes(ZIP_END)) refuse(INSPECT_MESSAGES.polyglot);
  // A PDF reader takes a file whose first kilobyte holds « %PDF- »: not in an image.
  if (mime !== 'application/pdf' && head.includes(PDF_HEADER)) refuse(INSPECT_MESSAGES.polyglot);
}

/** Another format's signature in bytes that follow an image's end. */
function holdsAnotherFormat(bytes: Buffer): boolean {
  return bytes.includes(ZIP_LOCAL) || bytes.includes(ZIP_END) || bytes.includes(PDF_HEADER) || HTML_MARKERS.test(bytes.toString('latin1')) || bytes.includes(ascii('Rar!'));
}

// ─── PDF ──────────────────────────────────────────────────────────────────────────────────────

/** Names that make a PDF act (scripts, launch, submitted data, attached or embedded files). */
const ACTIVE_NAMES = new Set(['JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'RichMedia', 'XFA', 'ImportData', 'SubmitForm']);
/** The same names written in the file's bytes, outside compressed streams (a lenient reader could act on an object pdf-lib skips). */
const ACTIVE_RAW = /\/(?:JS|JavaScript|Launch|EmbeddedFiles?|RichMedia|XFA)(?=[\s/<>[\]()%])/;

/** pdf-lib's parser, whose document-level methods are private and asynchronous: what is driven here. */
interface ParserInternals {
  bytes: { done(): boolean; offset(): number; moveTo(offset: number): void; peek(): number };
  context: PDFContext;
  parseHeader(): unknown;
  parseIndirectObjectHeader(): PDFRef;
  parseObject(ref?: PDFRef): PDFObject;
  skipWhitespaceAndComments(): void;
  matchKeyword(keyword: number[]): boolean;
  tryToParseInvalidIndirectObject(): void;
  skipJibberish(): void;
  maybeParseCrossRefSection(): void;
  maybeParseTrailerDict(): void;
  maybeParseTrailer(): void;
  maybeRecoverRoot(): void;
}

interface ObjectStreamInternals {
  bytes: { moveTo(offset: number): void };
  firstOffset: number;
  parseOffsetsAndObjectNumbers(): { objectNumber: number; offset: number }[];
  parseObject(ref?: PDFRef): PDFObject;
}

const keyword = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const ENDOBJ = keyword('endobj');
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/** PDFParser.parseDocument without its waits: the same steps, run synchronously. */
function parsePdf(content: Uint8Array): PDFContext {
  const parser = PDFParser.forBytesWithOptions(content) as unknown as ParserInternals;
  const { bytes, context } = parser;
  context.header = parser.parseHeader() as PDFContext['header'];
  let previous: number | undefined;
  while (!bytes.done()) {
    parser.skipWhitespaceAndComments();
    while (!bytes.done() && isDigit(bytes.peek())) {
      const start = bytes.offset();
      try {
        const ref = parser.parseIndirectObjectHeader();
        parser.skipWhitespaceAndComments();
        const object = parser.parseObject(ref);
        parser.skipWhitespaceAndComments();
        parser.matchKeyword(ENDOBJ);
        if (object instanceof PDFRawStream && object.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm')) {
          parseObjectStream(object);
        } else if (object instanceof PDFRawStream && object.dict.lookup(PDFName.of('Type')) === PDFName.of('XRef')) {
          PDFXRefStreamParser.forStream(object).parseIntoContext();
        }
        context.assign(ref, object);
      } catch {
        bytes.moveTo(start);
        parser.tryToParseInvalidIndirectObject();
      }
      parser.skipWhitespaceAndComments();
      parser.skipJibberish();
    }
    parser.maybeParseCrossRefSection();
    parser.maybeParseTrailerDict();
    parser.maybeParseTrailer();
    parser.skipJibberish();
    const offset = bytes.offset();
    if (offset === previous) throw new Error('stalled');
    previous = offset;
  }
  parser.maybeRecoverRoot();
  return context;
}

function parseObjectStream(stream: PDFRawStream): void {
  const parser = PDFObjectStreamParser.forStream(stream) as unknown as ObjectStreamInternals;
  for (const { objectNumber, offset } of parser.parseOffsetsAndObjectNumbers()) {
    parser.bytes.moveTo(parser.firstOffset + offset);
    const ref = PDFRef.of(objectNumber, 0);
    stream.dict.context.assign(ref, parser.parseObject(ref));
  }
}

const MAX_DEPTH = 64;

/** Whether the page tree under `node` has at least one page (cycles and depth bounded). */
function hasPage(context: PDFContext, node: PDFObject | undefined, seen: Set<PDFObject>, depth: number): boolean {
  const dict = node instanceof PDFRef ? context.lookup(node) : node;
  if (!(dict instanceof PDFDict) || seen.has(dict) || depth > MAX_DEPTH) return false;
  seen.add(dict);
  const type = dict.get(PDFName.of('Type'));
  if (type === PDFName.of('Page')) return true;
  const kids = dict.lookup(PDFName.of('Kids'));
  if (!(kids instanceof PDFArray)) return false;
  for (let i = 0; i < kids.size(); i++) {
    if (hasPage(context, kids.get(i), seen, depth + 1)) return true;
  }
  return false;
}

/** Whether an object (a dict's keys and values, an array's items, a stream's dict) names an active feature. */
function isActive(object: PDFObject, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (object instanceof PDFName) return ACTIVE_NAMES.has(object.decodeText());
  if (object instanceof PDFRawStream) return isActive(object.dict, depth + 1);
  if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) {
      if (ACTIVE_NAMES.has(key.decodeText()) || isActive(value, depth + 1)) return true;
    }
    return false;
  }
  if (object instanceof PDFArray) {
    for (let i = 0; i < object.size(); i++) if (isActive(object.get(i), depth + 1)) return true;
  }
  return false;
}

/** The end of a PDF: `startxref` and `%%EOF` in its last kilobyte (a truncated file has neither). */
function hasEnd(content: Buffer): boolean {
  const tail = content.subarray(Math.max(0, content.length - 1024)).toString('latin1');
  return tail.includes('startxref') && /%%EOF\s*$/.test(tail);
}

function inspectPdf(content: Buffer): void {
  // Checked before parsing: pdf-lib's lenient parser reads garbage byte by byte, slowly.
  if (!hasEnd(content)) refuse(INSPECT_MESSAGES.pdfUnreadable);
  let context: PDFContext;
  try {
    context = parsePdf(content);
  } catch {
    return refuse(INSPECT_MESSAGES.pdfUnreadable);
  }
  if (context.trailerInfo.Encrypt !== undefined) refuse(INSPECT_MESSAGES.pdfEncrypted);
  const catalog = context.trailerInfo.Root === undefined ? undefined : context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict) || catalog.get(PDFName.of('Type')) !== PDFName.of('Catalog')) refuse(INSPECT_MESSAGES.pdfUnreadable);
  const root = catalog as PDFDict;
  if (!hasPage(context, root.get(PDFName.of('Pages')), new Set(), 0)) refuse(INSPECT_MESSAGES.pdfNoPage);
  if (ACTIVE_RAW.test(content.toString('latin1'))) refuse(INSPECT_MESSAGES.pdfActive);
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (isActive(object)) refuse(INSPECT_MESSAGES.pdfActive);
  }
  if (isActive(root)) refuse(INSPECT_MESSAGES.pdfActive);
}

// ─── Images ───────────────────────────────────────────────────────────────────────────────────

function refuseLarge(width: number, height: number, unreadable: string): void {
  if (width <= 0 || height <= 0) refuse(unreadable);
  if (width * height > MAX_PIXELS) refuse(INSPECT_MESSAGES.imageTooLarge);
}

/** What follows an image's end: nothing, padding, or (JPEG) the further pictures of a phone's multi-picture file. */
function checkTrailing(trailing: Buffer, mayHoldPictures: boolean): void {
  if (trailing.length === 0) return;
  if (holdsAnotherFormat(trailing)) refuse(INSPECT_MESSAGES.polyglot);
  const padding = trailing.every((b) => b === 0x00 || b === 0xff || b === 0x0a || b === 0x0d || b === 0x20);
  const pictures = mayHoldPictures && trailing[0] === 0xff && trailing[1] === 0xd8 && trailing[2] === 0xff;
  if (!padding && !pictures) refuse(INSPECT_MESSAGES.trailingData);
}

const PNG_SIGNATURE_LENGTH = 8;

function inspectPng(content: Buffer): void {
  const unreadable = INSPECT_MESSAGES.pngUnreadable;
  // Chunks walked up to IEND: IHDR first (its size checked before decoding), nothing after IEND.
  let at = PNG_SIGNATURE_LENGTH;
  let end = -1;
  let first = true;
  while (at + 12 <= content.length) {
    const length = content.readUInt32BE(at);
    const type = content.toString('latin1', at + 4, at + 8);
    if (length > content.length - at - 12) refuse(unreadable);
    if (first) {
      if (type !== 'IHDR' || length !== 13) refuse(unreadable);
      refuseLarge(content.readUInt32BE(at + 8), content.readUInt32BE(at + 12), unreadable);
      first = false;
    }
    at += 12 + length;
    if (type === 'IEND') {
      end = at;
      break;
    }
  }
  if (end < 0) refuse(unreadable);
  checkTrailing(content.subarray(end), false);
  try {
    PNG.sync.read(content, { checkCRC: true });
  } catch {
    refuse(unreadable);
  }
}

/** SOF markers (C0–CF but DHT C4, JPG C8, DAC CC): they declare the image's size. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function inspectJpeg(content: Buffer): void {
  const unreadable = INSPECT_MESSAGES.jpegUnreadable;
  // Segments walked up to EOI, the frame's size checked before decoding.
  let at = 2;
  let end = -1;
  let frame = false;
  while (at < content.length) {
    if (content[at] !== 0xff) refuse(unreadable);
    while (at < content.length && content[at] === 0xff) at++;
    const marker = content[at++];
    if (marker === undefined) break;
    if (marker === 0xd9) {
      end = at;
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (at + 2 > content.length) refuse(unreadable);
    const length = content.readUInt16BE(at);
    if (length < 2 || at + length > content.length) refuse(unreadable);
    if (isStartOfFrame(marker)) {
      if (length < 7) refuse(unreadable);
      refuseLarge(content.readUInt16BE(at + 5), content.readUInt16BE(at + 3), unreadable);
      frame = true;
    }
    at += length;
    if (marker === 0xda) {
      // Entropy-coded data: up to the next marker that is neither a stuffed 0xFF00 nor a restart.
      while (at + 1 < content.length) {
        const next = content[at + 1] as number;
        if (content[at] === 0xff && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        at++;
      }
      if (at + 1 >= content.length) refuse(unreadable);
    }
  }
  if (end < 0 || !frame) refuse(unreadable);
  checkTrailing(content.subarray(end), true);
  try {
    jpeg.decode(content, { useTArray: true, tolerantDecoding: false, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS });
  } catch {
    refuse(unreadable);
  }
}
