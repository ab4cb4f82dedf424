/** The desk's side of sync (issue 10): its link to the server, push, pull and apply, documents' files. */
export { connectServer, readConnection } from './connection.js';
export { ensureDocumentFile } from './documents.js';
export { cancelInvoiceRun, issueBillingRun, reissueFamilyRun } from './numbers.js';
export { pendingMessages } from './push.js';
export { syncOnce } from './round.js';
export { startSyncScheduler, syncInBackground, syncNow, syncStatus } from './scheduler.js';
