/** Documents the engine prints (pure types and helpers); the renderer lives in main/pdf. */
import type { DecisionDocument } from './decision.js';
import type { InvoiceDocument } from './invoice.js';
import type { ReceiptDocument } from './receipt.js';
import type { ReminderDocument } from './reminder.js';
import type { StatementDocument } from './statement.js';

export * from './common.js';
export * from './decision.js';
export * from './invoice.js';
export * from './issuer.js';
export * from './legal.js';
export * from './receipt.js';
export * from './reminder.js';
export * from './statement.js';
export * from './text.js';

/** Anything `renderDocument` / `generateMany` accepts. */
export type PrintableDocument = InvoiceDocument | ReceiptDocument | StatementDocument | ReminderDocument | DecisionDocument;
