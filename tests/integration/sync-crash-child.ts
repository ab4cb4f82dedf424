import { createContext } from '../../main/context.js';
import { syncOnce } from '../../main/services/sync/index.js';

/**
 * Child process of sync-crash.test.ts: one sync of the desk in DATA_DIR (push, then pull), killed by
 * the parent with SIGKILL at a random moment after it says « start ». Prints « done » at the end.
 * Usage: tsx sync-crash-child.ts DATA_DIR
 */
const [dataDir] = process.argv.slice(2);
const ctx = createContext({ dataDir: dataDir!, actor: 'test' });
process.stdout.write('start\n');
await syncOnce(ctx);
ctx.store.close();
process.stdout.write('done\n');
