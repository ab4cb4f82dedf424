import { lockDataFolder } from '../../main/store/data-lock.js';

/** Child of data-lock.test.ts: holds a data folder's lock until it is killed. Usage: tsx data-lock-child.ts DATA_DIR */
lockDataFolder(process.argv[2]!);
process.stdout.write('locked\n');
setInterval(() => {}, 1000);
