import type { OperationName, OpOutput, OpParsedInput } from '../../shared/contract/operations.js';
import type { AppContext } from '../context.js';
import { exportCsv } from '../services/csv-export.js';
import { importCsv } from '../services/csv-import.js';
import { getDashboard, listSchools } from '../services/dashboard.js';
import {
  createFamily,
  getFamily,
  recordQf,
  removeGuardian,
  saveChild,
  saveGuardian,
  setRhythm,
  updateFamily,
} from '../services/families.js';
import { searchFamilies } from '../services/search.js';
import { setupLoadDemo, setupState, startEmpty } from '../services/setup.js';
import {
  addClosure,
  calendarMonth,
  importIcs,
  listClosures,
  listSchoolYears,
  removeClosure,
  removeHoliday,
  saveHoliday,
  saveSchoolYear,
  setServiceWeekdays,
} from '../services/calendar-store.js';
import { cancelInvoice, issueBilling, reissueFamily } from '../services/billing/issue.js';
import { generatePeriods, listPeriods, updatePeriod } from '../services/billing/periods.js';
import { billingSummary, previewPage } from '../services/billing/preview.js';
import { seedDefaultCalendar } from '../services/billing/seed.js';
import { getTariffGrid, saveTariffGrid } from '../services/billing/tariffs.js';
import { familyAccount, getInvoice, listInvoices, overdueInvoices, treasuryExport } from '../services/payments/account.js';
import { allocateCredit, cancelPayment, recordPayment } from '../services/payments/payments.js';
import { cancelPdfJob, pdfJobState, startPeriodPdf } from '../services/documents/jobs.js';
import { decisionLetterPdf, invoicePdf, receiptPdf, reminderPdf, statementPdf } from '../services/documents/single.js';
import { assignRequest, createRequest, getRequest, listRequests, setRequestStatus } from '../services/requests/requests.js';
import { closeCorrection, decideRefund, decideRhythm, refundVerdictFor } from '../services/requests/decisions.js';
import { openHealthDocument, storeHealthDocument } from '../services/health-documents.js';
import { storeRequestPiece } from '../services/request-documents.js';
import { archiveFamily, decideRadiation } from '../services/requests/radiation.js';

type Handlers = {
  [N in OperationName]: (ctx: AppContext, input: OpParsedInput<N>) => OpOutput<N> | Promise<OpOutput<N>>;
};

/** Each contract operation mapped to its service; inputs arrive already validated. */
export const handlers: Handlers = {
  'app.info': (ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, actor: ctx.actor, node: ctx.clock.node }),
  'setup.state': (ctx) => setupState(ctx),
  'setup.loadDemo': (ctx, input) => setupLoadDemo(ctx, input.seed),
  'setup.startEmpty': (ctx) => startEmpty(ctx),
  'dashboard.get': (ctx) => getDashboard(ctx),
  'schools.list': (ctx) => listSchools(ctx),
  'families.search': (ctx, input) => searchFamilies(ctx, input),
  'families.get': (ctx, input) => getFamily(ctx, input.id),
  'families.create': (ctx, input) => createFamily(ctx, input),
  'families.update': (ctx, input) => updateFamily(ctx, input),
  'guardians.save': (ctx, input) => saveGuardian(ctx, input.familyId, input.guardian),
  'guardians.remove': (ctx, input) => removeGuardian(ctx, input.familyId, input.guardianId),
  'children.save': (ctx, input) => saveChild(ctx, input.familyId, input.child),
  'children.setRhythm': (ctx, input) => setRhythm(ctx, input),
  'qf.record': (ctx, input) => recordQf(ctx, input),
  'import.csv': (ctx, input) => importCsv(ctx, { content: Buffer.from(input.content, 'base64'), dryRun: input.dryRun }),
  'export.csv': (ctx, input) => exportCsv(ctx, input),

  // Billing (issue 3)
  'calendar.years': (ctx) => listSchoolYears(ctx),
  'calendar.saveYear': (ctx, input) => saveSchoolYear(ctx, input),
  'calendar.saveHoliday': (ctx, input) => saveHoliday(ctx, input),
  'calendar.removeHoliday': (ctx, input) => removeHoliday(ctx, input.id),
  'calendar.importIcs': (ctx, input) => importIcs(ctx, input),
  'calendar.seedDefault': (ctx) => seedDefaultCalendar(ctx),
  'calendar.closures': (ctx, input) => listClosures(ctx, input),
  'calendar.addClosure': (ctx, input) => addClosure(ctx, input),
  'calendar.removeClosure': (ctx, input) => removeClosure(ctx, input.id),
  'calendar.setServiceWeekdays': (ctx, input) => setServiceWeekdays(ctx, input.schoolId, input.weekdays),
  'calendar.month': (ctx, input) => calendarMonth(ctx, input.schoolId, input.month),
  'tariffs.get': (ctx, input) => getTariffGrid(ctx, input.schoolYearId),
  'tariffs.save': (ctx, input) => saveTariffGrid(ctx, input.schoolYearId, input.rows),
  'periods.list': (ctx, input) => listPeriods(ctx, input.schoolYearId),
  'periods.generate': (ctx, input) => generatePeriods(ctx, input.schoolYearId),
  'periods.update': (ctx, input) => updatePeriod(ctx, input),
  'billing.summary': (ctx, input) => billingSummary(ctx, input.periodId),
  'billing.preview': (ctx, input) => previewPage(ctx, input),
  'billing.issue': (ctx, input) => issueBilling(ctx, input.periodId),
  'billing.invoices': (ctx, input) => listInvoices(ctx, input),
  'billing.invoice': (ctx, input) => getInvoice(ctx, input.invoiceId),
  'billing.cancelInvoice': (ctx, input) => cancelInvoice(ctx, input),
  'billing.reissueFamily': (ctx, input) => reissueFamily(ctx, input),
  'payments.record': (ctx, input) => recordPayment(ctx, input),
  'payments.cancel': (ctx, input) => cancelPayment(ctx, input),
  'payments.allocateCredit': (ctx, input) => allocateCredit(ctx, input.familyId),
  'account.get': (ctx, input) => familyAccount(ctx, input.familyId),
  'overdue.list': (ctx, input) => overdueInvoices(ctx, input),
  'treasury.export': (ctx, input) => treasuryExport(ctx, input),
  'documents.invoicePdf': (ctx, input) => invoicePdf(ctx, input.invoiceId),
  'documents.receiptPdf': (ctx, input) => receiptPdf(ctx, input.paymentId),
  'documents.statementPdf': (ctx, input) => statementPdf(ctx, input.familyId),
  'documents.reminderPdf': (ctx, input) => reminderPdf(ctx, input.invoiceId),
  'documents.decisionLetterPdf': (ctx, input) => decisionLetterPdf(ctx, input.requestId),
  'documents.startPeriodPdf': (ctx, input) => startPeriodPdf(ctx, input.periodId),
  'documents.job': (_ctx, input) => pdfJobState(input.jobId),
  'documents.cancelJob': (_ctx, input) => cancelPdfJob(input.jobId),

  // Requests (issue 4)
  'requests.list': (ctx, input) => listRequests(ctx, input),
  'requests.get': (ctx, input) => getRequest(ctx, input.requestId),
  'requests.create': (ctx, input) => createRequest(ctx, input),
  'requests.setStatus': (ctx, input) => setRequestStatus(ctx, input),
  'requests.assign': (ctx, input) => assignRequest(ctx, input),
  'requests.refundVerdict': (ctx, input) => refundVerdictFor(ctx, input.requestId),
  'requests.decideRefund': (ctx, input) => decideRefund(ctx, input),
  'requests.decideRhythm': (ctx, input) => decideRhythm(ctx, input),
  'requests.closeCorrection': (ctx, input) => closeCorrection(ctx, input),
  'documents.uploadHealth': (ctx, input) => storeHealthDocument(ctx, input),
  'documents.openHealth': (ctx, input) => openHealthDocument(ctx, input.documentId),
  'requests.decideRadiation': (ctx, input) => decideRadiation(ctx, input),
  'documents.uploadPiece': (ctx, input) => storeRequestPiece(ctx, input),
  'families.archive': (ctx, input) => archiveFamily(ctx, input.familyId),
};
