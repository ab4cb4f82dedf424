/** The billing domain's public face: what other domains and the entry points may use. */
export { familyAccount } from './account.js';
export { IN_FORCE, scheduledMeals } from './compute.js';
export {
  applyCredits,
  creditSources,
  planAllocations,
  releaseAllocations,
  unpaidInvoices,
  writeAllocation,
  type UnpaidInvoice,
} from './credits.js';
export {
  cancelInvoice,
  cancellable,
  cancelRunId,
  issueBilling,
  issueCounts,
  issueRunId,
  mirrorKind,
  reissueDraft,
  reissueFamily,
  reissueRunId,
  runYear,
  type IssueHooks,
} from './issue.js';
export { allocateReceiptNumber, NumbersChanged, type NumberCounts, type ReservedNumbers } from './numbering.js';
export { generatePeriods, issuedPeriodOn, listPeriods, qfValidFrom, requirePeriod, updatePeriod } from './periods.js';
export { billingSummary, previewPage } from './preview.js';
export { DOCUMENTS, getInvoice, listInvoices, onlinePaymentOpening, type DocumentRow } from './queries.js';
export { missingCalendarMessage, seedDefaultCalendar, shippedCalendarFile } from './seed.js';
export { getTariffGrid, gridFor, saveTariffGrid } from './tariffs.js';
export { importIcs, saveSchoolYear } from './school-years.js';
