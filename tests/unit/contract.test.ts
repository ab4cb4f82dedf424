import { describe, expect, it } from 'vitest';
import { handlers } from '../../main/api/handlers.js';
import { accountOperations, sessionOperations } from '../../shared/contract/accounts.js';
import { backupOperations } from '../../shared/contract/backups.js';
import { keyOperations } from '../../shared/contract/keys.js';
import { syncDeskOperations } from '../../shared/contract/sync-desk.js';
import { billingOperations } from '../../shared/contract/billing.js';
import { calendarOperations } from '../../shared/contract/calendar.js';
import { conflictOperations } from '../../shared/contract/conflicts.js';
import { familyOperations } from '../../shared/contract/families.js';
import { gdprOperations } from '../../shared/contract/gdpr.js';
import { operations } from '../../shared/contract/operations.js';
import { paymentOperations } from '../../shared/contract/payments.js';
import { printOperations } from '../../shared/contract/print.js';
import { requestOperations } from '../../shared/contract/requests.js';
import { schoolOperations } from '../../shared/contract/schools.js';
import { setupOperations } from '../../shared/contract/setup.js';
import { uploadOperations } from '../../shared/contract/uploads.js';

const DOMAINS = {
  sessionOperations,
  accountOperations,
  setupOperations,
  familyOperations,
  gdprOperations,
  schoolOperations,
  calendarOperations,
  billingOperations,
  paymentOperations,
  printOperations,
  requestOperations,
  uploadOperations,
  backupOperations,
  keyOperations,
  syncDeskOperations,
  conflictOperations,
};

describe('the contract', () => {
  it('defines each operation in one domain only (operations.ts spreads them: a second definition would silently win)', () => {
    const seen = new Map<string, string>();
    for (const [domain, ops] of Object.entries(DOMAINS)) {
      for (const name of Object.keys(ops)) {
        expect(seen.get(name), `${name} in ${domain}`).toBeUndefined();
        seen.set(name, domain);
      }
    }
    expect(Object.keys(operations).sort()).toEqual([...seen.keys()].sort());
  });

  it('has a handler for every operation and no handler outside it', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(operations).sort());
  });
});
