import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The project root: the CLI's default working directory. */
export const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(ROOT, 'main', 'cli', 'index.ts');
/** tsx's loader by path, so that a child also runs from another working directory. */
export const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as a user runs it (`npm run cli --` is `tsx main/cli/index.ts`), in a child process,
 * with no `GUICHET_DATA` inherited; `stdin` is written then closed (empty when not given).
 */
export function runCli(args: string[], options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--import', TSX, ENTRY, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, GUICHET_DATA: '', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
