import { readFileSync } from 'node:fs';
import { PDFDocument } from '@cantoo/pdf-lib';
import { sha256Hex, writeFileAtomic } from '../store/files.js';
import { deflateContentStreams, useNativeDeflate } from './deflate.js';

/** Writing finished PDFs: never a half-written file under the final name. */

/** Writes the file complete under its final name (main/store/files.ts) and returns its SHA-256. */
export function writeHashedFile(path: string, bytes: Uint8Array): string {
  writeFileAtomic(path, bytes);
  return sha256Hex(bytes);
}

/**
 * Copies every page of existing PDFs into one file (the print file built from files already
 * generated). Each source keeps its own font subsets, so prefer `renderCombined` when the
 * documents themselves are at hand: one subset for the whole file.
 */
export async function mergePdfFiles(files: string[], options: { title?: string; author?: string } = {}): Promise<{ bytes: Uint8Array; pages: number }> {
  if (files.length === 0) throw new Error('Aucun fichier à assembler.');
  const out = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(out);
  out.setTitle(options.title ?? `Documents à imprimer (${files.length})`, { showInWindowTitleBar: true });
  if (options.author) out.setAuthor(options.author);
  out.setCreator('Guichet');
  out.setProducer('Guichet (@cantoo/pdf-lib)');
  out.setLanguage('fr-FR');
  const now = new Date();
  out.setCreationDate(now);
  out.setModificationDate(now);
  for (const file of files) {
    const source = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const pages = await out.copyPages(source, source.getPageIndices());
    for (const page of pages) out.addPage(page);
  }
  deflateContentStreams(out);
  const bytes = await out.save({ useObjectStreams: true });
  return { bytes, pages: out.getPageCount() };
}
