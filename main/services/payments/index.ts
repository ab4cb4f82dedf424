/** The payments domain's public face: what other domains and the entry points may use. */
export { overdueInvoices, treasuryExport } from './overdue.js';
export { allocateCredit, cancelPayment, previewPayment, recordPayment, type PaymentRecord } from './payments.js';
