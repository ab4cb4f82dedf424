import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@cantoo/fontkit';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { frenchText } from '../../shared/print/text.js';
import { TrueTypeSource } from './ttf-subset.js';

/**
 * The embedded font family (Liberation Sans 2, SIL OFL 1.1: resources/fonts/) and a fast text
 * engine around it.
 *
 * Speed matters (a period is ~9,000 invoices): fontkit parses each face once per process (or
 * worker) and pdf-lib is handed that parsed face for every document through a caching
 * « fontkit » (`FontEngine.fontkit`). pdf-lib only reads glyph ids and advance widths from
 * `font.layout()` (it never applies kerning offsets), so full OpenType shaping is replaced by a
 * per-code-point glyph map: same glyphs, same widths, an order of magnitude faster. Documents
 * still embed a subset of the face, built per document by a byte-copying subsetter
 * (ttf-subset.ts) instead of fontkit's, which re-encodes every table on each call.
 */

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

const FONT_FILES = { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' } as const;

/**
 * Where the TTF files are: resources/fonts when running from the sources (tsx, vitest), or
 * `fonts/` next to the bundle (scripts/build-electron.mjs copies them to dist/electron/fonts).
 */
export function defaultFontsDir(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith('.ts')) return join(dirname(here), '..', '..', 'resources', 'fonts');
  return join(dirname(here), 'fonts');
}

export function loadFontBytes(dir: string = defaultFontsDir()): FontBytes {
  try {
    return {
      regular: new Uint8Array(readFileSync(join(dir, FONT_FILES.regular))),
      bold: new Uint8Array(readFileSync(join(dir, FONT_FILES.bold))),
    };
  } catch (error) {
    throw new Error(`Polices des documents introuvables dans ${dir} (${FONT_FILES.regular}, ${FONT_FILES.bold}).`, {
      cause: error,
    });
  }
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

interface KitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface KitFont {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): KitGlyph | null;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: unknown): { glyphs: KitGlyph[] };
  createSubset(): unknown;
}

/** A parsed face with a code point → glyph map used for both layout and measuring. */
class Face {
  private readonly glyphs = new Map<number, KitGlyph>();
  readonly scale: number;

  constructor(
    readonly font: KitFont,
    bytes: Uint8Array,
    hinting: boolean,
  ) {
    this.scale = 1 / font.unitsPerEm;
    // The space's glyph first, so a glyph shared with U+00A0 extracts as a plain space.
    this.glyph(0x20);
    font.layout = (text: string) => ({ glyphs: this.glyphsOf(text) });
    const source = new TrueTypeSource(bytes, { hinting });
    font.createSubset = () => source.createSubset();
  }

  has(codePoint: number): boolean {
    return this.glyphs.has(codePoint) || this.font.hasGlyphForCodePoint(codePoint);
  }

  glyph(codePoint: number): KitGlyph {
    let glyph = this.glyphs.get(codePoint);
    if (!glyph) {
      glyph = this.font.glyphForCodePoint(codePoint) ?? this.font.glyphForCodePoint(0x3f)!;
      this.glyphs.set(codePoint, glyph);
    }
    return glyph;
  }

  glyphsOf(text: string): KitGlyph[] {
    const out: KitGlyph[] = [];
    for (const char of text) out.push(this.glyph(char.codePointAt(0)!));
    return out;
  }

  /** Width in points at `size`. */
  width(text: string, size: number): number {
    let units = 0;
    for (const char of text) units += this.glyph(char.codePointAt(0)!).advanceWidth;
    return units * this.scale * size;
  }
}

/** One per process or worker: parses the faces once. */
export class FontEngine {
  readonly regular: Face;
  readonly bold: Face;
  /** Hand to `PDFDocument.registerFontkit`: returns the already parsed faces. */
  readonly fontkit: Fontkit;

  /** `hinting`: keep TrueType hinting in the embedded subsets (bigger files; see ttf-subset.ts). */
  constructor(
    readonly bytes: FontBytes,
    options: { hinting?: boolean } = {},
  ) {
    const parse = (data: Uint8Array) => fontkit.create(data) as unknown as KitFont;
    const hinting = options.hinting ?? false;
    this.regular = new Face(parse(bytes.regular), bytes.regular, hinting);
    this.bold = new Face(parse(bytes.bold), bytes.bold, hinting);
    const byBytes = new Map<Uint8Array, KitFont>([
      [bytes.regular, this.regular.font],
      [bytes.bold, this.bold.font],
    ]);
    this.fontkit = {
      create: (data: Uint8Array) => {
        const font = byBytes.get(data);
        if (!font) throw new Error('FontEngine : police inconnue (seules les polices du moteur sont intégrées).');
        return font as never;
      },
    };
  }

  /**
   * The text as it will be printed: French typography (`frenchText`), and every character the
   * face lacks replaced by its base letter (« ǆ » → « dž » → …) or « ? », so no document ever
   * shows an empty box (.notdef, also forbidden by PDF/A).
   */
  prepare(text: string): string {
    let prepared = this.prepared.get(text);
    if (prepared === undefined) {
      if (this.prepared.size > 20_000) this.prepared.clear();
      prepared = this.substitute(frenchText(text));
      this.prepared.set(text, prepared);
    }
    return prepared;
  }

  private readonly prepared = new Map<string, string>();

  private substitute(typo: string): string {
    let ok = true;
    for (const char of typo) {
      if (char !== '\n' && !this.regular.has(char.codePointAt(0)!)) {
        ok = false;
        break;
      }
    }
    if (ok) return typo;
    let out = '';
    for (const char of typo) {
      if (char === '\n' || this.regular.has(char.codePointAt(0)!)) {
        out += char;
        continue;
      }
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => this.regular.has(c.codePointAt(0)!)) ? base : '?';
    }
    return out;
  }

  width(text: string, size: number, bold = false): number {
    return (bold ? this.bold : this.regular).width(text, size);
  }

  private readonly wrapped = new Map<string, string[]>();

  /**
   * Splits text into lines no wider than `width` points, at ordinary spaces and explicit line
   * breaks (no-break spaces keep « 13 repas », « 3,62 € », « : » together); a word longer than
   * the line is cut. Results are cached: the fixed wording of every document is wrapped once.
   */
  wrap(text: string, width: number, size: number, bold: boolean): string[] {
    const key = `${bold ? 'b' : 'r'}${size}|${width}|${text}`;
    const cached = this.wrapped.get(key);
    if (cached) return cached;
    const face = bold ? this.bold : this.regular;
    const space = face.width(' ', size);
    const lines: string[] = [];
    for (const paragraph of this.prepare(text).split('\n')) {
      let current = '';
      let currentWidth = 0;
      for (const word of paragraph.split(' ')) {
        if (word === '' && current !== '') continue;
        const wordWidth = face.width(word, size);
        if (current === '' || currentWidth + space + wordWidth <= width) {
          if (current === '') {
            current = word;
            currentWidth = wordWidth;
          } else {
            current += ` ${word}`;
            currentWidth += space + wordWidth;
          }
          if (currentWidth <= width) continue;
        } else {
          lines.push(current);
          current = word;
          currentWidth = wordWidth;
        }
        // A single word wider than the line: cut it.
        while (currentWidth > width && current.length > 1) {
          let cut = current.length - 1;
          while (cut > 1 && face.width(current.slice(0, cut), size) > width) cut--;
          lines.push(current.slice(0, cut));
          current = current.slice(cut);
          currentWidth = face.width(current, size);
        }
      }
      lines.push(current);
    }
    if (this.wrapped.size > 20_000) this.wrapped.clear();
    this.wrapped.set(key, lines);
    return lines;
  }
}
