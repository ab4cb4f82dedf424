/**
 * A fast TrueType subsetter: the tables fontkit's TTFSubset writes (head, hhea, maxp, loca, glyf,
 * hmtx), without decoding and re-encoding every table through restructure on each document. The
 * font's tables are sliced once; a subset copies glyph records, renumbers composite components,
 * and writes a long-format loca and full horizontal metrics. Handed to pdf-lib through
 * `font.createSubset`.
 *
 * TrueType hinting (the cvt/fpgm/prep programs and each glyph's instructions) is left out by
 * default: it only tunes glyphs to the pixel grid of low-resolution screens, viewers rasterise
 * embedded fonts their own way, print is unaffected, and it is about a third of the font bytes
 * of every document. `hinting: true` keeps it.
 */

interface TableRecord {
  offset: number;
  length: number;
}

const COPIED_TABLES = ['cvt ', 'fpgm', 'prep'] as const;

/** The parts of a TrueType font a subset needs, read once per process. */
export class TrueTypeSource {
  readonly numGlyphs: number;
  private readonly view: DataView;
  private readonly tables = new Map<string, TableRecord>();
  private readonly loca: Uint32Array;
  private readonly numberOfHMetrics: number;
  readonly raw: Map<string, Uint8Array> = new Map();

  constructor(
    readonly bytes: Uint8Array,
    readonly options: { hinting?: boolean } = {},
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = this.view.getUint32(0);
    if (version !== 0x00010000 && version !== 0x74727565) throw new Error('Police TrueType attendue (glyf/loca).');
    const numTables = this.view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      this.tables.set(tag, { offset: this.view.getUint32(rec + 8), length: this.view.getUint32(rec + 12) });
    }
    for (const tag of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx', ...COPIED_TABLES]) {
      const table = this.tables.get(tag);
      if (table) this.raw.set(tag, bytes.subarray(table.offset, table.offset + table.length));
      else if (!(COPIED_TABLES as readonly string[]).includes(tag)) throw new Error(`Table ${tag} absente de la police.`);
    }
    const head = this.table('head');
    const longLoca = head.getInt16(50) === 1;
    this.numGlyphs = this.table('maxp').getUint16(4);
    this.numberOfHMetrics = this.table('hhea').getUint16(34);
    const loca = this.table('loca');
    this.loca = new Uint32Array(this.numGlyphs + 1);
    for (let i = 0; i <= this.numGlyphs; i++) {
      this.loca[i] = longLoca ? loca.getUint32(i * 4) : loca.getUint16(i * 2) * 2;
    }
  }

  table(tag: string): DataView {
    const raw = this.raw.get(tag)!;
    return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  }

  glyph(id: number): Uint8Array {
    const glyf = this.raw.get('glyf')!;
    return glyf.subarray(this.loca[id], this.loca[id + 1]);
  }

  private readonly unhintedRecords = new Map<number, Uint8Array>();

  /** A simple glyph's record without its instructions (cached: the same glyphs recur in every document). */
  unhinted(id: number, record: Uint8Array): Uint8Array {
    let out = this.unhintedRecords.get(id);
    if (!out) {
      out = withoutInstructions(record);
      this.unhintedRecords.set(id, out);
    }
    return out;
  }

  metrics(id: number): { advance: number; lsb: number } {
    const hmtx = this.table('hmtx');
    const n = this.numberOfHMetrics;
    if (id < n) return { advance: hmtx.getUint16(id * 4), lsb: hmtx.getInt16(id * 4 + 2) };
    return { advance: hmtx.getUint16((n - 1) * 4), lsb: hmtx.getInt16(n * 4 + (id - n) * 2) };
  }

  createSubset(): TrueTypeSubset {
    return new TrueTypeSubset(this);
  }
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_INSTRUCTIONS = 0x0100;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export class TrueTypeSubset {
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly source: TrueTypeSource) {
    this.includeGlyph(0);
  }

  /** The glyph's id in the subset (adds it on first use). */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let mapped = this.mapping.get(id);
    if (mapped === undefined) {
      mapped = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, mapped);
    }
    return mapped;
  }

  encode(): Uint8Array {
    const source = this.source;
    const records: Uint8Array[] = [];
    const offsets: number[] = [];
    let glyfLength = 0;
    const hinting = source.options.hinting ?? false;
    // Composite glyphs add their components while we go: the list grows during the loop.
    for (let i = 0; i < this.glyphs.length; i++) {
      let record = source.glyph(this.glyphs[i]!);
      if (record.length < 10) {
        // empty glyph (space)
      } else if (((record[0]! << 8) | record[1]!) & 0x8000) {
        record = record.slice();
        const view = new DataView(record.buffer);
        let pos = 10;
        let flags: number;
        let flagsAt = pos;
        do {
          flagsAt = pos;
          flags = view.getUint16(pos);
          view.setUint16(pos + 2, this.includeGlyph(view.getUint16(pos + 2)));
          pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) pos += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
        } while (flags & MORE_COMPONENTS && pos < record.length);
        if (!hinting && flags & WE_HAVE_INSTRUCTIONS) {
          view.setUint16(flagsAt, flags & ~WE_HAVE_INSTRUCTIONS);
          record = record.subarray(0, pos);
        }
      } else if (!hinting) {
        record = source.unhinted(this.glyphs[i]!, record);
      }
      offsets.push(glyfLength);
      records.push(record);
      glyfLength += (record.length + 3) & ~3;
    }
    offsets.push(glyfLength);
    const count = this.glyphs.length;

    const glyf = new Uint8Array(glyfLength);
    records.forEach((r, i) => glyf.set(r, offsets[i]));
    const loca = new Uint8Array((count + 1) * 4);
    const locaView = new DataView(loca.buffer);
    offsets.forEach((o, i) => locaView.setUint32(i * 4, o));
    const hmtx = new Uint8Array(count * 4);
    const hmtxView = new DataView(hmtx.buffer);
    this.glyphs.forEach((id, i) => {
      const m = source.metrics(id);
      hmtxView.setUint16(i * 4, m.advance);
      hmtxView.setInt16(i * 4 + 2, m.lsb);
    });
    const head = source.raw.get('head')!.slice();
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, computed below
    headView.setInt16(50, 1); // long loca
    const hhea = source.raw.get('hhea')!.slice();
    new DataView(hhea.buffer).setUint16(34, count);
    const maxp = source.raw.get('maxp')!.slice();
    new DataView(maxp.buffer).setUint16(4, count);

    const tables = new Map<string, Uint8Array>([
      ['head', head],
      ['hhea', hhea],
      ['maxp', maxp],
      ['loca', loca],
      ['glyf', glyf],
      ['hmtx', hmtx],
    ]);
    if (hinting) {
      for (const tag of COPIED_TABLES) {
        const raw = source.raw.get(tag);
        if (raw) tables.set(tag, raw);
      }
    }
    return writeFont(tables);
  }
}

/** A simple glyph record with an empty instruction program. */
function withoutInstructions(record: Uint8Array): Uint8Array {
  const contours = (record[0]! << 8) | record[1]!;
  const at = 10 + contours * 2;
  const length = (record[at]! << 8) | record[at + 1]!;
  if (length === 0) return record;
  const out = new Uint8Array(record.length - length);
  out.set(record.subarray(0, at + 2), 0);
  out[at] = 0;
  out[at + 1] = 0;
  out.set(record.subarray(at + 2 + length), at + 2);
  return out;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const full = data.length & ~3;
  for (let i = 0; i < full; i += 4) {
    sum = (sum + ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!)) >>> 0;
  }
  if (full < data.length) {
    let last = 0;
    for (let i = full; i < data.length; i++) last |= data[i]! << (24 - 8 * (i - full));
    sum = (sum + last) >>> 0;
  }
  return sum;
}

/** An sfnt file from its tables (sorted directory, 4-byte aligned, checksums, head adjustment). */
function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const numTables = tags.length;
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  let offset = 12 + numTables * 16;
  const layout = tags.map((tag) => {
    const data = tables.get(tag)!;
    const entry = { tag, data, offset };
    offset += (data.length + 3) & ~3;
    return entry;
  });
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, numTables);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * 16 - searchRange);
  let headOffset = -1;
  layout.forEach((entry, i) => {
    const rec = 12 + i * 16;
    for (let c = 0; c < 4; c++) out[rec + c] = entry.tag.charCodeAt(c);
    view.setUint32(rec + 4, checksum(entry.data));
    view.setUint32(rec + 8, entry.offset);
    view.setUint32(rec + 12, entry.data.length);
    out.set(entry.data, entry.offset);
    if (entry.tag === 'head') headOffset = entry.offset;
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
