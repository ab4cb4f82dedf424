import { restoreBackup } from '../../main/store/restore.js';

/**
 * Child process of restore-crash.test.ts: restores a backup and is killed (SIGKILL: no cleanup, no
 * undo by the program) either by itself at its Nth step (`step N`) or by the parent at a random
 * moment after it says « start » (`timed`). Prints « done <steps> » when it got to the end.
 * or at the first step of a given name (`label NAME`).
 * Usage: tsx restore-crash-child.ts DATA_DIR BACKUP_FOLDER step|timed|label [N|NAME]
 */
const [dataDir, source, mode, n] = process.argv.slice(2);
let steps = 0;
process.stdout.write('start\n');
restoreBackup(dataDir!, source!, {
  step(label) {
    steps++;
    if ((mode === 'step' && steps === Number(n)) || (mode === 'label' && label === n)) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`done ${steps}\n`);
