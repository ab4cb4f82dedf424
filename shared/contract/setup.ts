import { z } from 'zod';
import { empty, ok, op } from './common.js';

/** The application itself: its identity, the first start (demo data or empty), the home screen. */

export const dashboard = z.object({
  families: z.object({ active: z.number(), pending: z.number(), radiated: z.number(), archived: z.number() }),
  children: z.number(),
  requestsWaiting: z.number(),
  /** Business conflicts still to settle (the « Conflits » badge). */
  conflictsOpen: z.number(),
  /** The store's calendar day (the injected clock), which the home screen shows. */
  today: z.string(),
});
export type Dashboard = z.infer<typeof dashboard>;


/** The application itself: what runs, the first start, the home screen. */
export const setupOperations = {
  /** `agentName`: the logged-in account's name. */
  'app.info': op(
    empty,
    z.object({ version: z.string(), dataDir: z.string(), actor: z.string(), agentName: z.string().nullable(), node: z.string() }),
  ),
  /** Whether the first start still asks for a choice, and the store's calendar day (the screens' today). */
  'setup.state': op(
    empty,
    z.object({
      needsChoice: z.boolean(),
      families: z.number(),
      today: z.string(),
      /** A restore found half-done at start and settled: what the desk shows once (until dismissed). */
      notice: z.string().nullable(),
    }),
  ),
  /** The agent has read the start notice. */
  'setup.dismissNotice': op(empty, ok),
  'setup.loadDemo': op(
    z.object({ seed: z.number().int().default(11) }).default({ seed: 11 }),
    z.object({
      schools: z.number(),
      families: z.number(),
      children: z.number(),
      schoolYears: z.array(z.string()),
      periodsIssued: z.number(),
      invoices: z.number(),
      payments: z.number(),
      reminders: z.number(),
      requests: z.number(),
      warnings: z.array(z.string()),
    }),
  ),
  /** The load of the demo data as it goes (polled by the first-start screen). */
  'setup.demoProgress': op(
    empty,
    z.object({ running: z.boolean(), step: z.string(), fraction: z.number(), elapsedMs: z.number(), remainingMs: z.number().nullable() }),
  ),
  'setup.startEmpty': op(empty, ok),

  'dashboard.get': op(empty, dashboard),
} as const;
