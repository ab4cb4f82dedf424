import { z } from 'zod';
import { trimmed } from './common.js';

/**
 * What a desk and the central server (portal/) say to each other over HTTP, validated on both
 * sides (issue 10). The family pages have their own contract.
 */

/** A desk's name on the server (« Accueil 1 »). */
export const deskName = trimmed(80, 'Nom du poste obligatoire.');

/** POST /sync/enrol: a one-time code from `portal:cli desk enrol` for the desk's credential. */
export const enrolRequest = z.object({ code: trimmed(40, 'Code d’enrôlement obligatoire.') }).strict();
/** `deskNumber`: the desk's short number on this server, for its own receipt book (« R2026-03-000001 »). */
export const enrolResponse = z.object({ deskId: z.string(), name: z.string(), deskNumber: z.number().int().min(1), credential: z.string().min(32), serverTime: z.string() });

/** GET /health: 200 when the database answers and its migrations are the program's, else 503. */
export const healthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.object({ applied: z.number(), shipped: z.number() }).nullable(),
  message: z.string().nullable(),
});
export type HealthResponse = z.infer<typeof healthResponse>;
