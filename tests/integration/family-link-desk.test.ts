import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createFamily } from '../../main/services/families/index.js';
import { decideAccountLink } from '../../main/services/requests/account-link.js';
import { listRequests } from '../../main/services/requests/requests.js';
import { connectServer } from '../../main/services/sync/connection.js';
import { syncOnce } from '../../main/services/sync/index.js';
import { enrolDesk } from '../../portal/desks/enrolment.js';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { mailOutbox } from '../../portal/store/schema.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { loggedInParent, textOf } from '../helpers/family-browser.js';
import { familyInput } from '../helpers/fixtures.js';
import { STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';
import { tempContext } from '../helpers/temp-context.js';

/**
 * Linking an espace, end to end through a real desk and a real server (issue 11, « Ma Famille »
 * and « On the desk »): the family is created at the desk and synced; the parent asks from the
 * portal; the request reaches the desk's inbox marked « Portail »; the agent links it at the desk;
 * after the desk's next sync, the parent's « Ma famille » shows the household.
 */
let store: PortalStore;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let url = '';
let desk: ReturnType<typeof tempContext>;

beforeAll(async () => {
  ({ store, dispose } = await tempPortalStore(STORE_KINDS.find((k) => k.name === 'postgres')!));
  app = buildPortal({ store, now: () => new Date(), logLevel: false });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await dispose();
});
beforeEach(async () => {
  desk = tempContext();
  await connectServer(desk, { url, code: (await enrolDesk(store, { name: 'Accueil 1', by: 'test', now: new Date() })).code });
});
afterEach(() => desk.dispose());

const activation = async (email: string) => (await store.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)))[0]!.text;

it('links an espace once the agent accepted the parent’s request at the desk', async () => {
  const family = createFamily(desk, familySchema.parse(familyInput({ familyName: 'Martin' })));
  await syncOnce(desk);

  const parent = await loggedInParent(app, activation, { lastName: 'Martin', firstName: 'Élodie', email: 'elodie.martin@example.fr', password: 'une cantine pour Zoé' });
  await parent.get('/ma-famille');
  expect(await parent.post('/ma-famille/relier', { dossierNumber: String(family.dossierNumber), childBirthDate: '2018-05-04' })).toMatchObject({ status: 303 });

  await syncOnce(desk);
  const rows = listRequests(desk, { type: 'account_link', sort: 'received' });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ source: 'portal', familyId: family.id });

  expect(textOf((await parent.get('/ma-famille')).html)).toContain('Votre demande de rattachement est envoyée');
  decideAccountLink(desk, { requestId: rows[0]!.id, decision: 'accept' });
  await syncOnce(desk);

  const page = textOf((await parent.get('/ma-famille')).html);
  expect(page).toContain(`Dossier n°\u00a0${family.dossierNumber} — Martin`);
  expect(page).toContain('Zoé Martin-Lefèvre');
  expect(page).toContain('Jours de cantine\u00a0: lun., mar., jeu., ven.');
  expect(page).toContain('Jean-Baptiste Lefèvre');
});
