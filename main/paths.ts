import { homedir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * Where an entry point (desktop, web host, CLI) keeps its data folder. Pure Node: never imports
 * electron, so the web host, the CLI and the tests resolve the same folder the desktop does.
 */
export const APP_NAME = 'Guichet';
const DATA_ENV = 'GUICHET_DATA';

export type Env = Record<string, string | undefined>;

export interface ResolveDataDirOptions {
  /** Used when neither `--data` nor GUICHET_DATA is given (Electron passes app.getPath('userData')). */
  fallback?: string;
  platform?: NodeJS.Platform;
  homedir?: string;
  /** Relative `--data` / GUICHET_DATA folders are taken from here (default: process.cwd()). */
  cwd?: string;
}

/**
 * `--data DIR` or `--data=DIR` wins; else GUICHET_DATA; else the fallback; else the platform
 * user-data folder for "Guichet" — the folder Electron's app.getPath('userData') gives for
 * productName Guichet. Always absolute.
 */
export function resolveDataDir(argv: readonly string[], env: Env = process.env, options: ResolveDataDirOptions = {}): string {
  const platform = options.platform ?? process.platform;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const cwd = options.cwd ?? process.cwd();
  const fromArgs = dataArg(argv);
  if (fromArgs !== undefined) return p.resolve(cwd, fromArgs);
  const fromEnv = env[DATA_ENV]?.trim();
  if (fromEnv) return p.resolve(cwd, fromEnv);
  if (options.fallback) return options.fallback;
  return defaultUserDataDir(platform, env, options.homedir ?? homedir());
}

/** The value of `--data DIR` / `--data=DIR` (the last one wins), or undefined. */
export function dataArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--data') {
      const next = argv[i + 1];
      if (next === undefined || next === '' || next.startsWith('--')) {
        throw new Error('L’option --data attend un dossier, par exemple : --data C:\\Guichet\\donnees');
      }
      found = next;
      i++;
    } else if (arg.startsWith('--data=')) {
      const value = arg.slice('--data='.length);
      if (value === '') throw new Error('L’option --data attend un dossier, par exemple : --data=C:\\Guichet\\donnees');
      found = value;
    }
  }
  return found;
}

/** Windows %APPDATA%\Guichet, macOS ~/Library/Application Support/Guichet, else XDG config. */
export function defaultUserDataDir(platform: NodeJS.Platform, env: Env, home: string): string {
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const config = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
  return path.posix.join(config, APP_NAME);
}

/** Who acts, for the audit: the operating-system account (USER/USERNAME when it has no entry). */
export function systemActor(env: Env = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  return env.USER || env.USERNAME || 'agent';
}
