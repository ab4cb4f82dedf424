/**
 * The document engine (PDF): invoices, receipts, statements, reminder and decision letters.
 * Types and wording helpers live in shared/print; this folder draws and writes the files.
 */
export {
  renderDocument,
  renderWithInfo,
  renderInvoice,
  renderReceipt,
  renderStatement,
  renderReminder,
  renderDecision,
  renderRecoverySheet,
  renderCombined,
  checkDocument,
  getDefaultEngine,
  DocumentDataError,
} from './render.js';
export {
  generateMany,
  combinePrintFile,
  GenerationAbortedError,
  type GeneratedFile,
} from './pool.js';
