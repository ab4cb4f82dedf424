import { AppError } from '../../../shared/contract/errors.js';
import { type AccountLinkDecision, type AccountLinkFacts, REQUEST_SCHEMAS, type RequestStatus } from '../../../shared/contract/requests.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { all, conflict, nowIso, one } from '../../store/sql.js';
import { requireOpenRequest, requireRequest, storedDetails, updateRequest } from './requests.js';

/**
 * « Rattachement d’un espace famille » (issue 11): a parent of Mon Espace Famille asks to link
 * their espace to the family file whose dossier number they give, with a child's birth date as
 * proof. The server writes the request (source « portal »), its family being the one whose number
 * matched; an agent checks the facts here and links or refuses — never anything automatic by name.
 */

const name = (first: string, last: string) => `${first} ${last}`.trim();

/** What the agent checks: the family designated, its guardians, its children born on the day given. */
export function accountLinkFacts(ctx: AppContext, requestId: string): AccountLinkFacts {
  const request = requireRequest(ctx, requestId, 'account_link');
  const details = storedDetails(request, REQUEST_SCHEMAS.account_link.details);
  const family =
    request.familyId === null
      ? undefined
      : one<{ id: string; family_name: string; dossier_number: number }>(ctx, 'SELECT id, family_name, dossier_number FROM families WHERE id = ?', request.familyId);
  if (!family) return { family: null, guardians: [], childrenBornThatDay: null };
  const guardians = all<{ first_name: string; last_name: string; email: string | null }>(
    ctx,
    'SELECT first_name, last_name, email FROM guardians WHERE family_id = ? ORDER BY rank',
    family.id,
  );
  const born =
    details.childBirthDate === null
      ? null
      : all<{ id: string; first_name: string; last_name: string }>(
          ctx,
          'SELECT id, first_name, last_name FROM children WHERE family_id = ? AND birth_date = ? ORDER BY first_name, id',
          family.id,
          details.childBirthDate,
        );
  return {
    family: { id: family.id, familyName: family.family_name, dossierNumber: family.dossier_number },
    // E-mails compared lower-cased: the espace's login is, the guardian's address may not be.
    guardians: guardians.map((g) => ({ name: name(g.first_name, g.last_name), sameEmail: g.email !== null && g.email.toLowerCase() === details.email })),
    childrenBornThatDay: born === null ? null : born.map((c) => ({ id: c.id, name: name(c.first_name, c.last_name) })),
  };
}

/**
 * Links the espace to the request's family (accepted: the server links the account when the
 * decision reaches it) or refuses, with a note the parent reads in their espace (required). One
 * transaction, audited, with its sync messages.
 */
export function decideAccountLink(
  ctx: AppContext,
  input: { requestId: string; decision: 'accept' | 'refuse'; note?: string | null },
): { status: RequestStatus } {
  return transaction(ctx, () => {
    const request = requireOpenRequest(ctx, input.requestId, 'account_link');
    const note = input.note?.trim() || null;
    const decided = { decidedAt: nowIso(), decidedBy: ctx.actor, letterNote: note };
    if (input.decision === 'refuse') {
      if (note === null) throw AppError.invalid('note', 'Note\u00a0: obligatoire pour un refus, la famille la lira dans son espace.');
      const decision: AccountLinkDecision = { decision: 'refuse', note };
      updateRequest(ctx, request, { status: 'refused', decision: JSON.stringify(decision), ...decided }, 'request.decide');
      return { status: 'refused' as const };
    }
    if (request.familyId === null) {
      const { dossierNumber } = storedDetails(request, REQUEST_SCHEMAS.account_link.details);
      throw conflict(
        `Aucun dossier ne porte le numéro donné («\u00a0${dossierNumber}\u00a0»)\u00a0: l’espace ne peut être rattaché à aucun dossier. Refusez la demande en expliquant pourquoi à la famille.`,
      );
    }
    const decision: AccountLinkDecision = { decision: 'accept', familyId: request.familyId, note };
    updateRequest(ctx, request, { status: 'accepted', decision: JSON.stringify(decision), ...decided }, 'request.decide');
    return { status: 'accepted' as const };
  });
}
