import type { OperationName, OpOutput, OpParsedInput } from '../../shared/contract/operations.js';
import * as accounts from '../services/accounts/index.js';
import type { CallContext } from '../session/index.js';
import * as session from '../session/operations.js';
import * as backups from '../services/backups/index.js';
import * as billing from '../services/billing/index.js';
import * as calendar from '../services/calendar/index.js';
import * as conflicts from '../services/conflicts/index.js';
import * as dashboard from '../services/dashboard/index.js';
import * as families from '../services/families/index.js';
import * as gdpr from '../services/gdpr/index.js';
import * as keys from '../services/keys/index.js';
import * as payments from '../services/payments/index.js';
import * as print from '../services/print/index.js';
import * as requests from '../services/requests/index.js';
import * as schools from '../services/schools/index.js';
import * as setup from '../services/setup/index.js';
import * as sync from '../services/sync/index.js';
import * as uploads from '../services/uploads/index.js';
import { HEALTH_PERMISSION } from '../../shared/contract/permissions.js';
import { hideUploadHealth } from '../../shared/rules/health-visibility.js';

type Handlers = {
  [N in OperationName]: (ctx: CallContext, input: OpParsedInput<N>) => OpOutput<N> | Promise<OpOutput<N>>;
};

/** Each contract operation mapped to its service; inputs arrive already validated. */
export const handlers: Handlers = {
  // Session and staff accounts (issue 9)
  'session.state': (ctx) => session.sessionState(ctx),
  'session.createFirstAdmin': (ctx, input) => session.createFirstAdmin(ctx, input),
  'session.login': (ctx, input) => session.login(ctx, input),
  'session.logout': (ctx) => session.logout(ctx),
  'session.lock': (ctx) => session.lock(ctx),
  'session.unlock': (ctx, input) => session.unlock(ctx, input),
  'accounts.list': (ctx) => accounts.listAccounts(ctx),
  'accounts.create': (ctx, input) => accounts.createAccount(ctx, input),
  'accounts.update': (ctx, input) => accounts.updateAccount(ctx, session.selfId(ctx), input),
  'accounts.setPassword': (ctx, input) => accounts.setAccountPassword(ctx, input.id, input.password),
  'accounts.deactivate': (ctx, input) => accounts.deactivateAccount(ctx, session.selfId(ctx), input.id),

  'app.info': (ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, actor: ctx.actor, agentName: ctx.account?.displayName ?? null, node: ctx.clock.node }),
  'setup.state': (ctx) => setup.setupState(ctx),
  'setup.loadDemo': (ctx, input) => setup.setupLoadDemo(ctx, input.seed),
  'setup.demoProgress': (ctx) => setup.demoProgress(ctx),
  'setup.startEmpty': (ctx) => setup.startEmpty(ctx),
  'setup.dismissNotice': (ctx) => setup.dismissNotice(ctx),
  'dashboard.get': (ctx) => dashboard.getDashboard(ctx),
  'schools.list': (ctx) => schools.listSchools(ctx),
  'schools.create': (ctx, input) => schools.createSchool(ctx, input),
  'schools.update': (ctx, input) => schools.updateSchool(ctx, input),
  'schools.close': (ctx, input) => schools.closeSchool(ctx, input),
  'schools.reopen': (ctx, input) => schools.reopenSchool(ctx, input),
  'schools.importDirectory': (ctx, input) =>
    schools.importDirectory(ctx, { ...input, content: Buffer.from(input.content, 'base64') }),
  'families.search': (ctx, input) => families.searchFamilies(ctx, input),
  'families.get': (ctx, input) => families.getFamily(ctx, input.id),
  'families.create': (ctx, input) => families.createFamily(ctx, input),
  'families.update': (ctx, input) => families.updateFamily(ctx, input),
  'guardians.save': (ctx, input) => families.saveGuardian(ctx, input.familyId, input.guardian),
  'guardians.remove': (ctx, input) => families.removeGuardian(ctx, input.familyId, input.guardianId),
  'children.save': (ctx, input) => families.saveChild(ctx, input.familyId, input.child),
  'children.setRhythm': (ctx, input) => families.setRhythm(ctx, input),
  'qf.record': (ctx, input) => families.recordQf(ctx, input),
  'import.csv': (ctx, input) => families.importCsv(ctx, { content: Buffer.from(input.content, 'base64'), dryRun: input.dryRun }),
  'export.csv': (ctx, input) => families.exportCsv(ctx, input),
  'families.exportData': (ctx, input) => gdpr.exportFamilyData(ctx, input.familyId),

  // Billing (issue 3)
  'calendar.years': (ctx) => calendar.listSchoolYears(ctx),
  'calendar.saveYear': (ctx, input) => billing.saveSchoolYear(ctx, input),
  'calendar.saveHoliday': (ctx, input) => calendar.saveHoliday(ctx, input),
  'calendar.removeHoliday': (ctx, input) => calendar.removeHoliday(ctx, input.id),
  'calendar.importIcs': (ctx, input) => billing.importIcs(ctx, input),
  'calendar.seedDefault': (ctx) => billing.seedDefaultCalendar(ctx),
  'calendar.closures': (ctx, input) => calendar.listClosures(ctx, input),
  'calendar.addClosure': (ctx, input) => calendar.addClosure(ctx, input),
  'calendar.removeClosure': (ctx, input) => calendar.removeClosure(ctx, input.id),
  // The schools' register owns the column; the calendar screen sets it through the same service.
  'calendar.setServiceWeekdays': (ctx, input) => schools.setServiceWeekdays(ctx, input.schoolId, input.weekdays),
  'calendar.month': (ctx, input) => calendar.calendarMonth(ctx, input.schoolId, input.month),
  'tariffs.get': (ctx, input) => billing.getTariffGrid(ctx, input.schoolYearId),
  'tariffs.save': (ctx, input) => billing.saveTariffGrid(ctx, input.schoolYearId, input.rows),
  'periods.list': (ctx, input) => billing.listPeriods(ctx, input.schoolYearId),
  'periods.generate': (ctx, input) => billing.generatePeriods(ctx, input.schoolYearId),
  'periods.update': (ctx, input) => billing.updatePeriod(ctx, input),
  'billing.summary': (ctx, input) => billing.billingSummary(ctx, input.periodId),
  'billing.preview': (ctx, input) => billing.previewPage(ctx, input),
  'billing.issue': (ctx, input) => sync.issueBillingRun(ctx, input.periodId),
  'billing.invoices': (ctx, input) => billing.listInvoices(ctx, input),
  'billing.invoice': (ctx, input) => billing.getInvoice(ctx, input.invoiceId),
  'billing.cancelInvoice': (ctx, input) => sync.cancelInvoiceRun(ctx, input),
  'billing.reissueFamily': (ctx, input) => sync.reissueFamilyRun(ctx, input),
  'payments.record': (ctx, input) => payments.recordPayment(ctx, input),
  'payments.previewAllocation': (ctx, input) => payments.previewPayment(ctx, input),
  'payments.cancel': (ctx, input) => payments.cancelPayment(ctx, input),
  'payments.allocateCredit': (ctx, input) => payments.allocateCredit(ctx, input.familyId),
  'account.get': (ctx, input) => billing.familyAccount(ctx, input.familyId),
  'overdue.list': (ctx, input) => payments.overdueInvoices(ctx, input),
  'treasury.export': (ctx, input) => payments.treasuryExport(ctx, input),
  'documents.invoicePdf': (ctx, input) => print.invoicePdf(ctx, input.invoiceId),
  'documents.receiptPdf': (ctx, input) => print.receiptPdf(ctx, input.paymentId),
  'documents.statementPdf': (ctx, input) => print.statementPdf(ctx, input.familyId),
  'documents.reminderPdf': (ctx, input) => print.reminderPdf(ctx, input.invoiceId),
  'documents.decisionLetterPdf': (ctx, input) => print.decisionLetterPdf(ctx, input.requestId),
  'documents.startPeriodPdf': (ctx, input) => print.startPeriodPdf(ctx, input.periodId),
  'documents.job': (_ctx, input) => print.pdfJobState(input.jobId),
  'documents.cancelJob': (_ctx, input) => print.cancelPdfJob(input.jobId),

  // Requests (issue 4)
  'requests.list': (ctx, input) => requests.listRequests(ctx, input),
  'requests.get': (ctx, input) => requests.getRequest(ctx, input.requestId),
  'requests.create': (ctx, input) => requests.createRequest(ctx, input),
  'requests.similar': (ctx, input) => requests.similarRequest(ctx, input),
  'requests.setStatus': (ctx, input) => requests.setRequestStatus(ctx, input),
  'requests.assign': (ctx, input) => requests.assignRequest(ctx, input),
  'requests.refundVerdict': (ctx, input) => requests.refundVerdictFor(ctx, input.requestId),
  'requests.decideRefund': (ctx, input) => requests.decideRefund(ctx, input),
  'requests.decideRhythm': (ctx, input) => requests.decideRhythm(ctx, input),
  'requests.closeCorrection': (ctx, input) => requests.closeCorrection(ctx, input),
  // The agent who files a certificate without the health permission learns it is stored, not its hash.
  'documents.uploadHealth': (ctx, input) => {
    const stored = uploads.storeHealthDocument(ctx, input);
    return ctx.roles.has(HEALTH_PERMISSION) ? stored : hideUploadHealth(stored);
  },
  // A document from another desk: its file is fetched from the server first when it is not here.
  'documents.openHealth': async (ctx, input) => {
    if (uploads.mayReadHealth(ctx)) await sync.ensureDocumentFile(ctx, input.documentId);
    return uploads.openHealthDocument(ctx, input.documentId);
  },
  'documents.openPiece': async (ctx, input) => {
    await sync.ensureDocumentFile(ctx, input.documentId);
    return uploads.openRequestPiece(ctx, input.documentId);
  },
  'requests.decideRadiation': (ctx, input) => requests.decideRadiation(ctx, input),
  'requests.accountLinkFacts': (ctx, input) => requests.accountLinkFacts(ctx, input.requestId),
  'requests.decideAccountLink': (ctx, input) => requests.decideAccountLink(ctx, input),
  'documents.uploadPiece': (ctx, input) => uploads.storeRequestPiece(ctx, input),
  'families.validate': (ctx, input) => families.validateFamily(ctx, input.familyId),
  'families.archive': (ctx, input) => families.archiveFamily(ctx, input.familyId),

  // Backups (issue 9)
  'backups.state': (ctx) => backups.backupState(ctx),
  'backups.list': (ctx) => backups.listBackups(ctx),
  'backups.run': (ctx) => backups.runBackup(ctx),
  'backups.settings': (ctx, input) => backups.saveBackupSettings(ctx, input),
  'backups.restore': (ctx, input) => backups.restoreFromBackup(ctx, input.name),
  'documentKeys.status': (ctx) => keys.documentKeyStatus(ctx),
  'sync.status': (ctx) => sync.syncStatus(ctx),
  'sync.now': (ctx) => sync.syncNow(ctx),
  'sync.connect': async (ctx, input) => {
    await sync.connectServer(ctx, input);
    // The first sync may be long (the whole Caisse): it runs on, the strip shows how far.
    return sync.syncInBackground(ctx);
  },
  'conflicts.list': (ctx, input) => conflicts.listConflicts(ctx, input),
  'conflicts.resolve': (ctx, input) => conflicts.resolveConflict(ctx, input),
  'documentKeys.setupRecovery': (ctx) => keys.setupRecovery(ctx),
  'documentKeys.renewRecovery': (ctx) => keys.renewRecovery(ctx),
  'documentKeys.recover': (ctx, input) => keys.recoverKeys(ctx, input.code),
  'documentKeys.rotate': (ctx) => keys.rotateKey(ctx),
};
