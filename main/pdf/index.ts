/**
 * The document engine (PDF): invoices, receipts, statements, reminder and decision letters.
 * Types and wording helpers live in shared/print; this folder draws and writes the files.
 */
export { FontEngine, loadFontBytes, defaultFontsDir, FONT_FILES, type FontBytes } from './fonts.js';
export {
  renderDocument,
  renderWithInfo,
  renderInvoice,
  renderReceipt,
  renderStatement,
  renderReminder,
  renderDecision,
  renderCombined,
  checkDocument,
  documentLabel,
  getDefaultEngine,
  DocumentDataError,
  type RenderOptions,
  type CombinedOptions,
} from './render.js';
export {
  generateMany,
  combinePrintFile,
  defaultWorkerEntry,
  GenerationAbortedError,
  MAX_WORKERS,
  type GenerateManyOptions,
  type GenerateManyResult,
  type GeneratedFile,
  type WorkerOptions,
} from './pool.js';
export { mergePdfFiles } from './files.js';
