import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticateDesk, enrolDesk, ENROLMENT_VALIDITY_MS, listDesks, redeemEnrolmentCode, revokeDesk } from '../../portal/desks/enrolment.js';
import { health } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

const T0 = new Date('2026-12-01T09:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(STORE_KINDS)('the portal’s store on $name', (kind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  // One store per engine for the file (PGlite takes seconds to start); emptied before each test.
  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
  });
  afterAll(() => dispose());
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE desks`);
  });

  it('is migrated and healthy', async () => {
    expect(await health(store)).toMatchObject({ status: 'ok', database: kind.name, migrations: { applied: expect.any(Number) as number }, message: null });
    const state = await health(store);
    expect(state.migrations!.applied).toBe(state.migrations!.shipped);
  });

  it('enrols a desk once with its one-time code, typed loosely, then knows it by its credential', async () => {
    const { code, desk, expiresAt } = await enrolDesk(store, { name: '  Accueil 1 ', by: 'test', now: T0 });
    expect(desk).toMatchObject({ name: 'Accueil 1', state: 'awaiting' });
    expect(expiresAt).toBe(later(ENROLMENT_VALIDITY_MS).toISOString());
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const redeemed = await redeemEnrolmentCode(store, typed, later(1000));
    expect(redeemed).toMatchObject({ deskId: desk.id, name: 'Accueil 1' });
    expect(await authenticateDesk(store, redeemed.credential, later(2000))).toEqual({ id: desk.id, name: 'Accueil 1' });
    await expect(redeemEnrolmentCode(store, code, later(3000))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('déjà utilisé') as string });
    expect((await listDesks(store, later(4000)))[0]).toMatchObject({ state: 'enrolled', lastSeenAt: later(2000).toISOString() });
  });

  it.each([
    ['one millisecond before the end of its 24 hours', ENROLMENT_VALIDITY_MS - 1, true],
    ['at the end of its 24 hours', ENROLMENT_VALIDITY_MS, false],
    ['a day later', 2 * ENROLMENT_VALIDITY_MS, false],
  ])('a code redeemed %s is %s', async (_label, after, accepted) => {
    const { code } = await enrolDesk(store, { name: 'Régie', by: 'test', now: T0 });
    const attempt = redeemEnrolmentCode(store, code, later(after));
    if (accepted) await expect(attempt).resolves.toMatchObject({ name: 'Régie' });
    else await expect(attempt).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a malformed code naming the field, and a bad desk name', async () => {
    await expect(redeemEnrolmentCode(store, 'ABCD', T0)).rejects.toMatchObject({ code: 'VALIDATION', field: 'code' });
    await expect(enrolDesk(store, { name: '   ', by: 'test', now: T0 })).rejects.toMatchObject({ code: 'VALIDATION', message: 'Nom du poste obligatoire.' });
    await expect(enrolDesk(store, { name: 'Accueil\u202e1', by: 'test', now: T0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await listDesks(store, T0)).toEqual([]);
  });

  it('a revoked desk is refused at once with a French message; an unknown credential too', async () => {
    const { code, desk } = await enrolDesk(store, { name: 'Instruction', by: 'test', now: T0 });
    const { credential } = await redeemEnrolmentCode(store, code, T0);
    expect((await revokeDesk(store, 'Instruction', later(10))).state).toBe('revoked');
    await expect(authenticateDesk(store, credential, later(20))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('révoqué') as string });
    await expect(authenticateDesk(store, 'x'.repeat(43), T0)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(revokeDesk(store, 'Inconnu', T0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listDesks(store, T0)).map((d) => d.id)).toEqual([desk.id]);
  });
});
