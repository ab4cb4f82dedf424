import { z } from 'zod';
import { formatCount } from '../domain/money.js';

/**
 * POST /sync/numbers (issue 10 § 2, « The server is the authority »): a desk about to write
 * invoices or credit notes reserves an unbroken block of the year's series for its run. The run's
 * id is chosen by the desk and deterministic (the same run asks again after a crash and gets the
 * same block); `after` is the highest number of the series the desk already holds, so that a
 * series numbered on a desk before it was linked to the server goes on without a duplicate.
 */
export const SERVER_SERIES = ['invoice', 'credit_note'] as const;
export type ServerSeries = (typeof SERVER_SERIES)[number];

/** At most one billing run of the whole Caisse (about 21,000 invoices) and then some. */
const MAX_BLOCK = 100_000;

export const reserveNumbersRequest = z
  .object({
    runId: z.string().regex(/^[A-Za-z0-9:._-]{1,200}$/, { error: 'Identifiant d’opération invalide (lettres, chiffres et deux-points, tiret, point, souligné, 200 au plus).' }),
    year: z.number({ error: 'Année de la série\u00a0: un nombre est attendu.' }).int().min(2000, { error: 'Année de la série\u00a0: entre 2000 et 2999.' }).max(2999, { error: 'Année de la série\u00a0: entre 2000 et 2999.' }),
    kind: z.enum(SERVER_SERIES, { error: 'série «\u00a0invoice\u00a0» ou «\u00a0credit_note\u00a0» attendue.' }),
    count: z.number({ error: 'Nombre de numéros\u00a0: un nombre est attendu.' }).int().min(1, { error: 'Nombre de numéros\u00a0: 1 au moins.' }).max(MAX_BLOCK, { error: `Nombre de numéros\u00a0: ${formatCount(MAX_BLOCK)} au plus.` }),
    after: z.number({ error: 'Dernier numéro connu\u00a0: un nombre est attendu.' }).int().min(0, { error: 'Dernier numéro connu\u00a0: 0 au moins.' }).default(0),
  })
  .strict();
export type ReserveNumbers = z.output<typeof reserveNumbersRequest>;

/** The block, both ends included. */
export const reserveNumbersResponse = z.object({ runId: z.string(), year: z.number(), kind: z.enum(SERVER_SERIES), first: z.number().int(), last: z.number().int() });
export type NumberBlock = z.infer<typeof reserveNumbersResponse>;
