import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFamily } from '../../main/services/families/file.js';
import { connectServer } from '../../main/services/sync/connection.js';
import { pendingMessages, pushOutbox } from '../../main/services/sync/push.js';
import { syncNow, syncStatus } from '../../main/services/sync/scheduler.js';
import { enrolDesk, revokeDesk } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import { openPortalStore } from '../../portal/store/open.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { runCli } from '../helpers/cli.js';
import { familyInput } from '../helpers/fixtures.js';
import { rowsOf, portalServerForFile } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';

/** A desk pushing its outbox to a real portal server over HTTP (issue 10, « Push »). */
const server = portalServerForFile();

let desk: ReturnType<typeof tempContext>;
beforeEach(async () => {
  await server.empty();
  desk = tempContext();
});
afterEach(() => desk.dispose());

const onServer = async () => rowsOf<{ n: number }>(await server.store.db.execute(sql`SELECT COUNT(*)::int AS n FROM sync_messages`))[0]!.n;
const enrolCode = async (name = 'Accueil 1') => (await enrolDesk(server.store, { name, by: 'test', now: new Date() })).code;
const addFamily = (name: string) => createFamily(desk, familySchema.parse(familyInput({ familyName: name })));

describe('pushing the outbox', () => {
  it('sends every waiting change once; a chunk whose acknowledgement is lost is sent again and counted, not stored twice', async () => {
    await connectServer(desk, { url: server.url, code: await enrolCode() });
    addFamily('Martin');
    const waiting = pendingMessages(desk);
    expect(waiting).toBeGreaterThan(10);
    expect(await pushOutbox(desk)).toEqual({ sent: waiting, duplicates: 0, chunks: 1 });
    expect(pendingMessages(desk)).toBe(0);
    expect(await onServer()).toBe(waiting);

    addFamily('Durand');
    const more = pendingMessages(desk);
    // The server stores the chunk, but its answer never reaches the desk.
    const lostAnswer: typeof fetch = async (input, init) => {
      await fetch(input, init);
      throw new Error('connexion coupée');
    };
    await expect(pushOutbox(desk, lostAnswer)).rejects.toMatchObject({ message: expect.stringContaining('Les modifications restent en attente') as string });
    expect(pendingMessages(desk)).toBe(more);
    expect(await onServer()).toBe(waiting + more);
    expect(await pushOutbox(desk)).toEqual({ sent: more, duplicates: more, chunks: 1 });
    expect(pendingMessages(desk)).toBe(0);
    expect(await onServer()).toBe(waiting + more);
  });

  it('cuts the outbox in chunks of at most 1,000 messages', async () => {
    await connectServer(desk, { url: server.url, code: await enrolCode() });
    for (let i = 0; i < 60; i++) addFamily(`Famille${String.fromCharCode(65 + (i % 26))}`);
    const waiting = pendingMessages(desk);
    expect(waiting).toBeGreaterThan(1000);
    const report = await pushOutbox(desk);
    expect(report).toEqual({ sent: waiting, duplicates: 0, chunks: Math.ceil(waiting / 1000) });
    expect(await onServer()).toBe(waiting);
  });

  it('keeps everything when the server is unreachable, revoked, or never connected, and says why in French', async () => {
    addFamily('Martin');
    const waiting = pendingMessages(desk);
    await expect(pushOutbox(desk)).rejects.toMatchObject({ message: expect.stringContaining('n’est relié à aucun serveur') as string });
    await expect(connectServer(desk, { url: 'ftp://serveur', code: 'x' })).rejects.toMatchObject({ field: 'url' });
    await expect(connectServer(desk, { url: server.url, code: 'ABCD-EFGH-JKMN' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('Code d’enrôlement inconnu') as string });
    await connectServer(desk, { url: server.url, code: await enrolCode('Régie') });
    const down: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    await expect(pushOutbox(desk, down)).rejects.toMatchObject({ message: expect.stringContaining('Serveur injoignable') as string });
    await revokeDesk(server.store, 'Régie', new Date());
    await expect(pushOutbox(desk)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('révoqué') as string });
    expect(pendingMessages(desk)).toBe(waiting);
    expect(await onServer()).toBe(0);
  });

  it('from the command line: server connect, then sync', async () => {
    addFamily('Martin');
    const waiting = pendingMessages(desk);
    const dir = desk.dataDir;
    desk.store.close();
    const connect = await runCli(['server', 'connect', server.url, (await enrolCode()).toLowerCase(), '--data', dir]);
    expect(connect.stdout).toContain('Poste relié au serveur');
    expect(connect.code).toBe(0);
    const run = await runCli(['sync', '--data', dir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ push: { sent: waiting, duplicates: 0 }, pull: { received: 0 }, pending: 0 });
    const status = await runCli(['server', 'status', '--data', dir]);
    expect(status.stdout).toContain('0 modification(s) en attente');
    rmSync(dir, { recursive: true, force: true });
    desk = tempContext();
  });

  it('tells the status strip: not enrolled, synced with the time, offline with the changes kept, then synced again', async () => {
    // A new desk's first document key (its row, never the key) waits to be sent with the rest.
    expect(syncStatus(desk)).toMatchObject({ state: 'none', server: null, pending: 5 });
    await connectServer(desk, { url: server.url, code: await enrolCode() });
    addFamily('Martin');
    expect(syncStatus(desk)).toMatchObject({ state: 'synced', lastSyncAt: null, server: { url: server.url, deskName: 'Accueil 1' } });
    const synced = await syncNow(desk);
    expect(synced).toMatchObject({ state: 'synced', pending: 0, error: null });
    expect(Date.parse(synced.lastSyncAt!)).not.toBeNaN();
    addFamily('Durand');
    const down: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const offline = await syncNow(desk, down);
    expect(offline).toMatchObject({ state: 'offline', lastSyncAt: synced.lastSyncAt, error: expect.stringContaining('Serveur injoignable') as string });
    expect(offline.pending).toBeGreaterThan(0);
    expect(await syncNow(desk)).toMatchObject({ state: 'synced', pending: 0, error: null });
  });
});

describe('a server whose database is down', () => {
  it('answers 503 on /health and on sync; the desk says « serveur indisponible », keeps its changes and syncs once the base is back', async () => {
    // Nothing listens on port 1: the pool cannot connect, as when PostgreSQL is stopped.
    const deadStore = await openPortalStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' });
    const dead = buildPortal({ store: deadStore, now: () => new Date(), logLevel: false });
    try {
      const health = await dead.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', message: expect.stringContaining('Base de données injoignable') as string });

      await connectServer(desk, { url: server.url, code: await enrolCode() });
      addFamily('Martin');
      const waiting = pendingMessages(desk);
      // The desk's calls reach the server whose base is down.
      const toDead: typeof fetch = async (input, init) => {
        const target = new URL(input as string);
        const res = await dead.inject({ method: init?.method as 'GET' | 'POST', url: target.pathname + target.search, headers: init?.headers as Record<string, string>, payload: init?.body as string | undefined });
        return new Response(res.body, { status: res.statusCode, headers: { 'content-type': 'application/json' } });
      };
      const status = await syncNow(desk, toDead);
      expect(status).toMatchObject({ state: 'offline', pending: waiting, error: expect.stringMatching(/^Serveur indisponible\u00a0: sa base de données ne répond pas.*Les modifications restent en attente sur ce poste\.$/) as string });
      expect(await onServer()).toBe(0);
      expect(await syncNow(desk)).toMatchObject({ state: 'synced', pending: 0 });
      expect(await onServer()).toBe(waiting);
    } finally {
      await dead.close();
      await deadStore.close();
    }
  });
});
