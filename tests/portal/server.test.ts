import { describe, expect, it } from 'vitest';
import { runPortalCli } from '../../portal/commands.js';
import { buildPortal } from '../../portal/server.js';
import { openPortalStore } from '../../portal/store/open.js';
import { STORE_KINDS, type TestStoreKind } from '../helpers/portal-store.js';

const NOW = new Date('2026-12-01T09:00:00Z');

describe.each(STORE_KINDS)('the portal server and its CLI on $name', (kind: TestStoreKind) => {
  it('enrols a desk with the CLI’s code and POST /sync/enrol; a replay and bad bodies get a French 4xx', async () => {
    // One opener at a time on PGlite: the CLI runs while the server is stopped (store.ts).
    const place = kind.place();
    try {
      const made = await runPortalCli(['desk', 'enrol', '--name', 'Accueil 1', '--json'], place.env, () => NOW);
      expect(made.code).toBe(0);
      const { code } = JSON.parse(made.stdout) as { code: string };
      const store = await openPortalStore(place.options);
      const app = buildPortal({ store, now: () => NOW, logLevel: false });
      try {
        const health = await app.inject({ method: 'GET', url: '/health' });
        expect(health.statusCode).toBe(200);
        expect(health.json()).toMatchObject({ status: 'ok', database: kind.name, message: null });
        if (kind.name === 'pglite') {
          const busy = await runPortalCli(['desk', 'list'], place.env, () => NOW);
          expect(busy).toMatchObject({ code: 1, stderr: expect.stringContaining('ouverte par un autre programme') as string });
        }
        const enrol = (body: unknown) => app.inject({ method: 'POST', url: '/sync/enrol', payload: body as object });
        const ok = await enrol({ code });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ name: 'Accueil 1', serverTime: NOW.toISOString(), credential: expect.any(String) as string });
        const replay = await enrol({ code });
        expect(replay.statusCode).toBe(401);
        expect(replay.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('déjà utilisé') as string } });
        const missing = await enrol({});
        expect(missing.statusCode).toBe(400);
        expect(missing.json()).toMatchObject({ error: { field: 'code', message: expect.stringContaining('Code d’enrôlement obligatoire.') as string } });
        expect((await enrol({ code, extra: 1 })).statusCode).toBe(400);
        const garbled = await app.inject({ method: 'POST', url: '/sync/enrol', headers: { 'content-type': 'application/json' }, payload: '{nope' });
        expect(garbled.statusCode).toBe(400);
        expect(garbled.json()).toMatchObject({ error: { message: expect.stringContaining('Requête invalide') as string } });
        expect((await app.inject({ method: 'GET', url: '/nulle-part' })).statusCode).toBe(404);
      } finally {
        await app.close();
        await store.close();
      }
      const listed = await runPortalCli(['desk', 'list'], place.env, () => NOW);
      expect(listed.stdout).toContain('Accueil 1 (n°\u00a001) — enrôlé');
      const revoked = await runPortalCli(['desk', 'revoke', 'Accueil 1'], place.env, () => NOW);
      expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining('révoqué') as string });
      expect(await runPortalCli(['desk', 'revoke', 'Personne'], place.env, () => NOW)).toMatchObject({ code: 1, stderr: 'Aucun poste «\u00a0Personne\u00a0».\n' });
      expect(await runPortalCli(['desk', 'enrol'], place.env, () => NOW)).toMatchObject({ code: 2, stderr: expect.stringContaining('--name est obligatoire') as string });
      expect((await runPortalCli(['status'], place.env, () => NOW)).code).toBe(0);
    } finally {
      await place.cleanup();
    }
  });
});

describe('the portal server before its migrations', () => {
  it('answers /health 503 saying which command to run, until `migrate`', async () => {
    const place = STORE_KINDS[0]!.place();
    const store = await openPortalStore(place.options);
    try {
      const app = buildPortal({ store, now: () => NOW, logLevel: false });
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', migrations: { applied: 0 }, message: expect.stringContaining('npm run portal:cli -- migrate') as string });
      await app.close();
    } finally {
      await store.close();
    }
    const status = await runPortalCli(['status'], place.env, () => NOW);
    expect(status.code).toBe(1);
    expect((await runPortalCli(['migrate'], place.env, () => NOW)).code).toBe(0);
    expect((await runPortalCli(['status'], place.env, () => NOW)).code).toBe(0);
    await place.cleanup();
  });
});
