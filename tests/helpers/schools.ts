import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dispatch, type DispatchResult } from './dispatch.js';
import type { AppContext } from '../../main/context.js';
import type { OperationName, OpInput, OpOutput } from '../../shared/contract/operations.js';

/** Helpers of the schools' register tests: calls through the dispatcher, what the store holds. */

/** The sample of the national directory (tests/fixtures/README.md). */
export const DIRECTORY = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'annuaire-education-extrait.csv'));

export const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** A school as an agent types it. */
export const KELLER = {
  code: '0751512L',
  name: 'École maternelle Keller',
  kind: 'maternelle' as const,
  address: '15 rue Keller, 75011 Paris',
  headName: 'Mme Girard',
  serviceWeekdays: [1, 2, 4, 5],
};

/** An operation that must succeed; its value. */
export async function call<N extends OperationName>(ctx: AppContext, name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const result = await dispatch(ctx, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OpOutput<N>;
}

/** The error of an operation that must fail. */
export function failure(result: DispatchResult) {
  expect(result.ok).toBe(false);
  return (result as Extract<DispatchResult, { ok: false }>).error;
}

export const count = (ctx: AppContext, table: string) =>
  (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Rows of the register, audit entries and sync messages: a write leaves a trace in all three. */
export const written = (ctx: AppContext) => ({ schools: count(ctx, 'schools'), audit: count(ctx, 'audit_log'), outbox: count(ctx, 'outbox') });

export const audits = (ctx: AppContext, action: string) =>
  ctx.store.sqlite.prepare('SELECT entity_id AS id, before, after FROM audit_log WHERE action = ? ORDER BY rowid').all(action) as {
    id: string;
    before: string | null;
    after: string | null;
  }[];
