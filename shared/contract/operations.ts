import { z } from 'zod';
import * as s from './schemas.js';
import { billingOperations } from './billing.js';
import { requestOperations } from './requests.js';

/**
 * The contract: every operation the staff screens may call, declared once with its input and
 * output schemas. Both transports (Electron IPC, HTTP web host) and the CLI validate with these.
 */
const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const empty = z.object({}).strict().default({});

export const searchScope = z.enum(['current', 'all', 'pending', 'active', 'radiated', 'archived'], {
  error: 'Filtre de statut inconnu.',
});
export type SearchScope = z.infer<typeof searchScope>;

const searchInput = z.object({
  query: z.string().max(200, { error: '200 caractères au plus.' }).default(''),
  /** `current` = actif + en attente (archived files are out of the active lists). */
  scope: searchScope.default('current'),
  limit: z.number().int().min(1).max(50_000).default(50_000),
});

export const operations = {
  'app.info': op(
    empty,
    z.object({ version: z.string(), dataDir: z.string(), actor: z.string(), node: z.string() }),
  ),
  'setup.state': op(empty, z.object({ needsChoice: z.boolean(), families: z.number() })),
  'setup.loadDemo': op(
    z.object({ seed: z.number().int().default(11) }).default({ seed: 11 }),
    z.object({ schools: z.number(), families: z.number(), children: z.number() }),
  ),
  'setup.startEmpty': op(empty, z.object({ ok: z.literal(true) })),

  'dashboard.get': op(empty, s.dashboard),
  'schools.list': op(empty, z.array(s.school)),

  'families.search': op(
    searchInput,
    z.object({
      total: z.number(),
      rows: z.array(s.familyRow),
      /** True when a typed query matched more files than are shown (the screen asks to narrow it). */
      capped: z.boolean(),
    }),
  ),
  'families.get': op(z.object({ id: s.id }), s.family),
  'families.create': op(s.familyInput, z.object({ id: z.string(), dossierNumber: z.number() })),
  'families.update': op(
    z.object({
      id: s.id,
      familyName: s.personName('Nom de famille'),
      status: s.familyStatus,
      address: s.address,
      notes: z.string().trim().max(2000).nullable().default(null),
    }),
    z.object({ id: z.string() }),
  ),
  'guardians.save': op(z.object({ familyId: s.id, guardian: s.guardianInput }), z.object({ id: z.string() })),
  'guardians.remove': op(z.object({ familyId: s.id, guardianId: s.id }), z.object({ ok: z.literal(true) })),
  'children.save': op(z.object({ familyId: s.id, child: s.childInput }), z.object({ id: z.string() })),
  'children.setRhythm': op(
    z.object({ childId: s.id, weekdays: s.weekdays, effectiveFrom: s.isoDate }),
    z.object({ id: z.string() }),
  ),
  'qf.record': op(
    z.object({
      familyId: s.id,
      value: z.number({ error: 'Quotient familial obligatoire.' }).int().min(0).max(100_000),
      proofReceivedOn: s.isoDate,
    }),
    z.object({ id: z.string(), tranche: z.number(), validFrom: z.string() }),
  ),

  'import.csv': op(
    z.object({
      /** The file's bytes, base64 (encoding is detected: UTF-8 or Windows-1252). */
      content: z.string().max(40_000_000, { error: 'Fichier trop volumineux (30 Mo au plus).' }),
      dryRun: z.boolean().default(true),
    }),
    s.importReport,
  ),
  'export.csv': op(
    z.object({ query: z.string().max(200).default(''), scope: searchScope.default('current') }),
    z.object({ fileName: z.string(), content: z.string(), rows: z.number() }),
  ),

  /* Billing (issue 3): calendar, tariffs, periods, billing runs, payments, accounts. */
  ...billingOperations,

  /* Requests (issue 4): requests, decisions, health documents. */
  ...requestOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OpInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OpParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OpOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}

/** The transport-independent client the renderer uses (IPC or HTTP behind it). */
export type Invoke = <N extends OperationName>(name: N, input: OpInput<N>) => Promise<OpOutput<N>>;
