import type { z } from 'zod';
import { accountOperations, sessionOperations } from './accounts.js';
import { backupOperations } from './backups.js';
import { billingOperations } from './billing.js';
import { calendarOperations } from './calendar.js';
import { conflictOperations } from './conflicts.js';
import { familyOperations } from './families.js';
import { gdprOperations } from './gdpr.js';
import { keyOperations } from './keys.js';
import { paymentOperations } from './payments.js';
import { printOperations } from './print.js';
import { requestOperations } from './requests.js';
import { schoolOperations } from './schools.js';
import { setupOperations } from './setup.js';
import { syncDeskOperations } from './sync-desk.js';
import { uploadOperations } from './uploads.js';

/**
 * The contract: every operation the staff screens may call, declared once with its input and
 * output schemas. Both transports (Electron IPC, HTTP web host) and the CLI validate with these.
 */
export const operations = {
  ...sessionOperations,
  ...accountOperations,
  ...setupOperations,
  ...familyOperations,
  ...gdprOperations,
  ...schoolOperations,
  ...calendarOperations,
  ...billingOperations,
  ...paymentOperations,
  ...printOperations,
  ...requestOperations,
  ...uploadOperations,
  ...backupOperations,
  ...keyOperations,
  ...syncDeskOperations,
  ...conflictOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OpInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OpParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OpOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
