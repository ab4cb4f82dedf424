import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AccountLinkDetails, LinkForm } from '../../shared/contract/family-accounts.js';
import { parisToday } from '../../shared/domain/dates.js';
import type { PortalStore } from '../store/open.js';
import { familyAccounts, replicaRows } from '../store/schema.js';
import { writeServerRows } from '../sync/server-writes.js';
import type { FamilyAccount } from './accounts.js';
import { familyByDossier } from './household.js';

/**
 * Linking an espace to its family's file (issue 11, « Ma Famille »): never automatically, never by
 * name. The parent gives the dossier number and a child's birth date; the server writes a request
 * of type `account_link` into the desks' inbox (marked « Portail »), naming the family that holds
 * that number, if any; an agent compares and decides at the desk. The espace is linked when the
 * decision comes back through sync (read at the parent's next page).
 */
export type LinkState =
  | { state: 'linked'; familyId: string }
  | { state: 'none' }
  | { state: 'waiting'; sentOn: string }
  | { state: 'refused'; note: string | null };

export async function requestLink(store: PortalStore, account: FamilyAccount, form: LinkForm, now: Date): Promise<void> {
  const familyId = await familyByDossier(store.db, form.dossierNumber);
  const requestId = randomUUID();
  const details: AccountLinkDetails = {
    accountId: account.id,
    email: account.email,
    lastName: account.lastName,
    firstName: account.firstName,
    dossierNumber: form.dossierNumber,
    childBirthDate: form.childBirthDate,
  };
  const at = now.toISOString();
  await writeServerRows(
    store,
    [
      {
        entity: 'requests',
        rowId: requestId,
        values: {
          family_id: familyId,
          child_id: null,
          type: 'account_link',
          source: 'portal',
          status: 'received',
          received_on: parisToday(now),
          handled_by: null,
          created_at: at,
          updated_at: at,
          details: JSON.stringify(details),
          missing_pieces: null,
          decision: null,
          decided_at: null,
          decided_by: null,
          letter_note: null,
        },
      },
    ],
    now,
  );
  await store.db.update(familyAccounts).set({ linkRequestId: requestId }).where(eq(familyAccounts.id, account.id));
}

/** Where the espace's link stands; an accepted request links it now (the agent's decision came by sync). */
export async function linkState(store: PortalStore, account: FamilyAccount): Promise<LinkState> {
  if (account.familyId) return { state: 'linked', familyId: account.familyId };
  if (!account.linkRequestId) return { state: 'none' };
  const [row] = await store.db
    .select({ data: replicaRows.data })
    .from(replicaRows)
    .where(and(eq(replicaRows.entity, 'requests'), eq(replicaRows.rowId, account.linkRequestId)));
  const data = row?.data ?? {};
  if (data._deleted === true) return { state: 'none' };
  if (data.status === 'accepted' && typeof data.family_id === 'string') {
    await store.db.update(familyAccounts).set({ familyId: data.family_id }).where(eq(familyAccounts.id, account.id));
    return { state: 'linked', familyId: data.family_id };
  }
  if (data.status === 'refused') return { state: 'refused', note: typeof data.letter_note === 'string' ? data.letter_note : null };
  return { state: 'waiting', sentOn: typeof data.received_on === 'string' ? data.received_on : '' };
}
