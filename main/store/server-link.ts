import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './files.js';

/**
 * This desk's link to the central server, `<data>/serveur.json` (a file, not a setting: settings
 * sync to other desks, this is this desk's alone). Written by the sync domain when the desk is
 * enrolled (`writeConnection`); read here too by the domains that behave differently on a linked desk (billing numbers).
 */
const SERVER_FILE = 'serveur.json';

/** `deskNumber`: this desk's short number on the server, for its own receipt book (absent from files written before it existed). */
const connection = z.object({ url: z.string(), deskId: z.string(), deskName: z.string(), deskNumber: z.number().int().min(1).optional(), connectedAt: z.string() });
export type ServerConnection = z.infer<typeof connection>;

/**
 * Read once per data folder: the status strip asks every second while a sync runs, billing on
 * every issue. Only enrolment writes the file, through `writeConnection`, which keeps this up to date.
 */
const known = new Map<string, ServerConnection | null>();

export function readConnection(dataDir: string): ServerConnection | null {
  const path = join(dataDir, SERVER_FILE);
  if (known.has(path)) return known.get(path)!;
  const parsed = existsSync(path) ? connection.safeParse(JSON.parse(readFileSync(path, 'utf8'))) : null;
  const link = parsed?.success ? parsed.data : null;
  known.set(path, link);
  return link;
}

/** Enrolment's link, written whole (readable by this desk's user only), and seen by the next read. */
export function writeConnection(dataDir: string, link: ServerConnection): void {
  const path = join(dataDir, SERVER_FILE);
  writeFileAtomic(path, Buffer.from(`${JSON.stringify(link, null, 2)}\n`), 0o600);
  known.set(path, link);
}
