import { runPortalCli } from './commands.js';

/** Entry of `npm run portal:cli` (the commands are in commands.ts, testable in process). */
void runPortalCli(process.argv.slice(2), process.env, () => new Date()).then(({ code, stdout, stderr }) => {
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
});
