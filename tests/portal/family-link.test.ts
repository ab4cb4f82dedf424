import { desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../portal/config.js';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { mailOutbox, replicaRows } from '../../portal/store/schema.js';
import { pullMessages, pushMessages } from '../../portal/sync/hub.js';
import { SYNC_SCHEMA_VERSION, type SyncMessage } from '../../shared/contract/sync.js';
import { formatLongFrenchDate } from '../../shared/domain/dates.js';
import { encodeHlc } from '../../shared/domain/hlc.js';
import { loggedInParent, textOf, type FamilyBrowser } from '../helpers/family-browser.js';
import { enrolledDesk, STORE_KINDS, tempPortalStore } from '../helpers/portal-store.js';

/**
 * Linking an espace to its family's file (issue 11, « Ma Famille »): the parent's request reaches
 * the desks as an `account_link` request from the server; an agent's decision comes back by sync;
 * only then does « Ma famille » show the household, read from the server's copy of the rows.
 */
const NOW = new Date('2026-12-02T09:00:00Z');
let serial = 0;

function rowMessages(entity: string, rowId: string, values: Record<string, unknown>, second = 1): SyncMessage[] {
  return Object.entries(values).map(([field, value]) => ({
    id: `0192f0c4-7a1b-7c2d-8e3f-${(++serial).toString(16).padStart(12, '0')}`,
    hlc: encodeHlc({ millis: NOW.getTime() - 3_600_000 + second * 1000, counter: serial % 1000, node: 'aaaa' }),
    node: 'aaaa',
    entity,
    rowId,
    field,
    value: JSON.stringify(value),
  }));
}

const MARTIN = [
  ...rowMessages('families', 'f-martin', { dossier_number: 40945, family_name: 'Martin', status: 'active', address_line1: '12 rue de la Roquette', postal_code: '75011', city: 'Paris' }),
  ...rowMessages('guardians', 'g-martin', { family_id: 'f-martin', rank: 1, last_name: 'Martin', first_name: 'Élodie', is_payer: true, email: 'elodie.martin@example.fr', phone_mobile: '0612345678' }),
  ...rowMessages('schools', 's-roquette', { code: '0750001A', name: 'École élémentaire Roquette', kind: 'elementaire' }),
  ...rowMessages('children', 'c-zoe', { family_id: 'f-martin', last_name: 'Martin', first_name: 'Zoé', birth_date: '2018-05-04', school_id: 's-roquette', class_name: 'CE2', enrolled_from: '2025-09-01', enrolled_to: null }),
  ...rowMessages('rhythms', 'r-zoe', { child_id: 'c-zoe', weekdays: '1,2,4,5', effective_from: '2025-09-01' }),
];

describe.each(STORE_KINDS)('linking an espace on $name', (kind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let desk = '';

  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
    app = buildPortal({ store, now: () => NOW, logLevel: false, settings: DEFAULT_SETTINGS });
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE desks, sync_messages, replica_rows, mail_outbox, family_accounts CASCADE`);
    desk = (await enrolledDesk(store, 'Accueil 1', NOW)).deskId;
    await pushMessages(store, desk, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: MARTIN }, NOW);
  });

  const activation = async (email: string) => (await store.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)))[0]!.text;
  const elodie = () => loggedInParent(app, activation, { lastName: 'Martin', firstName: 'Élodie', email: 'elodie.martin@example.fr', password: 'une cantine pour Zoé' });
  const linkRequest = async () => (await store.db.select().from(replicaRows).where(eq(replicaRows.entity, 'requests')))[0]!;
  const ask = async (browser: FamilyBrowser, dossierNumber: string, childBirthDate: string) => {
    await browser.get('/ma-famille');
    return browser.post('/ma-famille/relier', { dossierNumber, childBirthDate });
  };
  /** The desk's agent decides, after pulling the request (its clock is past the server's): the messages a decision sends. */
  const decide = (requestId: string, status: 'accepted' | 'refused', note: string | null) =>
    pushMessages(store, desk, { schemaVersion: SYNC_SCHEMA_VERSION, cursor: 0, messages: rowMessages('requests', requestId, { status, decided_at: NOW.toISOString(), decided_by: 'agent', letter_note: note }, 3660) }, NOW);

  it('sends the request to the desks, and shows the household once an agent accepted it', async () => {
    const browser = await elodie();
    expect(textOf((await browser.get('/ma-famille')).html)).toContain('Votre espace n’est pas encore relié au dossier de votre famille.');
    expect(await ask(browser, '40945', '2018-05-04')).toMatchObject({ status: 303, location: '/ma-famille' });

    const request = await linkRequest();
    expect(request.data).toMatchObject({ type: 'account_link', source: 'portal', status: 'received', family_id: 'f-martin', received_on: '2026-12-02' });
    expect(JSON.parse(request.data.details as string)).toMatchObject({ email: 'elodie.martin@example.fr', dossierNumber: '40945', childBirthDate: '2018-05-04' });
    // The desks pull it like another desk's row.
    const pulled = await pullMessages(store, desk, { schemaVersion: SYNC_SCHEMA_VERSION, after: 0, limit: 5000 });
    expect(pulled.messages.filter((m) => m.rowId === request.rowId && m.node === 'server').map((m) => m.field)).toEqual(expect.arrayContaining(['type', 'source', 'details', 'family_id']));

    const waiting = textOf((await browser.get('/ma-famille')).html);
    expect(waiting).toContain(`Votre demande de rattachement est envoyée (le ${formatLongFrenchDate('2026-12-02')})`);
    expect(waiting).not.toContain('Zoé');
    // A second request while one waits sends nothing.
    await ask(browser, '40945', '2018-05-04');
    expect(await store.db.select().from(replicaRows).where(eq(replicaRows.entity, 'requests'))).toHaveLength(1);

    await decide(request.rowId, 'accepted', null);
    const family = textOf((await browser.get('/ma-famille')).html);
    expect(family).toContain('Dossier n°\u00a040945 — Martin');
    expect(family).toContain('Élodie Martin payeur');
    expect(family).toContain(`Zoé Martin Né(e) le ${formatLongFrenchDate('2018-05-04')} École élémentaire Roquette, CE2 Jours de cantine\u00a0: lun., mar., jeu., ven.`);
    expect(textOf((await browser.get('/mon-accueil')).html)).toContain('Rien à faire pour le moment.');
  });

  it('shows the agent’s refusal with its note, and lets the parent ask again', async () => {
    const browser = await elodie();
    await ask(browser, '40946', '2018-05-04');
    const request = await linkRequest();
    expect(request.data.family_id).toBeNull();
    await decide(request.rowId, 'refused', 'Aucun dossier ne porte ce numéro : vérifiez-le sur votre facture.');
    const page = textOf((await browser.get('/ma-famille')).html);
    expect(page).toContain('Votre demande de rattachement n’a pas été acceptée. Message de la Caisse\u00a0: «\u00a0Aucun dossier ne porte ce numéro : vérifiez-le sur votre facture.\u00a0»');
    expect(page).toContain('Envoyer la demande');
    expect(page).not.toContain('Zoé');
  });

  it('says what is wrong with the form beside each field, and sends nothing', async () => {
    const browser = await elodie();
    const page = await ask(browser, 'AB12', '2018-02-30');
    expect(page.status).toBe(400);
    const text = textOf(page.html);
    expect(text).toContain('Numéro de dossier\u00a0: des chiffres seulement (il figure en haut de vos factures).');
    expect(text).toContain('Date invalide');
    expect(await store.db.select().from(replicaRows).where(eq(replicaRows.entity, 'requests'))).toEqual([]);
  });

  it('shows nothing of a family to an espace that is not linked to it', async () => {
    const browser = await elodie();
    const other = await loggedInParent(app, activation, { lastName: 'Durand', firstName: 'Paul', email: 'paul.durand@example.fr', password: 'un autre mot de passe' });
    await ask(browser, '40945', '2018-05-04');
    await decide((await linkRequest()).rowId, 'accepted', null);
    expect(textOf((await browser.get('/ma-famille')).html)).toContain('Zoé');
    expect(textOf((await other.get('/ma-famille')).html)).not.toContain('Zoé');
  });
});
