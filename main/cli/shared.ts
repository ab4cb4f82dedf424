import type { ParseArgsConfig } from 'node:util';
import { AppError, type AppErrorShape } from '../../shared/contract/errors.js';
import { createContext, type AppContext } from '../context.js';
import { systemActor } from '../paths.js';

/** Exit codes: 0 done, 1 the operation failed, 2 the command line is wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A wrong command line (exit code 2), message in French. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What every command accepts. */
export const COMMON_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

export type Values = Record<string, string | boolean | undefined>;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface CommandRun {
  values: Values;
  positionals: string[];
  dataDir: string;
  io: Io;
  json: boolean;
}

/** The outcome of a command: the JSON object (--json) and the lines a person reads. */
export interface CommandResult {
  ok: boolean;
  json: Record<string, unknown>;
  /** Printed on stdout, or on stderr when stdout carries `data`. */
  text: string[];
  /** What goes on stdout as is, without --json (the CSV of an export without --out). */
  data?: string;
}

export interface Command {
  name: string;
  /** One line for the global help. */
  summary: string;
  /** `import <fichier.csv> [--dry-run]` */
  usage: string;
  /** Detailed help, French. */
  help: string;
  options: OptionsConfig;
  positionals: { min: number; max: number; missing?: string };
  run(run: CommandRun): Promise<CommandResult> | CommandResult;
}

export function openContext(dataDir: string): AppContext {
  return createContext({ dataDir, actor: `cli:${systemActor()}` });
}

export function errorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Erreur interne\u00a0: ${message}` };
}

export function integerOption(values: Values, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`L’option --${name} attend un nombre entier entre ${min} et ${max} (reçu\u00a0: «\u00a0${text}\u00a0»).`);
  }
  return Number(text);
}

export { formatCount as count } from '../../shared/domain/money.js';
