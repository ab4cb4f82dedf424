import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../paths.js';
import { accountsCommand } from './commands/accounts.js';
import { keysCommand } from './commands/keys.js';
import { serverCommand, syncCommand } from './commands/server.js';
import { backupCommand } from './commands/backup.js';
import { billingCommand } from './commands/billing.js';
import { demo } from './commands/demo.js';
import { documentsCommand } from './commands/documents.js';
import { exportCommand } from './commands/export.js';
import { familyExportCommand } from './commands/family-export.js';
import { importCommand } from './commands/import.js';
import { mealsCommand } from './commands/meals.js';
import { migrate } from './commands/migrate.js';
import { purgeCommand } from './commands/purge.js';
import { restoreCommand } from './commands/restore.js';
import { rulesCommand } from './commands/rules.js';
import {
  type Command,
  COMMON_OPTIONS,
  errorShape,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type Io,
  type OptionsConfig,
  UsageError,
  type Values,
} from './shared.js';

/**
 * The Guichet command line: `npm run cli -- <commande> [options]` (tsx main/cli/index.ts).
 * Drives the same services as the desktop, on the data folder of `--data DIR` (or GUICHET_DATA,
 * or the platform's user-data folder). `--json` prints one JSON object on stdout and nothing else.
 * Exit codes: 0 done, 1 the operation failed, 2 wrong command line.
 */

export const COMMANDS: readonly Command[] = [migrate, demo, importCommand, exportCommand, familyExportCommand, backupCommand, restoreCommand, mealsCommand, rulesCommand, billingCommand, purgeCommand, documentsCommand, accountsCommand, keysCommand, serverCommand, syncCommand];

const PROGRAM = 'npm run cli --';

function globalHelp(): string {
  return [
    'Guichet — ligne de commande (Caisse des écoles du 11e)',
    '',
    `Usage\u00a0: ${PROGRAM} <commande> [options]`,
    '',
    'Commandes\u00a0:',
    ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Options communes\u00a0:',
    '  --data DOSSIER   dossier des données (sinon GUICHET_DATA, sinon le dossier utilisateur de Guichet)',
    '  --json           imprime un seul objet JSON sur la sortie standard, et rien d’autre',
    '  --help, -h       aide (générale, ou d’une commande\u00a0: import --help)',
    '',
    'Codes de sortie\u00a0: 0 réussi, 1 l’opération a échoué, 2 ligne de commande incorrecte.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage\u00a0: ${PROGRAM} ${command.usage} [--data DOSSIER] [--json]`,
    '',
    command.help,
    '',
    'Options communes\u00a0: --data DOSSIER, --json, --help (voir «\u00a0--help\u00a0» sans commande).',
  ].join('\n');
}

/** parseArgs' English errors, in French. */
function usageFromParseError(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`Option inconnue\u00a0: ${option}.`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        /argument missing/.test(message ?? '')
          ? `L’option ${option} attend une valeur.`
          : `L’option ${option} ne prend pas de valeur.`,
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`Argument inattendu\u00a0: ${option}.`);
    default:
      return new UsageError(`Ligne de commande incorrecte\u00a0: ${message ?? String(error)}`);
  }
}

function allOptions(): OptionsConfig {
  const all: OptionsConfig = { ...COMMON_OPTIONS };
  for (const c of COMMANDS) Object.assign(all, c.options);
  return all;
}

export async function main(args: readonly string[], io: Io): Promise<number> {
  // A first, lenient pass finds the command (the first word that is not an option's value).
  let json = args.includes('--json');
  let commandIndex = -1;
  let wantsHelp = false;
  try {
    const loose = parseArgs({ args: [...args], options: allOptions(), strict: false, allowPositionals: true, tokens: true });
    const first = loose.tokens.find((t) => t.kind === 'positional');
    commandIndex = first?.index ?? -1;
    wantsHelp = loose.values.help === true;
  } catch {
    // reported by the strict pass below
  }
  const fail = (error: UsageError): number => {
    if (json) io.stdout(JSON.stringify({ ok: false, error: { code: 'USAGE', message: error.message } }));
    else io.stderr(`${error.message}\nAide\u00a0: ${PROGRAM} --help`);
    return EXIT_USAGE;
  };

  let name = commandIndex >= 0 ? (args[commandIndex] as string) : undefined;
  let rest = commandIndex >= 0 ? [...args.slice(0, commandIndex), ...args.slice(commandIndex + 1)] : [...args];
  if (name === 'help') {
    // `help` and `help <commande>`
    const topic = rest.find((a) => !a.startsWith('-'));
    if (!topic) {
      io.stdout(globalHelp());
      return EXIT_OK;
    }
    name = topic;
    rest = ['--help'];
    wantsHelp = true;
  }
  if (name === undefined) {
    if (wantsHelp) {
      io.stdout(globalHelp());
      return EXIT_OK;
    }
    if (json) return fail(new UsageError('Indiquez une commande.'));
    io.stderr(globalHelp());
    return EXIT_USAGE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    return fail(new UsageError(`Commande inconnue\u00a0: ${name}. Commandes\u00a0: ${COMMANDS.map((c) => c.name).join(', ')}.`));
  }

  let values: Values;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    return fail(usageFromParseError(error));
  }
  json = values.json === true;
  if (values.help === true) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  if (positionals.length < command.positionals.min) {
    return fail(new UsageError(command.positionals.missing ?? `Argument manquant. Usage\u00a0: ${command.usage}`));
  }
  if (positionals.length > command.positionals.max) {
    return fail(new UsageError(`Argument inattendu\u00a0: ${positionals[command.positionals.max]}.`));
  }

  try {
    const dataDir = resolveDataDir(values.data === undefined ? [] : ['--data', String(values.data)], io.env, {
      cwd: io.cwd,
    });
    const result = await command.run({ values, positionals, dataDir, io, json });
    if (json) {
      io.stdout(JSON.stringify({ ok: result.ok, command: command.name, dataDir, ...result.json }));
    } else if (result.data !== undefined) {
      io.stdout(result.data);
      io.stderr(result.text.join('\n'));
    } else {
      (result.ok ? io.stdout : io.stderr)(result.text.join('\n'));
    }
    return result.ok ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    if (error instanceof UsageError) return fail(error);
    const shape = errorShape(error);
    if (json) io.stdout(JSON.stringify({ ok: false, command: command.name, error: shape }));
    else io.stderr(shape.message);
    return EXIT_FAILED;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `… | head` closes the pipe early: that is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  const io: Io = {
    stdout: (text) => {
      process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    },
    stderr: (text) => {
      process.stderr.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    },
    env: process.env,
    cwd: process.cwd(),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = EXIT_FAILED;
    },
  );
}
