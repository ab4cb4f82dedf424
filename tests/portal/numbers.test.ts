import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { listDesks } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { openPortalStore, type PortalStore } from '../../portal/store/open.js';
import type { NumberBlock } from '../../shared/contract/numbers.js';
import { enrolledDesk, portalOn, rowsOf, STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

/** The server numbers invoices and credit notes: unbroken blocks per run (issue 10 § 2). */
const NOW = new Date('2026-12-01T09:00:00Z');

const enrolled = (store: PortalStore, name: string) => enrolledDesk(store, name, NOW);

function reserve(app: FastifyInstance, credential: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/sync/numbers', headers: { authorization: `Bearer ${credential}` }, payload: { year: 2026, kind: 'invoice', ...body } });
}

/** The blocks cover 1…n exactly once: no overlap, no gap. */
function expectUnbroken(blocks: { first: number; last: number }[]): void {
  const sorted = [...blocks].sort((x, y) => x.first - y.first);
  let next = 1;
  for (const b of sorted) {
    expect(b.first).toBe(next);
    next = b.last + 1;
  }
}

describe.each(STORE_KINDS)('number reservations on $name', (kind) => {
  const portal = portalOn(kind, NOW);
  let a: string;
  let b: string;
  beforeEach(async () => {
    await portal.store.db.execute(sql`TRUNCATE desks, number_blocks`);
    a = (await enrolled(portal.store, 'Accueil 1')).credential;
    b = (await enrolled(portal.store, 'Régie')).credential;
  });

  it('gives each run the next unbroken block of its year and kind, and the same block to the same run again', async () => {
    const first = await reserve(portal.app, a, { runId: 'billing:p1', count: 3 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ runId: 'billing:p1', year: 2026, kind: 'invoice', first: 1, last: 3 });
    expect((await reserve(portal.app, b, { runId: 'billing:p2', count: 2 })).json()).toMatchObject({ first: 4, last: 5 });
    // A run killed after its reservation asks again: the same block, nothing new reserved.
    expect((await reserve(portal.app, a, { runId: 'billing:p1', count: 3 })).json()).toMatchObject({ first: 1, last: 3 });
    expect((await reserve(portal.app, a, { runId: 'cancel:x', count: 1 })).json()).toMatchObject({ first: 6, last: 6 });
    // Other series start at 1: the credit notes, another year.
    expect((await reserve(portal.app, a, { runId: 'billing:p1', kind: 'credit_note', count: 2 })).json()).toMatchObject({ kind: 'credit_note', first: 1, last: 2 });
    expect((await reserve(portal.app, a, { runId: 'billing:p3', year: 2027, count: 1 })).json()).toMatchObject({ year: 2027, first: 1, last: 1 });
  });

  it('resizes a run’s block while it is the last of the series, and refuses when another block follows it', async () => {
    await reserve(portal.app, a, { runId: 'billing:p1', count: 3 });
    expect((await reserve(portal.app, a, { runId: 'billing:p1', count: 5 })).json()).toMatchObject({ first: 1, last: 5 });
    expect((await reserve(portal.app, a, { runId: 'billing:p1', count: 4 })).json()).toMatchObject({ first: 1, last: 4 });
    expect((await reserve(portal.app, b, { runId: 'billing:p2', count: 2 })).json()).toMatchObject({ first: 5, last: 6 });
    const late = await reserve(portal.app, a, { runId: 'billing:p1', count: 6 });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ error: { message: string } }>().error.message).toBe(
      'Cette opération avait réservé 4 numéro(s) (F2026-000001 à F2026-000004) et en demande maintenant 6, mais d’autres numéros ont été réservés depuis\u00a0: la série aurait un trou ou un doublon. Rien n’a été émis\u00a0; signalez-le à l’administrateur du serveur.',
    );
    // The same count still gets its block.
    expect((await reserve(portal.app, a, { runId: 'billing:p1', count: 4 })).json()).toMatchObject({ first: 1, last: 4 });
  });

  it('refuses a run already numbered for another desk, naming it', async () => {
    await reserve(portal.app, a, { runId: 'billing:p1', count: 3 });
    const other = await reserve(portal.app, b, { runId: 'billing:p1', count: 3 });
    expect(other.statusCode).toBe(409);
    expect(other.json<{ error: { message: string } }>().error.message).toContain('réservés par le poste «\u00a0Accueil 1\u00a0»');
  });

  it('goes on after the numbers a desk already holds (a series started before the desk was linked)', async () => {
    expect((await reserve(portal.app, a, { runId: 'billing:p1', count: 2, after: 50 })).json()).toMatchObject({ first: 51, last: 52 });
    expect((await reserve(portal.app, b, { runId: 'billing:p2', count: 1, after: 0 })).json()).toMatchObject({ first: 53, last: 53 });
  });

  it('refuses bad input with a French message naming the field, and a desk without credential', async () => {
    const zero = await reserve(portal.app, a, { runId: 'billing:p1', count: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ error: { field: 'count', message: 'Nombre de numéros\u00a0: 1 au moins.' } });
    const receipt = await reserve(portal.app, a, { runId: 'billing:p1', kind: 'receipt', count: 1 });
    expect(receipt.json()).toMatchObject({ error: { field: 'kind' } });
    const anonymous = await portal.app.inject({ method: 'POST', url: '/sync/numbers', payload: { runId: 'x', year: 2026, kind: 'invoice', count: 1 } });
    expect(anonymous.statusCode).toBe(401);
    expect(rowsOf<{ n: number }>(await portal.store.db.execute(sql`SELECT COUNT(*)::int AS n FROM number_blocks`))[0]!.n).toBe(0);
  });

  it('gives concurrent runs disjoint blocks that form one unbroken series', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => reserve(portal.app, i % 2 ? a : b, { runId: `billing:r${i}`, count: i + 1 })));
    const blocks = answers.map((r) => r.json<NumberBlock>());
    blocks.forEach((block, i) => expect(block.last - block.first + 1).toBe(i + 1));
    expectUnbroken(blocks);
  });

  it('numbers the desks at enrolment, in turn', async () => {
    const numbers = (await listDesks(portal.store, NOW)).map((d) => d.number).sort();
    expect(numbers).toEqual([1, 2]);
    expect((await enrolled(portal.store, 'Accueil 2')).deskNumber).toBe(3);
  });
});

describe('two portal processes on one PostgreSQL', () => {
  it('never give overlapping blocks, and replay a run’s block through either', async () => {
    const { store, dispose } = await tempPortalStore(STORE_KINDS[1]!);
    const schema = rowsOf<{ s: string }>(await store.db.execute(sql`SELECT current_schema() AS s`))[0]!.s;
    const second = await openPortalStore({ databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema });
    const servers = [buildPortal({ store, now: () => NOW, logLevel: false }), buildPortal({ store: second, now: () => NOW, logLevel: false })];
    try {
      const desks = await Promise.all([enrolled(store, 'A'), enrolled(second, 'B')]);
      expect(desks.map((d) => d.deskNumber).sort()).toEqual([1, 2]);
      const runs = Array.from({ length: 30 }, (_, i) => ({ runId: `billing:r${i}`, count: (i % 7) + 1, desk: desks[i % 2]!.credential }));
      const answers = await Promise.all(runs.map((r, i) => reserve(servers[Math.floor(i / 2) % 2]!, r.desk, { runId: r.runId, count: r.count })));
      const blocks = answers.map((r) => r.json<NumberBlock>());
      expectUnbroken(blocks);
      const replayed = await Promise.all(runs.map((r, i) => reserve(servers[(Math.floor(i / 2) + 1) % 2]!, r.desk, { runId: r.runId, count: r.count })));
      expect(replayed.map((r) => r.json<NumberBlock>())).toEqual(blocks);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await second.close();
      await dispose();
    }
  });
});
