import type { OperationName } from './operations.js';
import type { Permission } from './permissions.js';

/**
 * The table that gives every operation of the contract its access (issue 9). The
 * `Record<OperationName, Access>` type makes a forgotten operation a type error; the single
 * dispatch checks the table before it even reads the input (tests/integration/permissions.test.ts
 * plays the whole matrix).
 *
 * `public`: callable before anyone logs in (only what the login and first-start screens need);
 * `session`: any logged-in agent (reads every agent needs); otherwise the permission required.
 */
export type Access = 'public' | 'session' | Permission;

export const OPERATION_ACCESS: Readonly<Record<OperationName, Access>> = {
  // Session and accounts
  'session.state': 'public',
  'session.createFirstAdmin': 'public',
  'session.login': 'public',
  'session.logout': 'public',
  'session.unlock': 'public',
  'session.lock': 'session',
  'accounts.list': 'administration',
  'accounts.create': 'administration',
  'accounts.update': 'administration',
  'accounts.setPassword': 'administration',
  'accounts.deactivate': 'administration',

  // The application, the first start, the home screen
  'app.info': 'session',
  'setup.state': 'session',
  'setup.loadDemo': 'administration',
  'setup.demoProgress': 'session',
  'setup.startEmpty': 'administration',
  'dashboard.get': 'session',

  // Schools: read by every screen; the register is kept by the administration
  'schools.list': 'session',
  'schools.create': 'administration',
  'schools.update': 'administration',
  'schools.close': 'administration',
  'schools.reopen': 'administration',
  'schools.importDirectory': 'administration',

  // Families (accueil)
  'families.search': 'session',
  'families.get': 'session',
  'families.create': 'accueil',
  'families.update': 'accueil',
  'guardians.save': 'accueil',
  'guardians.remove': 'accueil',
  'children.save': 'accueil',
  'children.setRhythm': 'accueil',
  'qf.record': 'accueil',
  'import.csv': 'accueil',
  'export.csv': 'accueil',
  'families.validate': 'accueil',
  'families.archive': 'accueil',
  'families.exportData': 'accueil',
  'backups.state': 'administration',
  'backups.list': 'administration',
  'backups.run': 'administration',
  'backups.settings': 'administration',
  'backups.restore': 'administration',
  // The key of the health documents: its state for every agent (a banner says when it is locked)
  'documentKeys.status': 'session',
  // Every agent sees the sync state and may ask for a sync (it sends and receives, decides nothing).
  'sync.status': 'session',
  'sync.now': 'session',
  'sync.connect': 'administration',
  // Business conflicts: every agent sees the list; resolving checks the role of the conflict's kind
  // (CONFLICT_ROLE: instruction for decisions, régie for payments, accueil for files).
  'conflicts.list': 'session',
  'conflicts.resolve': 'session',
  'documentKeys.setupRecovery': 'administration',
  'documentKeys.renewRecovery': 'administration',
  'documentKeys.recover': 'administration',
  'documentKeys.rotate': 'administration',
  'setup.dismissNotice': 'session',

  // Calendar, tariffs, billing runs, credit notes (facturation)
  'calendar.years': 'session',
  'calendar.saveYear': 'facturation',
  'calendar.saveHoliday': 'facturation',
  'calendar.removeHoliday': 'facturation',
  'calendar.importIcs': 'facturation',
  'calendar.seedDefault': 'facturation',
  'calendar.closures': 'session',
  'calendar.addClosure': 'facturation',
  'calendar.removeClosure': 'facturation',
  'calendar.setServiceWeekdays': 'facturation',
  'calendar.month': 'session',
  'tariffs.get': 'session',
  'tariffs.save': 'facturation',
  'periods.list': 'session',
  'periods.generate': 'facturation',
  'periods.update': 'facturation',
  'billing.summary': 'session',
  'billing.preview': 'facturation',
  'billing.issue': 'facturation',
  'billing.invoices': 'session',
  'billing.invoice': 'session',
  'billing.cancelInvoice': 'facturation',
  'billing.reissueFamily': 'facturation',

  // Payments (régie)
  'payments.record': 'regie',
  'payments.previewAllocation': 'regie',
  'payments.cancel': 'regie',
  'payments.allocateCredit': 'regie',
  'account.get': 'session',
  'overdue.list': 'session',
  'treasury.export': 'regie',

  // Printed documents: every agent hands a family its invoice or statement
  'documents.invoicePdf': 'session',
  'documents.receiptPdf': 'session',
  'documents.statementPdf': 'session',
  'documents.reminderPdf': 'session',
  'documents.decisionLetterPdf': 'session',
  'documents.startPeriodPdf': 'facturation',
  'documents.job': 'session',
  'documents.cancelJob': 'session',

  // Requests: entry (accueil), decisions (instruction)
  'requests.list': 'session',
  'requests.get': 'session',
  'requests.create': 'accueil',
  'requests.similar': 'accueil',
  'requests.setStatus': 'accueil',
  'requests.assign': 'accueil',
  'requests.refundVerdict': 'session',
  'requests.decideRefund': 'instruction',
  'requests.decideRhythm': 'instruction',
  'requests.closeCorrection': 'instruction',
  'requests.decideRadiation': 'instruction',
  'requests.accountLinkFacts': 'session',
  'requests.decideAccountLink': 'instruction',

  // Pieces and medical certificates
  'documents.uploadHealth': 'accueil',
  'documents.openHealth': 'sante',
  'documents.uploadPiece': 'accueil',
  'documents.openPiece': 'session',
};

/** Whether an agent holding `permissions` may call an operation of this access (the session itself is checked apart). */
export function allows(access: Access, permissions: ReadonlySet<string>): boolean {
  return access === 'public' || access === 'session' || permissions.has(access);
}
