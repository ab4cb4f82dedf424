import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../shared/contract/errors.js';
import { foldText } from '../../shared/domain/search.js';

/**
 * Reading a CSV file sent by an agent (the families import, the schools' directory import): the
 * bytes decoded, the records with the line each starts on, the column names compared without
 * case or accents. What the columns mean is each import's business.
 */

/**
 * Bytes 0x80–0x9F of Windows-1252 (€ ’ œ … – « smart quotes »). Node 20's TextDecoder decodes
 * `windows-1252` as Latin-1 and leaves them as C1 control characters; this puts them right (and
 * changes nothing once the decoder does it itself).
 */
const CP1252_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** UTF-8 (BOM stripped) when the bytes are valid UTF-8, else Windows-1252. */
export function decodeCsv(content: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
    return { text, encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1252')
      .decode(content)
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0)] ?? c);
    return { text, encoding: 'windows-1252' };
  }
}

/** Lower case, no accents, spaces and hyphens as `_`: « Réf famille » → `ref_famille`. */
export function normaliseHeader(name: string): string {
  return foldText(name.replace(/^\ufeff/, ''))
    .trim()
    .replace(/[\s\-.]+/g, '_');
}

export interface CsvRecord {
  cells: string[];
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
}

/**
 * The records of a CSV text (quoted fields may hold the separator, doubled quotes or line
 * breaks; empty lines skipped), at most `maxRecords` of them. An unreadable file is refused with
 * a French message on `content`.
 */
export function readCsvRecords(text: string, options: { delimiter: string; maxRecords: number }): CsvRecord[] {
  let rows: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    rows = parse(text, {
      delimiter: options.delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to: options.maxRecords,
    }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const where = line ? ` (ligne ${line})` : '';
      const why =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'un guillemet ouvert n’est jamais fermé'
          : 'ce n’est pas un fichier CSV lisible';
      throw AppError.invalid('content', `Fichier illisible${where}\u00a0: ${why}.`);
    }
    throw error;
  }
  // csv-parse gives the line where a record ends; a quoted cell may span lines, so the start is
  // one after the previous record's end (plus the empty lines skipped in between).
  const out: CsvRecord[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;
  for (const { record, info } of rows) {
    out.push({ cells: record, line: previousEnd + 1 + (info.empty_lines - previousEmpty) });
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return out;
}
