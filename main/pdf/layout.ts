import { type Color, type PDFDocument, type PDFFont, type PDFPage, rgb } from '@cantoo/pdf-lib';
import type { Issuer } from '../../shared/print/issuer.js';
import type { Recipient } from '../../shared/print/common.js';
import type { FontEngine } from './fonts.js';

/**
 * The one page layout every document uses (A4 portrait): the Caisse's header, the title, the
 * reference box, the payer's address in the envelope window, running headers on continuation
 * pages, « Page i/n » footers, and the primitives templates draw with — text, wrapped
 * paragraphs, boxes and tables that flow onto new pages. Templates never draw a header or a
 * footer themselves.
 *
 * Coordinates are in points from the top-left corner of the page (pdf-lib's origin is the
 * bottom-left; the conversion lives here only). y is a text baseline unless stated otherwise.
 */

const mm = (value: number) => (value * 72) / 25.4;

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN_X = mm(15);
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN_X;
export const RIGHT = PAGE.width - MARGIN_X;

/**
 * Envelope window (DL 110 × 220 mm, window 45 × 100 mm at 20 mm from the right and 15 mm from the
 * bottom): with a letter folded in three, the address must sit within 45–95 mm from the top of
 * the page and 105–200 mm from its left edge. The block starts at 110 mm / 52 mm with room for
 * 6 lines of 13 pt.
 */
export const WINDOW = { x: mm(110), top: mm(52), width: mm(85), maxLines: 6 } as const;

const CONTENT_TOP_CONTINUATION = mm(26);
const FOOTER_RULE = PAGE.height - mm(15);
/** Lowest baseline for content (keeps clear of the footer). */
export const CONTENT_BOTTOM = PAGE.height - mm(19);

export const COLORS = {
  text: rgb(0.1, 0.11, 0.13),
  muted: rgb(0.36, 0.38, 0.42),
  accent: rgb(0.08, 0.24, 0.44),
  rule: rgb(0.75, 0.78, 0.82),
  fill: rgb(0.945, 0.953, 0.965),
  highlight: rgb(0.86, 0.91, 0.97),
  white: rgb(1, 1, 1),
} as const;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: Color;
}

export interface TextOptions extends TextStyle {
  align?: 'left' | 'right' | 'center';
}

/** Fonts of one PDFDocument (each document embeds its own subsets). */
export interface DocumentFonts {
  engine: FontEngine;
  regular: PDFFont;
  bold: PDFFont;
}

export async function embedFonts(pdf: PDFDocument, engine: FontEngine): Promise<DocumentFonts> {
  pdf.registerFontkit(engine.fontkit);
  // Subset fonts are named « ABCDEF+Name » (PDF 32000, 9.6.4); a random tag per document keeps
  // different subsets apart when pages of several files are combined.
  const tag = subsetTag();
  const [regular, bold] = await Promise.all([
    pdf.embedFont(engine.bytes.regular, { subset: true, customName: `${tag}+LiberationSans` }),
    pdf.embedFont(engine.bytes.bold, { subset: true, customName: `${tag}+LiberationSans-Bold` }),
  ]);
  return { engine, regular, bold };
}

function subsetTag(): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + Math.floor(Math.random() * 26));
  return tag;
}

/** What the shared header and footer print for one document. */
export interface Frame {
  issuer: Issuer;
  /** « Facture », « Reçu de paiement », … */
  title: string;
  /** Under the title: « Restauration scolaire — Mars / Avril 2026 ». */
  subtitle?: string;
  /**
   * The figure a reader looks for first, boxed under the title (« Montant à payer … 142,04 € »).
   * Kept above 42 mm from the top so it never shows through the envelope window.
   */
  highlight?: { label: string; value: string };
  /** Label/value pairs of the reference box (number, date, period, dossier, …). */
  references: [string, string][];
  recipient: Recipient;
  /** Running header of continuation pages: « Facture F2026-000123 ». */
  runningTitle: string;
  /** Left side of every footer. */
  footer: string;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table cell: plain text, or stacked lines (name in bold, school in small grey under it). */
export type Cell = string | { text: string; style?: TextStyle }[];

export interface TableOptions {
  /** Body text size (default 9). */
  size?: number;
  /** Repeat the header row on every new page (default true). */
  repeatHeader?: boolean;
  /** Shade every other row (default true). */
  zebra?: boolean;
  /** Rows drawn in bold with a highlight (totals). */
  emphasis?: (rowIndex: number) => boolean;
}

export interface BoxItem {
  text: string;
  size?: number;
  bold?: boolean;
  color?: Color;
  bullet?: boolean;
  /** Space after the item (default 3 pt). */
  gapAfter?: number;
}

interface Line {
  text: string;
  style: Required<TextStyle>;
}

/**
 * One logical document being drawn into a PDFDocument (a combined print file holds several,
 * each numbered « Page 1/n » on its own).
 */
export class Sheet {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** The next free line's top, in points from the top of the page. */
  y = 0;

  constructor(
    readonly pdf: PDFDocument,
    readonly fonts: DocumentFonts,
    readonly frame: Frame,
  ) {
    this.addPage();
  }

  /* ---------- pages ---------- */

  addPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    if (this.pages.length === 1) this.drawFirstPageHeader();
    else this.drawRunningHeader();
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.addPage();
  }

  /** Room left on the current page. */
  get remaining(): number {
    return CONTENT_BOTTOM - this.y;
  }

  private drawFirstPageHeader(): void {
    const { issuer } = this.frame;
    // Issuer, top left.
    let y = mm(14);
    for (const line of this.wrap(issuer.name, mm(88), { size: 11, bold: true })) {
      this.text(line, MARGIN_X, y + 9, { size: 11, bold: true, color: COLORS.accent });
      y += 13;
    }
    y += 2;
    const small = { size: 8.5, color: COLORS.muted };
    for (const line of [
      ...issuer.addressLines,
      `Tél. ${issuer.phone} · ${issuer.email}`,
      issuer.portal.url.replace(/^https?:\/\//, ''),
    ]) {
      this.text(line, MARGIN_X, y + 8, small);
      y += 10.5;
    }
    // Title, top right.
    this.text(this.frame.title, WINDOW.x, mm(14) + 20, { size: 22, bold: true, color: COLORS.accent });
    let sy = mm(14) + 36;
    if (this.frame.subtitle) {
      for (const line of this.wrap(this.frame.subtitle, RIGHT - WINDOW.x, { size: 10 }).slice(0, 2)) {
        this.text(line, WINDOW.x, sy, { size: 10, color: COLORS.text });
        sy += 12.5;
      }
    }
    if (this.frame.highlight) {
      const height = 26;
      const top = Math.min(Math.max(sy - 2, mm(30)), mm(42) - height);
      const width = RIGHT - WINDOW.x;
      this.rect(WINDOW.x, top, width, height, { fill: COLORS.highlight });
      this.rect(WINDOW.x, top, 3, height, { fill: COLORS.accent });
      const value = this.frame.highlight.value;
      const valueWidth = this.width(value, { size: 13, bold: true });
      const label = this.fit(this.frame.highlight.label, width - valueWidth - 24, { size: 9.5 });
      this.text(label, WINDOW.x + 10, top + 17, { size: 9.5 });
      this.text(value, RIGHT - 8, top + 17.5, { size: 13, bold: true, align: 'right' });
    }
    // Reference box, left, level with the address window.
    const refs = this.frame.references;
    const boxTop = WINDOW.top - 2;
    const rowHeight = 15;
    const boxWidth = mm(82);
    const boxHeight = refs.length * rowHeight + 10;
    this.rect(MARGIN_X, boxTop, boxWidth, boxHeight, { fill: COLORS.fill });
    refs.forEach(([label, value], i) => {
      const baseline = boxTop + 5 + i * rowHeight + 10.5;
      this.text(label, MARGIN_X + 8, baseline, { size: 8.5, color: COLORS.muted });
      this.text(value, MARGIN_X + boxWidth - 8, baseline, { size: 9.5, bold: true, align: 'right' });
    });
    // Recipient in the envelope window.
    const { recipient } = this.frame;
    let ay = WINDOW.top + 11;
    const nameLines = this.wrap(recipient.name, WINDOW.width, { size: 10.5, bold: true }).slice(0, 2);
    const addressLines = recipient.addressLines
      .flatMap((l) => this.wrap(l, WINDOW.width, { size: 10 }))
      .slice(0, WINDOW.maxLines - nameLines.length);
    for (const line of nameLines) {
      this.text(line, WINDOW.x, ay, { size: 10.5, bold: true });
      ay += 13;
    }
    for (const line of addressLines) {
      this.text(line, WINDOW.x, ay, { size: 10 });
      ay += 13;
    }
    this.y = Math.max(boxTop + boxHeight, WINDOW.top + WINDOW.maxLines * 13) + mm(7);
  }

  private drawRunningHeader(): void {
    const baseline = mm(15);
    this.text(this.frame.issuer.shortName, MARGIN_X, baseline, { size: 9, bold: true, color: COLORS.accent });
    this.text(`${this.frame.runningTitle} (suite)`, RIGHT, baseline, { size: 9, align: 'right', color: COLORS.muted });
    this.hline(MARGIN_X, RIGHT, baseline + 5, COLORS.rule, 0.6);
    this.y = CONTENT_TOP_CONTINUATION;
  }

  /** Draws « Page i/n » footers on this document's pages. Call once, after all content. */
  finish(): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      this.page = page;
      this.hline(MARGIN_X, RIGHT, FOOTER_RULE, COLORS.rule, 0.6);
      const baseline = FOOTER_RULE + 11;
      const pageLabel = `Page ${i + 1}/${total}`;
      const room = CONTENT_WIDTH - this.width(pageLabel, { size: 8 }) - 12;
      const footer = this.fit(this.frame.footer, room, { size: 7.5 });
      this.text(footer, MARGIN_X, baseline, { size: 7.5, color: COLORS.muted });
      this.text(pageLabel, RIGHT, baseline, { size: 8, align: 'right', color: COLORS.muted });
    });
  }

  /* ---------- text ---------- */

  width(text: string, style: TextStyle = {}): number {
    return this.fonts.engine.width(this.fonts.engine.prepare(text), style.size ?? 9, style.bold ?? false);
  }

  /** Draws one line of text; `y` is its baseline. Returns its width. */
  text(text: string, x: number, y: number, options: TextOptions = {}): number {
    const size = options.size ?? 9;
    const bold = options.bold ?? false;
    const prepared = this.fonts.engine.prepare(text);
    if (prepared === '') return 0;
    const width = this.fonts.engine.width(prepared, size, bold);
    const left = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    this.page.drawText(prepared, {
      x: left,
      y: PAGE.height - y,
      size,
      font: bold ? this.fonts.bold : this.fonts.regular,
      color: options.color ?? COLORS.text,
    });
    return width;
  }

  /** Lines of at most `width` points (see FontEngine.wrap). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    return this.fonts.engine.wrap(text, width, style.size ?? 9, style.bold ?? false);
  }

  /** The text cut with « … » to fit one line. */
  fit(text: string, width: number, style: TextStyle = {}): string {
    const prepared = this.fonts.engine.prepare(text);
    if (this.width(prepared, style) <= width) return prepared;
    let end = prepared.length;
    while (end > 0 && this.width(`${prepared.slice(0, end)}…`, style) > width) end--;
    return `${prepared.slice(0, end).trimEnd()}…`;
  }

  /**
   * A wrapped paragraph at the cursor, flowing onto new pages line by line; its first two lines
   * stay together (no lone first line at the bottom of a page).
   */
  paragraph(text: string, options: TextStyle & { x?: number; width?: number; lineHeight?: number; gapAfter?: number } = {}): void {
    const size = options.size ?? 9;
    const lineHeight = options.lineHeight ?? size * 1.3;
    const x = options.x ?? MARGIN_X;
    const width = options.width ?? RIGHT - x;
    const lines = this.wrap(text, width, options);
    this.ensure(Math.min(lines.length, 2) * lineHeight);
    for (const line of lines) {
      this.ensure(lineHeight);
      this.text(line, x, this.y + size, options);
      this.y += lineHeight;
    }
    this.y += options.gapAfter ?? 0;
  }

  /** A section title with a rule under it, kept with at least `keepWith` points of what follows. */
  heading(text: string, keepWith = 40): void {
    this.y += 6;
    this.ensure(22 + keepWith);
    this.text(text, MARGIN_X, this.y + 11, { size: 11, bold: true, color: COLORS.accent });
    this.hline(MARGIN_X, RIGHT, this.y + 16, COLORS.accent, 0.8);
    this.y += 22;
  }

  /** A small bold title kept with the two lines that follow it. */
  subheading(text: string, size = 9): void {
    this.ensure(size * 1.5 + 2 * size * 1.3);
    this.text(text, MARGIN_X, this.y + size, { size, bold: true });
    this.y += size * 1.5;
  }

  /* ---------- shapes ---------- */

  /** A rectangle; `y` is its top. */
  rect(x: number, y: number, width: number, height: number, options: { fill?: Color; stroke?: Color; lineWidth?: number } = {}): void {
    this.page.drawRectangle({
      x,
      y: PAGE.height - y - height,
      width,
      height,
      color: options.fill,
      borderColor: options.stroke,
      borderWidth: options.stroke ? (options.lineWidth ?? 0.6) : 0,
    });
  }

  hline(x1: number, x2: number, y: number, color: Color = COLORS.rule, thickness = 0.5): void {
    this.page.drawLine({ start: { x: x1, y: PAGE.height - y }, end: { x: x2, y: PAGE.height - y }, thickness, color });
  }

  /* ---------- tables ---------- */

  /**
   * A table at the cursor. Rows never split across pages; the header row is repeated on each
   * new page. Column widths should add up to CONTENT_WIDTH.
   */
  table(columns: Column[], rows: Cell[][], options: TableOptions = {}): void {
    const size = options.size ?? 9;
    const lineHeight = size * 1.28;
    const padX = 5;
    const padY = 4.5;
    const headerHeight = 18;
    const drawHeader = () => {
      this.rect(MARGIN_X, this.y, CONTENT_WIDTH, headerHeight, { fill: COLORS.accent });
      let x = MARGIN_X;
      for (const col of columns) {
        const tx = col.align === 'right' ? x + col.width - padX : x + padX;
        this.text(col.header, tx, this.y + 12, { size: 8.5, bold: true, color: COLORS.white, align: col.align ?? 'left' });
        x += col.width;
      }
      this.y += headerHeight;
    };
    const layoutRow = (row: Cell[], emphasis: boolean): { cells: Line[][]; height: number } => {
      const cells = columns.map((col, i) => {
        const cell = row[i] ?? '';
        const parts = typeof cell === 'string' ? [{ text: cell, style: {} as TextStyle }] : cell;
        const lines: Line[] = [];
        for (const part of parts) {
          const style: Required<TextStyle> = {
            size: part.style?.size ?? size,
            bold: part.style?.bold ?? emphasis,
            color: part.style?.color ?? COLORS.text,
          };
          for (const text of this.wrap(part.text, col.width - 2 * padX, style)) lines.push({ text, style });
        }
        return lines;
      });
      const height = Math.max(...cells.map((lines) => lines.reduce((h, l) => h + l.style.size * 1.28, 0))) + 2 * padY;
      return { cells, height: Math.max(height, lineHeight + 2 * padY) };
    };

    const laid = rows.map((row, r) => {
      const emphasis = options.emphasis?.(r) ?? false;
      return { emphasis, ...layoutRow(row, emphasis) };
    });
    // The header never stays alone at the bottom of a page: it goes with the first row.
    this.ensure(headerHeight + (laid[0]?.height ?? lineHeight + 2 * padY));
    drawHeader();
    laid.forEach(({ emphasis, cells, height }, r) => {
      if (this.y + height > CONTENT_BOTTOM) {
        this.addPage();
        if (options.repeatHeader !== false) drawHeader();
      }
      if (emphasis) this.rect(MARGIN_X, this.y, CONTENT_WIDTH, height, { fill: COLORS.highlight });
      else if (options.zebra !== false && r % 2 === 1) this.rect(MARGIN_X, this.y, CONTENT_WIDTH, height, { fill: COLORS.fill });
      let x = MARGIN_X;
      columns.forEach((col, c) => {
        let ty = this.y + padY;
        for (const line of cells[c] ?? []) {
          ty += line.style.size * 1.28;
          const tx = col.align === 'right' ? x + col.width - padX : x + padX;
          this.text(line.text, tx, ty - line.style.size * 0.28, { ...line.style, align: col.align ?? 'left' });
        }
        x += col.width;
      });
      this.y += height;
      this.hline(MARGIN_X, RIGHT, this.y, COLORS.rule, 0.4);
    });
  }

  /**
   * A box of label/amount rows, right-aligned on the page (totals). The last row can be
   * highlighted (« Reste à payer »).
   */
  totals(rows: { label: string; value: string; strong?: boolean; note?: string }[], width = mm(92)): void {
    const rowHeight = 17;
    const heights = rows.map((r) => rowHeight + (r.note ? 11 : 0));
    const height = heights.reduce((a, b) => a + b, 0) + 6;
    this.ensure(height + 4);
    const x = RIGHT - width;
    this.rect(x, this.y, width, height, { stroke: COLORS.rule });
    let y = this.y + 3;
    rows.forEach((row, i) => {
      const h = heights[i]!;
      if (row.strong) this.rect(x + 0.5, y, width - 1, h, { fill: COLORS.highlight });
      const size = row.strong ? 11 : 9.5;
      this.text(row.label, x + 8, y + 12, { size, bold: row.strong ?? false });
      this.text(row.value, RIGHT - 8, y + 12, { size, bold: row.strong ?? false, align: 'right' });
      if (row.note) this.text(row.note, x + 8, y + 23, { size: 8, color: COLORS.muted });
      y += h;
    });
    this.y += height + 10;
  }

  /** A shaded box with a title and items (paragraphs or bullets), kept on one page. */
  box(title: string, items: BoxItem[]): void {
    const x = MARGIN_X + 12;
    const width = CONTENT_WIDTH - 22;
    const laid = items.map((item) => {
      const size = item.size ?? 9;
      const indent = item.bullet ? 10 : 0;
      const lines = this.wrap(item.text, width - indent, { size, bold: item.bold ?? false });
      return { item, size, indent, lines, lineHeight: size * 1.32 };
    });
    const contentHeight = laid.reduce((h, l) => h + l.lines.length * l.lineHeight + (l.item.gapAfter ?? 3), 0);
    const height = 10 + 18 + contentHeight + 6;
    this.ensure(height);
    const top = this.y;
    this.rect(MARGIN_X, top, CONTENT_WIDTH, height, { fill: COLORS.fill });
    this.rect(MARGIN_X, top, 3, height, { fill: COLORS.accent });
    this.text(title, x, top + 10 + 10, { size: 10.5, bold: true, color: COLORS.accent });
    let y = top + 10 + 18;
    for (const { item, size, indent, lines, lineHeight } of laid) {
      const style = { size, bold: item.bold ?? false, color: item.color ?? COLORS.text };
      if (item.bullet) this.text('•', x, y + size, style);
      for (const line of lines) {
        this.text(line, x + indent, y + size, style);
        y += lineHeight;
      }
      y += item.gapAfter ?? 3;
    }
    this.y = top + height + 10;
  }
}
