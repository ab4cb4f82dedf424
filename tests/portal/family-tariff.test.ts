import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { pushMessages } from '../../portal/sync/hub.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { formatCents } from '../../shared/domain/money.js';
import { DEFAULT_QF_UPPER_BOUNDS } from '../../shared/domain/tranche.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { textOf } from '../helpers/family-browser.js';
import { enrolledDesk, STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

/**
 * « Estimer mon tarif » (issue 11, « Accueil public »): a quotient familial gives its tranche by the
 * grid in force (read from the desks' rows on the server) and the price per meal; the school year
 * of the day, in summer the next one; the bounds are inclusive, as the desks bill.
 */
const NOW = new Date('2026-12-02T09:00:00Z');
let serial = 0;
const messages = (entity: string, rowId: string, values: Record<string, unknown>): SyncMessage[] =>
  Object.entries(values).map(([field, value]) => ({
    id: `0192f0c4-7a1b-7c2d-8e3f-${(++serial).toString(16).padStart(12, '0')}`,
    hlc: encodeHlc({ millis: NOW.getTime() - 3_600_000, counter: serial, node: 'aaaa' }),
    node: 'aaaa',
    entity,
    rowId,
    field,
    value: JSON.stringify(value),
  }));
/** A year's grid: tranche t costs 100 × t + year offset cents, so each year's prices differ. */
const grid = (yearId: string, offset: number) =>
  Array.from({ length: 10 }, (_, i) => messages('tariff_grids', `${yearId}-t${i + 1}`, { school_year_id: yearId, tranche: i + 1, qf_upper_bound: DEFAULT_QF_UPPER_BOUNDS[i] ?? null, unit_price_cents: 100 * (i + 1) + offset })).flat();

describe.each(STORE_KINDS)('the tariff estimate on $name', (kind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let now = NOW;
  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
    app = buildPortal({ store, now: () => now, logLevel: false });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });
  const estimate = async (qf: string) => app.inject({ method: 'GET', url: `/estimer-mon-tarif?qf=${encodeURIComponent(qf)}` });

  it('says the grid is not published while the server has none', async () => {
    expect(textOf((await app.inject({ method: 'GET', url: '/estimer-mon-tarif' })).body)).toContain('La grille des tarifs de l’année n’est pas encore publiée ici.');
  });

  it.each([
    ['0', 1],
    ['234', 1],
    ['235', 2],
    ['850', 4],
    ['959', 4],
    ['960', 5],
    ['5000', 9],
    ['5001', 10],
    ['120000', 10],
  ])('gives QF %s € tranche %i, at the price of the year in force', async (qf, tranche) => {
    const desk = (await enrolledDesk(store, `Accueil ${serial}`, NOW)).deskId;
    await store.db.execute(sql`TRUNCATE sync_messages, replica_rows`);
    await pushMessages(
      store,
      desk,
      {
        schemaVersion: SYNC_SCHEMA_VERSION,
        cursor: 0,
        messages: [
          ...messages('school_years', 'y2025', { label: '2025-2026', first_day: '2025-09-01', last_day: '2026-07-03' }),
          ...messages('school_years', 'y2026', { label: '2026-2027', first_day: '2026-09-01', last_day: '2027-07-02' }),
          ...grid('y2025', 0),
          ...grid('y2026', 7),
        ],
      },
      NOW,
    );
    now = NOW;
    const page = textOf((await estimate(qf)).body);
    expect(page).toContain(`Tranche ${tranche}\u00a0: ${formatCents(100 * tranche + 7)} par repas.`);
    expect(page).toContain('Grille 2026-2027');
    expect(page).toContain('Estimation non contractuelle');
    // In summer, the grid of the year to come.
    now = new Date('2026-07-20T09:00:00Z');
    expect(textOf((await estimate(qf)).body)).toContain(`${formatCents(100 * tranche + 7)} par repas.`);
    now = new Date('2026-03-20T09:00:00Z');
    expect(textOf((await estimate(qf)).body)).toContain(`${formatCents(100 * tranche)} par repas.`);
  });

  it('says beside the field what is wrong with a quotient', async () => {
    now = NOW;
    const res = await estimate('huit cents');
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Quotient familial\u00a0: un nombre entier d’euros (par exemple 850).');
  });
});
