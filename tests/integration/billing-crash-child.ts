import { createContext } from '../../main/context.js';
import { issueBilling } from '../../main/services/billing/issue.js';

/**
 * Child process of billing-crash.test.ts: issues a period and kills itself (SIGKILL: no cleanup,
 * no rollback by the program) after `after` invoices are written, in the middle of the transaction.
 * Usage: tsx billing-crash-child.ts DATA_DIR PERIOD_ID AFTER
 */
const [dataDir, periodId, after] = process.argv.slice(2);
const ctx = createContext({ dataDir: dataDir!, actor: 'crash-test' });
issueBilling(ctx, periodId!, {
  afterInvoice(count) {
    if (count === Number(after)) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('not killed\n');
