import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../main/context.js';
import { seedDefaultCalendar } from '../../main/services/billing/seed.js';
import { upsertSchools } from '../../main/services/schools/register.js';
import { ServerUnavailable, type Fetch } from '../../main/services/sync/http.js';
import { writeCursor } from '../../main/services/sync/desk-state.js';
import { connectServer, syncOnce } from '../../main/services/sync/index.js';
import { Clock } from '../../main/store/clock.js';
import { enrolDesk } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { rowsOf } from './portal-store.js';
import { tempContext } from './temp-context.js';

/**
 * The world of the sync model test (tests/integration/sync-model.test.ts): one real portal (its
 * Fastify app reached through `inject`, on one store for the whole file, emptied between runs)
 * and N desks copied from one seeded template, each with a deterministic node and ids, a clock
 * set by the model, and a network that the model breaks on purpose.
 */

/** Model time starts here (a school day of 2025-2026, the template's calendar). */
const T0 = Date.parse('2026-03-16T08:00:00.000Z');
const SCHOOL_DAY = '2026-03-16';

/** What the network does to one call. */
export type Fault = 'ok' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'delay';

interface HeldRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON text, or a document's raw bytes. */
  payload: string | Buffer | undefined;
}

/** A conflict resolved on a desk (`conflicts.resolve`): its `versions` as the agent saw them, and the one kept. */
export interface Resolution {
  desk: number;
  id: string;
  versions: string;
  chosen: number | null;
}

export interface Desk {
  index: number;
  ctx: AppContext & { dispose(): void };
  /** Steps left while this desk is cut from the network. */
  offlineFor: number;
  /** Faults for the desk's next calls, consumed in order (then `ok`). */
  faults: Fault[];
}

/** The template's rows are named as if written by a desk of this number (not one of the model's). */
const TEMPLATE_DESK = 0xfff;

/** The template: its data folder, and the messages that wrote it (the server holds them at the start of each run). */
export interface Template {
  dir: string;
  messages: SyncMessage[];
  dispose(): void;
}

/**
 * A data folder migrated and seeded once (calendar, grid, periods, two schools, then what
 * `prepare` adds), closed, to copy per desk: every desk starts from this state as if it had been
 * synced already — the server holds its messages and every desk's cursor is past them, so the
 * server knows the template's rows as it knows any other (an invoice's total, a guardian's rank).
 * Its ids are fixed, so that a replay picks the same rows.
 */
export function deskTemplate(prepare: (ctx: AppContext) => void = () => {}): Template {
  // Its field clocks a minute before the model's time: every write of the model is newer.
  const seed = tempContext({ today: () => SCHOOL_DAY, now: () => T0 - 60_000 });
  let counter = 0;
  seed.newId = () => deskId(TEMPLATE_DESK, ++counter);
  seedDefaultCalendar(seed, '2025-2026');
  upsertSchools(seed, [
    { code: 'E-MODEL', name: 'École élémentaire Modèle', kind: 'elementaire', address: '1 rue Modèle, 75011 Paris', headName: null },
    { code: 'M-MODEL', name: 'École maternelle Modèle', kind: 'maternelle', address: '3 rue Modèle, 75011 Paris', headName: null },
  ]);
  prepare(seed);
  const messages = seed.store.sqlite.prepare('SELECT id, hlc, node, entity, row_id AS rowId, field, value FROM outbox ORDER BY seq').all() as SyncMessage[];
  // Nothing left to send (the server has it), and no node of its own (each copy takes one).
  seed.store.sqlite.exec("DELETE FROM outbox; DELETE FROM settings WHERE key IN ('sync.node', 'sync.hlc')");
  seed.store.close();
  return { dir: seed.dataDir, messages, dispose: () => rmSync(seed.dataDir, { recursive: true, force: true }) };
}

export class SyncWorld {
  time = T0;
  readonly desks: Desk[] = [];
  private app: FastifyInstance;
  /** Requests the network holds back, delivered later (a chunk arriving late, out of order). */
  private held: HeldRequest[] = [];
  /** What happened, by kind (operations done or refused, faults, syncs): the model's coverage. */
  readonly seen = new Map<string, number>();

  /** The model's own counter of idempotency keys, the same at each replay. */
  paymentKey = 0;

  /** Conflicts the model resolved: on which desk, and the versions the agent saw there. */
  readonly resolutions: Resolution[] = [];

  private constructor(readonly store: PortalStore) {
    this.app = this.buildApp();
  }

  /** A world on an emptied server store, with `deskCount` desks enrolled and linked to it. */
  static async create(store: PortalStore, template: Template, deskCount: number): Promise<SyncWorld> {
    // DELETE, not TRUNCATE: cheaper on tables this small, hundreds of times.
    await store.db.execute(sql`DELETE FROM sync_messages`);
    await store.db.execute(sql`DELETE FROM number_blocks`);
    await store.db.execute(sql`DELETE FROM desks`);
    // The template's messages, as pushed by a desk of its own before the run (one JSON parameter, as the hub stores a chunk).
    const [{ seq }] = rowsOf<{ seq: number | null }>(
      await store.db.execute(sql`
        WITH stored AS (
          INSERT INTO sync_messages (id, desk_id, hlc, node, entity, row_id, field, value, schema_version, received_at)
          SELECT m.id, 'modèle', m.hlc, m.node, m.entity, m."rowId", m.field, m.value, ${SYNC_SCHEMA_VERSION}, ${new Date(T0).toISOString()}::timestamptz
          FROM json_to_recordset(${JSON.stringify(template.messages)}::json) AS m(id text, hlc text, node text, entity text, "rowId" text, field text, value text)
          RETURNING seq)
        SELECT max(seq)::int AS seq FROM stored`),
    ) as [{ seq: number | null }];
    const world = new SyncWorld(store);
    await world.app.ready();
    for (let i = 0; i < deskCount; i++) await world.addDesk(template.dir, i, seq ?? 0);
    return world;
  }

  private buildApp(): FastifyInstance {
    return buildPortal({ store: this.store, now: () => new Date(this.time), logLevel: false });
  }

  private async addDesk(template: string, index: number, cursor: number): Promise<void> {
    // Desks run a little behind the server (never ahead: the hub refuses a clock 5 min ahead).
    const skew = index * 700;
    const ctx = tempContext({ today: () => SCHOOL_DAY, now: () => this.time - skew }, template);
    // A node and ids of its own, the same at each replay of a seed: the order of rows does not
    // depend on random ids, and the creating desk of a row reads in its id (`deskOfId`).
    ctx.store.sqlite.prepare("UPDATE settings SET value = ? WHERE key = 'sync.node'").run(`desk${index}`);
    ctx.clock = Clock.load(ctx.store, () => this.time - skew);
    let counter = 0;
    ctx.newId = () => deskId(index, ++counter);
    const desk: Desk = { index, ctx, offlineFor: 0, faults: [] };
    this.desks.push(desk);
    const { code } = await enrolDesk(this.store, { name: `Poste ${index + 1}`, by: 'modèle', now: new Date(this.time) });
    await connectServer(ctx, { url: 'http://portal.test', code }, this.fetchFor(desk));
    // Synced already: the template's messages are behind this desk.
    writeCursor(ctx, cursor);
  }

  count(what: string): void {
    this.seen.set(what, (this.seen.get(what) ?? 0) + 1);
  }

  /** Moves the model's time on (every desk's clock follows). */
  tick(ms: number): void {
    this.time += ms;
  }

  /** A `fetch` for one desk, through the network as the model breaks it. */
  fetchFor(desk: Desk): Fetch {
    return (async (input: string | URL | Request, init?: RequestInit) => {
      if (desk.offlineFor > 0) this.count('réseau: hors connexion');
      if (desk.offlineFor > 0) throw new TypeError('fetch failed (poste hors connexion)');
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const request: HeldRequest = {
        method: init?.method ?? 'GET',
        url: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        payload: typeof init?.body === 'string' ? init.body : init?.body instanceof Uint8Array ? Buffer.from(init.body) : undefined,
      };
      const fault = desk.faults.shift() ?? 'ok';
      this.count(`réseau: ${fault}`);
      if (fault === 'dropRequest') throw new TypeError('fetch failed (requête perdue)');
      if (fault === 'delay') {
        this.held.push(request);
        throw new TypeError('fetch failed (délai dépassé)');
      }
      if (fault === 'duplicate') await this.deliver(request);
      const answer = await this.deliver(request);
      if (fault === 'dropResponse') throw new TypeError('fetch failed (réponse perdue)');
      return new Response(new Uint8Array(answer.body), { status: answer.statusCode, headers: { 'content-type': answer.contentType } });
    });
  }

  private async deliver(request: HeldRequest): Promise<{ statusCode: number; body: Buffer; contentType: string }> {
    const answer = await this.app.inject({
      method: request.method as 'GET' | 'POST',
      url: request.url,
      headers: request.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    return { statusCode: answer.statusCode, body: answer.rawPayload, contentType: String(answer.headers['content-type'] ?? 'application/json') };
  }

  /** The held requests reach the server now (late and out of order); their answers are lost. */
  async deliverHeld(): Promise<number> {
    const held = this.held.reverse();
    this.held = [];
    for (const request of held) {
      this.count('réseau: livré en retard');
      await this.deliver(request);
    }
    return held.length;
  }

  /** The server restarts: the app closed and built again on the same store. */
  async restartServer(): Promise<void> {
    this.count('serveur redémarré');
    await this.app.close();
    this.app = this.buildApp();
    await this.app.ready();
  }

  /** One desk's sync through its network; a network failure is what a desk lives with, not a fault of the model. */
  async sync(desk: Desk): Promise<'ok' | 'failed'> {
    try {
      await syncOnce(desk.ctx, this.fetchFor(desk));
      this.count('synchronisation réussie');
      return 'ok';
    } catch (error) {
      if (error instanceof ServerUnavailable) {
        this.count('synchronisation interrompue');
        return 'failed';
      }
      throw error;
    }
  }

  /** The network repaired, every held request delivered, then rounds of sync until no desk moves. */
  async settle(): Promise<void> {
    for (const desk of this.desks) {
      desk.offlineFor = 0;
      desk.faults = [];
    }
    await this.deliverHeld();
    // Two full rounds: the first gathers every change on the server, the second spreads them.
    for (let round = 0; round < 2; round++) for (const desk of this.desks) await syncOnce(desk.ctx, this.fetchFor(desk));
  }

  async dispose(): Promise<void> {
    await this.app.close();
    for (const desk of this.desks) desk.ctx.dispose();
  }
}

/** A uuid-shaped id (the sync contract wants one for messages) that names the desk (the server is emptied at each run). */
function deskId(desk: number, counter: number): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return `00000000-0000-4000-8${hex(desk, 3)}-${hex(counter, 12)}`;
}

/** The desk that created a row of the model (its id's fourth group). */
export function deskOfId(id: string): number | null {
  const m = /^00000000-0000-4000-8([0-9a-f]{3})-/.exec(id);
  return m ? parseInt(m[1]!, 16) : null;
}
