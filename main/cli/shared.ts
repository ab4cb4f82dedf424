import { isValidIsoDate } from '../../shared/domain/dates.js';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { AppError, type AppErrorShape } from '../../shared/contract/errors.js';
import type { InputParse } from '../../shared/rules/json-input.js';
import { createContext, type AppContext } from '../context.js';
import { lockDataFolder } from '../store/data-lock.js';
import { dataFolderKeySource } from '../store/key-vault.js';
import { openDocumentKeys } from '../services/keys/index.js';
import { systemActor } from '../paths.js';
import { PERMISSIONS } from '../../shared/contract/permissions.js';

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
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The whole standard input (a password given by a pipe, never on the command line). */
  stdin?: () => Promise<string>;
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

/**
 * The data folder's store for a command, with the folder's lock (refused in French while a desk or
 * another command holds it); closing the store releases the lock.
 */
export function openContext(dataDir: string): AppContext {
  const today = fixedToday();
  const lock = lockDataFolder(dataDir, { kind: 'cli' });
  try {
    const ctx = createContext({
      dataDir,
      actor: `cli:${systemActor()}`,
      // The CLI runs on the data folder itself: whoever runs it can read the base anyway (decisions.md).
      roles: PERMISSIONS,
      documentKeys: dataFolderKeySource(dataDir),
      ...(today ? { today: () => today } : {}),
    });
    openDocumentKeys(ctx, { background: false });
    const store = ctx.store;
    const { sqlite } = store;
    store.close = () => {
      sqlite.close();
      lock.release();
    };
    return ctx;
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * `GUICHET_TODAY=AAAA-MM-JJ` sets the store's calendar day instead of the computer's (the tests,
 * and a demonstration prepared for a given day); unset, today in Paris.
 */
function fixedToday(): string | undefined {
  const value = process.env.GUICHET_TODAY;
  if (!value) return undefined;
  if (!isValidIsoDate(value)) throw new AppError({ code: 'VALIDATION', message: `GUICHET_TODAY\u00a0: date invalide «\u00a0${value}\u00a0» (attendu AAAA-MM-JJ).` });
  return value;
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

// ─── JSON input of the machine commands (`meals`, `rules`) ────────────────────────────────────

/** A rules or served-days question is a few kilobytes; beyond this it is not one. */
const MAX_INPUT_BYTES = 1024 * 1024;

function readInput(source: string, cwd: string): { name: string; text: string } {
  if (source === '-') {
    // fd 0: the standard input, piped or redirected.
    return { name: 'l’entrée standard', text: readFileSync(0, 'utf8') };
  }
  const file = resolve(cwd, source);
  try {
    if (statSync(file).size > MAX_INPUT_BYTES) {
      throw AppError.invalid('input', 'Fichier trop volumineux\u00a0: 1\u00a0Mo au plus.');
    }
    return { name: file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw AppError.notFound(`Fichier introuvable ou illisible\u00a0: ${file}`);
  }
}

/** « (ligne 2, colonne 5) » from JSON.parse's English message, when it gives a position. */
function jsonErrorPlace(text: string, error: unknown): string {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return '\u00a0: texte incomplet ou mal formé';
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(position)).split('\n');
  return ` (ligne ${before.length}, colonne ${(before[before.length - 1] ?? '').length + 1})`;
}

/** The JSON of `--input FICHIER|-`, validated by `parse`; a French error naming the field otherwise. */
export function readJsonInput<T>(values: Values, cwd: string, parse: (value: unknown) => InputParse<T>): T {
  const source = values.input;
  if (typeof source !== 'string' || source === '') {
    throw new UsageError('Indiquez le fichier JSON à lire\u00a0: --input FICHIER (ou --input - pour l’entrée standard).');
  }
  const { name, text } = readInput(source, cwd);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw AppError.invalid('input', `JSON invalide dans ${name}${jsonErrorPlace(text, error)}.`);
  }
  const parsed = parse(value);
  if (!parsed.success) {
    const first = parsed.issues[0];
    throw new AppError({
      code: 'VALIDATION',
      message: parsed.issues.map((i) => i.message).join('\n'),
      ...(first?.field ? { field: first.field } : {}),
      issues: parsed.issues,
    });
  }
  return parsed.data;
}

/** A machine command's answer: the same JSON on standard output and in `--json`. */
export function machineResult(result: Record<string, unknown>): CommandResult {
  return { ok: true, json: result, text: [], data: JSON.stringify(result) };
}
